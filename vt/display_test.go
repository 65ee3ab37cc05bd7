package vt

import (
	"fmt"
	"strings"
	"testing"
)

// lines returns n numbered lines "line 0" … as a CRLF-separated stream.
func lines(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString("\r\n")
		}
		fmt.Fprintf(&b, "line %d", from+i)
	}
	return b.String()
}

// TestDisplayDiffBytes pins the exact output for the cases where the
// choice of sequence is the point: motion optimisation, erasing, scrolling,
// wrapping and the header fields.
func TestDisplayDiffBytes(t *testing.T) {
	tests := []struct {
		name     string
		w, h     int
		from, to string // streams fed to a fresh emulator
		want     string
	}{
		{"unchanged", 20, 5, "abc\r\ndef", "abc\r\ndef", ""},
		{"backspaces", 20, 5, "abcdefgh", "abcdeXgh\x1b[1;9H",
			"\x1b[?25l\b\b\bX\x1b[2C\x1b[?25h"},
		{"cr-lf", 20, 5, "abcdefgh", "abcdefgh\r\n\nX",
			"\x1b[?25l\r\n\nX\x1b[?25h"},
		{"cup-when-shorter", 40, 24, "abc", "abc\x1b[20;30HX",
			"\x1b[?25l\x1b[20;30HX\x1b[?25h"},
		{"ech-inside-row", 20, 5, "abcdefghij", "abcdefghij\x1b[1;2H\x1b[8X\x1b[1;11H",
			"\x1b[?25l\x1b[9D\x1b[8X\x1b[9C\x1b[?25h"},
		{"el-at-end", 20, 5, "abcdefghij", "abcdefghij\x1b[1;3H\x1b[K",
			"\x1b[?25l\x1b[8D\x1b[K\x1b[?25h"},
		{"bce-background", 20, 5, "abcdef", "abcdef\r\x1b[44m\x1b[K\x1b[0m",
			"\x1b[?25l\r\x1b[0;44m\x1b[K\x1b[?25h\x1b[0m"},
		{"sgr-full-form", 20, 5, "", "\x1b[1;4;38;5;100;48;2;1;2;3mX\x1b[0m\x1b[91mY\x1b[0m",
			"\x1b[0;1;4;38;5;100;48;2;1;2;3mX\x1b[0;91mY\x1b[0m"},
		{"whole-screen-scroll", 20, 5, lines(0, 5), lines(0, 8),
			"\r\n\n\n\x1b[?25l\x1b[3Hline 5\r\nline 6\r\nline 7\x1b[?25h"},
		{"scroll-under-header", 20, 6, "head\r\n" + lines(0, 5), "head\r\n" + lines(2, 5),
			"\x1b[2;6r\x1b[?25l\x1b[6H\n\n\x1b[r\x1b[5Hline 5\r\nline 6\x1b[?25h"},
		{"soft-wrap-crossing", 5, 3, "", "abcdefg",
			"abcdefg"},
		{"bell-once", 20, 5, "", "\a\a\a", "\a"},
		{"title-same", 20, 5, "", "\x1b]0;hi\a", "\x1b]0;hi\a"},
		{"title-differs", 20, 5, "", "\x1b]1;icon\a\x1b]2;title\a", "\x1b]1;icon\a\x1b]2;title\a"},
		{"modes", 20, 5, "", "\x1b[?2004h\x1b[?1002h\x1b[?1004h\x1b[?1006h\x1b[?5h",
			"\x1b[?5h\x1b[?2004h\x1b[?1002h\x1b[?1004h\x1b[?1006h"},
		{"hyperlink", 20, 5, "", "\x1b]8;;http://x\x1b\\L\x1b]8;;\x1b\\",
			"\x1b]8;;http://x\x1b\\L\x1b]8;;\x1b\\"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := frameOf(tt.w, tt.h, tt.from)
			b := frameOf(tt.w, tt.h, tt.to)
			e := receiverFor(t, a)
			got := string(applyDiff(t, e, a, b))
			if got != tt.want {
				t.Errorf("diff\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDisplayDiffFullRepaint(t *testing.T) {
	b := frameOf(10, 3, "\x1b]0;T\aab\r\n\x1b[31mcd")
	got := string(DisplayDiff(nil, b))
	want := "\x1b]0;T\a\x1b[?5l\x1b[r\x1b[0m\x1b[H\x1b[2J\x1b[?25l\x1b]8;;\x1b\\" +
		"ab\r\n\x1b[0;31mcd" +
		"\x1b[?25h\x1b[?2004l\x1b[?1003l\x1b[?1002l\x1b[?1001l\x1b[?1000l" +
		"\x1b[?1004l\x1b[?1015l\x1b[?1006l\x1b[?1005l\x1b[0 q"
	if got != want {
		t.Errorf("full repaint\n got %q\nwant %q", got, want)
	}
	// A size change repaints fully too (the Resize travels separately).
	a := frameOf(12, 3, "ab")
	if d := string(DisplayDiff(a, b)); !strings.Contains(d, "\x1b[r\x1b[0m\x1b[H\x1b[2J") {
		t.Errorf("size change did not repaint fully: %q", d)
	}
	e := receiverFor(t, a)
	applyDiff(t, e, a, b)
}

// TestDisplayDiffScrollNotRepaint checks that a scrolled log costs line
// feeds and the new lines, not a repaint of the lines that moved.
func TestDisplayDiffScrollNotRepaint(t *testing.T) {
	for k := 1; k < 24; k++ {
		a := frameOf(80, 24, lines(0, 30))
		b := frameOf(80, 24, lines(0, 30+k))
		e := receiverFor(t, a)
		d := string(applyDiff(t, e, a, b))
		want := "\r" + strings.Repeat("\n", k)
		if !strings.HasPrefix(d, want) {
			t.Errorf("k=%d: diff does not start with CR and %d LFs: %q", k, k, d)
		}
		if strings.Contains(d, "line 20\r") || len(d) > k*12+10 {
			t.Errorf("k=%d: diff repaints moved rows (%d bytes): %q", k, len(d), d)
		}
	}
}

// TestDisplayDiffAppendNoAlloc checks that AppendDisplayDiff into a buffer
// with room allocates nothing.
func TestDisplayDiffAppendNoAlloc(t *testing.T) {
	a := frameOf(80, 24, workloads["shell"])
	b := frameOf(80, 24, workloads["shell"]+workloads["colors"]+workloads["cjk"])
	buf := make([]byte, 0, 1<<16)
	allocs := testing.AllocsPerRun(100, func() {
		buf = AppendDisplayDiff(buf[:0], a, b)
		buf = AppendDisplayDiff(buf[:0], nil, b)
	})
	if allocs != 0 {
		t.Errorf("AppendDisplayDiff allocated %v times per run", allocs)
	}
}

// TestDisplayWidthShortcuts checks the ranges printable measures without
// Width against Width itself.
func TestDisplayWidthShortcuts(t *testing.T) {
	for _, rg := range []struct {
		lo, hi rune
		w      int
	}{{0x20, 0x7e, 1}, {0xa0, 0x2ff, 1}, {0x4e00, 0x9fff, 2}, {0xac00, 0xd7a3, 2}} {
		for r := rg.lo; r <= rg.hi; r++ {
			if Width(r) != rg.w {
				t.Fatalf("Width(%U) = %d, printable assumes %d", r, Width(r), rg.w)
			}
		}
	}
}
