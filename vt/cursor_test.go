package vt_test

import (
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestCursor(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "CUP", in: "\x1b[2;3Hx", lines: []string{"", "  x"}, row: 1, col: 3},
		{name: "CUP default", in: "abc\x1b[Hx", lines: []string{"xbc"}, row: 0, col: 1},
		{name: "CUP clamped", in: "\x1b[99;99Hx", lines: []string{"", "", "", "         x"}, row: 3, col: 9},
		{name: "HVP zero params", in: "\x1b[3;5f\x1b[0;0fx", lines: []string{"x"}, row: 0, col: 1},
		{name: "CUP huge", in: "\x1b[65535;99999999Hx", lines: []string{"", "", "", "x"}, row: 3, col: 1},
		{name: "CUU CUD CUF CUB", in: "\x1b[3;5H\x1b[2A\x1b[B\x1b[3C\x1b[D", row: 1, col: 6},
		{name: "CUB clamps", in: "ab\x1b[9Dx", lines: []string{"xb"}, row: 0, col: 1},
		{name: "CUF clamps", in: "\x1b[99Cx", lines: []string{"         x"}, row: 0, col: 9},
		{name: "CNL CPL", in: "abc\x1b[2Ex\x1b[Fy", lines: []string{"abc", "y", "x"}, row: 1, col: 1},
		{name: "CHA HPA", in: "\x1b[2;1H\x1b[5Gx\x1b[2`y", lines: []string{"", " y  x"}, row: 1, col: 2},
		{name: "HPR VPR", in: "\x1b[2ax\x1b[2ey", lines: []string{"  x", "", "   y"}, row: 2, col: 4},
		{name: "VPA", in: "ab\x1b[3dx", lines: []string{"ab", "", "  x"}, row: 2, col: 3},
		{name: "BS", in: "abc\b\bx", lines: []string{"axc"}, row: 0, col: 2},
		{name: "BS at margin", in: "\bx", lines: []string{"x"}, row: 0, col: 1},
		{name: "CR LF", in: "ab\r\ncd", lines: []string{"ab", "cd"}, row: 1, col: 2},
		{name: "LF keeps column", in: "ab\ncd", lines: []string{"ab", "  cd"}, row: 1, col: 4},
		{name: "VT FF", in: "a\vb\fc", lines: []string{"a", " b", "  c"}, row: 2, col: 3},
		{name: "LNM", in: "\x1b[20hab\ncd\x1b[20l\nx", lines: []string{"ab", "cd", "  x"}, row: 2, col: 3},
		{name: "LF scrolls", in: "1\r\n2\r\n3\r\n4\r\n5", lines: []string{"2", "3", "4", "5"}, row: 3, col: 1},
		{name: "IND NEL", in: "ab\x1bDc\x1bEd", lines: []string{"ab", "  c", "d"}, row: 2, col: 1},
		{name: "C1 NEL", in: "ab\u0085c", lines: []string{"ab", "c"}, row: 1, col: 1},
		{name: "RI scrolls down", in: "a\r\nb\x1b[H\x1bMc", lines: []string{"c", "a", "b"}, row: 0, col: 1},
		{name: "RI in middle", in: "\x1b[3;1H\x1bMx", lines: []string{"", "x"}, row: 1, col: 1},
		{name: "DECSC DECRC", in: "\x1b[2;3H\x1b[1m\x1b7\x1b[0m\x1b[H\x1b8x",
			lines: []string{"", "  x"}, row: 1, col: 3,
			cells: []cellWant{{1, 2, vt.Cell{Rune: 'x', Rend: pen(0, vt.AttrBold)}}}},
		{name: "SCOSC SCORC", in: "\x1b[2;3H\x1b[s\x1b[H\x1b[ux", lines: []string{"", "  x"}, row: 1, col: 3},
		{name: "DECRC without DECSC", in: "\x1b[3;3H\x1b8x", lines: []string{"x"}, row: 0, col: 1},
		{name: "origin mode", in: "\x1b[2;3r\x1b[?6h\x1b[Hx\x1b[9;1Hy", lines: []string{"", "x", "y"}, row: 2, col: 1},
		{name: "origin mode off homes", in: "\x1b[2;3r\x1b[?6h\x1b[?6lx", lines: []string{"x"}, row: 0, col: 1},
		{name: "CUU stops at margin", in: "\x1b[2;4r\x1b[3;1H\x1b[9Ax", lines: []string{"", "x"}, row: 1, col: 1},
		{name: "CUU above margin", in: "\x1b[3;4r\x1b[2;1H\x1b[9Ax", lines: []string{"x"}, row: 0, col: 1},
		{name: "CUD stops at margin", in: "\x1b[1;2r\x1b[9Bx", lines: []string{"", "x"}, row: 1, col: 1},
		{name: "DECSCUSR", in: "\x1b[5 q", check: func(t *testing.T, e *vt.Emulator) {
			if s := e.Framebuffer().Cursor.Style; s != 5 {
				t.Errorf("style %d, want 5", s)
			}
		}},
		{name: "cursor hide show", in: "\x1b[?25l", check: func(t *testing.T, e *vt.Emulator) {
			if e.Framebuffer().Cursor.Visible {
				t.Error("cursor visible after ?25l")
			}
		}},
	})
}
