package vt_test

import (
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestWide(t *testing.T) {
	wide := vt.Cell{Rune: '世', Wide: true}
	tail := vt.Cell{WideTail: true}
	runScreenCases(t, []screenCase{
		{name: "two cells", in: "a世b", lines: []string{"a世b"}, row: 0, col: 4,
			cells: []cellWant{{0, 1, wide}, {0, 2, tail}, {0, 3, ch('b')}}},
		{name: "fills row", in: "世界世界世", lines: []string{"世界世界世"}, row: 0, col: 9},
		{name: "wraps early at last column", in: "abcdefghi世", lines: []string{"abcdefghi", "世"}, row: 1, col: 2,
			check: func(t *testing.T, e *vt.Emulator) {
				if e.Framebuffer().Row(0).Wrapped {
					t.Error("row 0 marked wrapped after an early wide wrap")
				}
			}},
		{name: "overwrite head", in: "世\x1b[1Gx", lines: []string{"x"}, row: 0, col: 1,
			cells: []cellWant{{0, 1, vt.Cell{}}}},
		{name: "overwrite tail", in: "世\x1b[2Gx", lines: []string{" x"}, row: 0, col: 2,
			cells: []cellWant{{0, 0, vt.Cell{}}, {0, 1, ch('x')}}},
		{name: "wide over wide shifted", in: "世界\x1b[2G中", lines: []string{" 中"}, row: 0, col: 3,
			cells: []cellWant{{0, 0, vt.Cell{}}, {0, 3, vt.Cell{}}}},
		{name: "ECH splits", in: "世界\x1b[2G\x1b[X", lines: []string{"  界"}, row: 0, col: 1},
		{name: "DCH splits", in: "a世b\x1b[2G\x1b[P", lines: []string{"a b"}, row: 0, col: 1},
		{name: "ICH pushes wide off", in: "abcdefgh世\x1b[1G\x1b[@", lines: []string{" abcdefgh"}, row: 0, col: 0},
		{name: "emoji", in: "🙂!", lines: []string{"🙂!"}, row: 0, col: 3},
		{name: "combining", in: "e\u0301x", lines: []string{"e\u0301x"}, row: 0, col: 2,
			cells: []cellWant{{0, 0, vt.Cell{Rune: 'e', Comb: "\u0301"}}}},
		{name: "combining on wide", in: "世\u0301", lines: []string{"世\u0301"}, row: 0, col: 2},
		{name: "combining at pending wrap", in: "abcdefghij\u0301", lines: []string{"abcdefghij\u0301"}, row: 0, col: 9},
		{name: "fallback at line start", in: "abc\r\n\u0302", lines: []string{"abc", "\u00a0\u0302"}, row: 1, col: 1,
			cells: []cellWant{{1, 0, vt.Cell{Comb: "\u0302"}}}},
		{name: "fallback after erase", in: "0\x1b[1J\u0334", lines: []string{"\u00a0\u0334"}, row: 0, col: 2},
		{name: "combining bounded", in: "a" + strings.Repeat("\u0301", 100), lines: []string{"a" + strings.Repeat("\u0301", 16)}, row: 0, col: 1},
		{name: "unprintable dropped", in: "a\u0378b\U000effffc", lines: []string{"abc"}, row: 0, col: 3},
		{name: "invalid utf8", in: "a\xffb", lines: []string{"a\ufffdb"}, row: 0, col: 3},
		{name: "latin1", in: "\u00a0\u00ad\u00e9", lines: []string{"\u00a0\u00ad\u00e9"}, row: 0, col: 3},
		{name: "wide no autowrap", in: "\x1b[?7labcdefghi世", lines: []string{"abcdefghi"}, row: 0, col: 9},
		{name: "wide on one column", w: 1, h: 2, in: "世a", lines: []string{"a"}, row: 0, col: 0},
	})
}
