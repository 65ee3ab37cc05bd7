package vt_test

import (
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestWrap(t *testing.T) {
	wrapped := func(rows ...int) func(*testing.T, *vt.Emulator) {
		return func(t *testing.T, e *vt.Emulator) {
			fb := e.Framebuffer()
			for y := range fb.Height() {
				want := false
				for _, r := range rows {
					want = want || r == y
				}
				if got := fb.Row(y).Wrapped; got != want {
					t.Errorf("row %d wrapped = %v, want %v", y, got, want)
				}
			}
		}
	}
	runScreenCases(t, []screenCase{
		{name: "deferred", in: "abcdefghij", lines: []string{"abcdefghij"}, row: 0, col: 9, check: wrapped()},
		{name: "wraps on next print", in: "abcdefghijk", lines: []string{"abcdefghij", "k"}, row: 1, col: 1, check: wrapped(0)},
		{name: "CR LF after full row", in: "abcdefghij\r\nk", lines: []string{"abcdefghij", "k"}, row: 1, col: 1, check: wrapped()},
		{name: "80th column rule", in: strings.Repeat("abcdefghij\r\n", 5), lines: []string{"abcdefghij", "abcdefghij", "abcdefghij"}, row: 3, col: 0},
		{name: "CUP cancels", in: "abcdefghij\x1b[1;10Hx", lines: []string{"abcdefghix"}, row: 0, col: 9, check: wrapped()},
		{name: "BS cancels", in: "abcdefghij\bx", lines: []string{"abcdefghxj"}, row: 0, col: 9},
		{name: "SGR keeps", in: "abcdefghij\x1b[1mk", lines: []string{"abcdefghij", "k"}, row: 1, col: 1, check: wrapped(0)},
		{name: "private mode keeps", in: "abcdefghij\x1b[?25lk", lines: []string{"abcdefghij", "k"}, row: 1, col: 1},
		{name: "HT keeps", in: "abcdefghij\tk", lines: []string{"abcdefghij", "k"}, row: 1, col: 1},
		{name: "EL at pending wrap erases last column", in: "abcdefghij\x1b[K", lines: []string{"abcdefghi"}, row: 0, col: 9},
		{name: "CUB at pending wrap", in: "abcdefghij\x1b[Dx", lines: []string{"abcdefghxj"}, row: 0, col: 9},
		{name: "EL cancels", in: "abcdefghij\x1b[Kk", lines: []string{"abcdefghik"}, row: 0, col: 9},
		{name: "scrolls at bottom", in: strings.Repeat("x", 45), lines: []string{"xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"}, row: 3, col: 5, check: wrapped(0, 1, 2)},
		{name: "no autowrap", in: "\x1b[?7labcdefghijkl", lines: []string{"abcdefghil"}, row: 0, col: 9, check: wrapped()},
		{name: "autowrap back on", in: "\x1b[?7labcdefghij\x1b[?7hk", lines: []string{"abcdefghij", "k"}, row: 1, col: 1},
		{name: "in region", in: "\x1b[1;2r\x1b[2;1Habcdefghijk", lines: []string{"abcdefghij", "k"}, row: 1, col: 1},
		{name: "EL 0 clears flag", in: "abcdefghijk\x1b[A\x1b[5G\x1b[K", lines: []string{"abcd", "k"}, row: 0, col: 4, check: wrapped()},
		{name: "insert mode", in: "abc\x1b[1G\x1b[4hxy", lines: []string{"xyabc"}, row: 0, col: 2},
	})
}
