package vt_test

import (
	"testing"

	"github.com/roamterm/roam/vt"
)

const fill4 = "abcdefghij" + "klmnopqrst" + "uvwxyzABCD" + "EFGHIJKLMN"

func TestErase(t *testing.T) {
	red := vt.IndexedColor(1)
	runScreenCases(t, []screenCase{
		{name: "ED 0", in: fill4 + "\x1b[2;4H\x1b[J", lines: []string{"abcdefghij", "klm"}, row: 1, col: 3},
		{name: "ED 1", in: fill4 + "\x1b[2;4H\x1b[1J", lines: []string{"", "    opqrst", "uvwxyzABCD", "EFGHIJKLMN"}, row: 1, col: 3},
		{name: "ED 2", in: fill4 + "\x1b[2;4H\x1b[2J", row: 1, col: 3},
		{name: "ED 3 ignored", in: "ab\x1b[3J", lines: []string{"ab"}, row: 0, col: 2},
		{name: "EL 0", in: "abcdef\x1b[3G\x1b[K", lines: []string{"ab"}, row: 0, col: 2},
		{name: "EL 1", in: "abcdef\x1b[3G\x1b[1K", lines: []string{"   def"}, row: 0, col: 2},
		{name: "EL 2", in: "abcdef\x1b[3G\x1b[2K", row: 0, col: 2},
		{name: "ECH", in: "abcdef\x1b[2G\x1b[3X", lines: []string{"a   ef"}, row: 0, col: 1},
		{name: "ECH huge", in: "abcdef\x1b[2G\x1b[65535X", lines: []string{"a"}, row: 0, col: 1},
		{name: "ECH too large is 1", in: "abcdef\x1b[2G\x1b[99999999X", lines: []string{"a cdef"}, row: 0, col: 1},
		{name: "ICH", in: "abcdef\x1b[2G\x1b[2@", lines: []string{"a  bcdef"}, row: 0, col: 1},
		{name: "ICH pushes off", in: "abcdefghij\x1b[2G\x1b[3@", lines: []string{"a   bcdefg"}, row: 0, col: 1},
		{name: "DCH", in: "abcdef\x1b[2G\x1b[2P", lines: []string{"adef"}, row: 0, col: 1},
		{name: "DCH huge", in: "abcdef\x1b[2G\x1b[65535P", lines: []string{"a"}, row: 0, col: 1},
		{name: "IL", in: "1\r\n2\r\n3\r\n4\x1b[2;3H\x1b[L", lines: []string{"1", "", "2", "3"}, row: 1, col: 2},
		{name: "IL huge", in: "1\r\n2\r\n3\r\n4\x1b[2;3H\x1b[65535L", lines: []string{"1"}, row: 1, col: 2},
		{name: "DL", in: "1\r\n2\r\n3\r\n4\x1b[2;3H\x1b[M", lines: []string{"1", "3", "4"}, row: 1, col: 2},
		{name: "IL in region", in: "1\r\n2\r\n3\r\n4\x1b[1;3r\x1b[2;1H\x1b[L", lines: []string{"1", "", "2", "4"}, row: 1, col: 0},
		{name: "DL in region", in: "1\r\n2\r\n3\r\n4\x1b[1;3r\x1b[1;1H\x1b[2M", lines: []string{"3", "", "", "4"}, row: 0, col: 0},
		{name: "IL outside region", in: "1\r\n2\r\n3\r\n4\x1b[1;2r\x1b[4;1H\x1b[L", lines: []string{"1", "2", "3", "4"}, row: 3, col: 0},
		{name: "SU", in: "1\r\n2\r\n3\r\n4\x1b[2S", lines: []string{"3", "4"}, row: 3, col: 1},
		{name: "SD", in: "1\r\n2\r\n3\r\n4\x1b[T", lines: []string{"", "1", "2", "3"}, row: 3, col: 1},
		{name: "SU in region", in: "1\r\n2\r\n3\r\n4\x1b[2;3r\x1b[S", lines: []string{"1", "3", "", "4"}, row: 0, col: 0},
		{name: "BCE ED", in: "\x1b[41m\x1b[2J", cells: []cellWant{{0, 0, vt.Cell{Rend: bg(red)}}, {3, 9, vt.Cell{Rend: bg(red)}}}},
		{name: "BCE EL", in: "ab\x1b[41m\x1b[1G\x1b[K", cells: []cellWant{{0, 0, vt.Cell{Rend: bg(red)}}, {0, 9, vt.Cell{Rend: bg(red)}}, {1, 0, vt.Cell{}}}},
		{name: "BCE scroll", in: "\x1b[41m\r\n\r\n\r\n\r\n", row: 3, cells: []cellWant{{3, 0, vt.Cell{Rend: bg(red)}}, {0, 0, vt.Cell{}}}},
		{name: "BCE ECH keeps attrs out", in: "\x1b[1;41m\x1b[X", cells: []cellWant{{0, 0, vt.Cell{Rend: bg(red)}}}},
		{name: "REP", in: "ab\x1b[3b", lines: []string{"abbbb"}, row: 0, col: 5},
		{name: "REP wraps", in: "a\x1b[12b", lines: []string{"aaaaaaaaaa", "aaa"}, row: 1, col: 3},
		{name: "REP capped", in: "a\x1b[65535b", lines: []string{"aaaaaaaaaa", "aaaaaaaaaa", "aaaaaaaaaa", "a"}, row: 3, col: 1},
		{name: "REP after control", in: "a\r\x1b[3b", lines: []string{"a"}, row: 0, col: 0},
		{name: "DECALN", in: "x\x1b[2;3r\x1b[3;3H\x1b#8", lines: []string{"EEEEEEEEEE", "EEEEEEEEEE", "EEEEEEEEEE", "EEEEEEEEEE"}, row: 0, col: 0},
		{name: "RIS", in: "ab\x1b[1m\x1b]2;t\x07\x1b[?2004h\x1bc", check: func(t *testing.T, e *vt.Emulator) {
			fb := e.Framebuffer()
			if fb.Pen != (vt.Rendition{}) || fb.Title != "" || !fb.TitleSet || fb.BracketedPaste {
				t.Errorf("after RIS: pen %+v title %q set %v paste %v", fb.Pen, fb.Title, fb.TitleSet, fb.BracketedPaste)
			}
		}},
		{name: "DECSTR", in: "\x1b[2;3rab\x1b[4h\x1b[1m\x1b[?25l\x1b[!px", lines: []string{"abx"}, row: 0, col: 3,
			cells: []cellWant{{0, 2, ch('x')}}, check: func(t *testing.T, e *vt.Emulator) {
				if e.Modes().Insert || !e.Framebuffer().Cursor.Visible {
					t.Errorf("after DECSTR: modes %+v, cursor %+v", e.Modes(), e.Framebuffer().Cursor)
				}
			}},
	})
}
