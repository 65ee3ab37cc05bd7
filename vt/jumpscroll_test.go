package vt

import (
	"fmt"
	"strings"
	"testing"
)

// logLines returns n numbered lines, each ended by end.
func logLines(n int, text, end string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%d %s%s", i, strings.Repeat(text, i%7), end)
	}
	return b.String()
}

// TestJumpScroll checks when Write skips the lines that scroll away within
// it, and that the screen is then what byte-by-byte writes (too short to
// skip anything) draw.
func TestJumpScroll(t *testing.T) {
	tests := []struct {
		name    string
		setup   string // written first, byte by byte
		in      string
		history bool
		skips   bool
	}{
		{name: "log lines", in: logLines(80, "word ", "\r\n"), skips: true},
		{name: "wide and combining text", in: logLines(80, "日本e\u0301 🚀 ", "\r\n"), skips: true},
		{name: "lines that wrap", in: logLines(80, "0123456789abcdefghij", "\r\n"), skips: true},
		{name: "tabs", in: logLines(80, "a\tb ", "\r\n"), skips: true},
		{name: "escape sequence after the lines", in: logLines(80, "w ", "\r\n") + "\x1b[31mred\x1b[m", skips: true},
		{name: "cursor at the bottom, few lines", setup: "\x1b[24;5Hx", in: logLines(30, "w ", "\r\n"), skips: true},
		{name: "cursor at the top, few lines", setup: "\x1b[1;5Hx", in: logLines(30, "w ", "\r\n")},
		{name: "history keeps every line", in: logLines(80, "w ", "\r\n"), history: true},
		{name: "scroll region", setup: "\x1b[2;20r\x1b[20;1H", in: logLines(80, "w ", "\r\n")},
		{name: "escape sequence first", in: "\x1b[31m" + logLines(80, "w ", "\r\n")},
		{name: "bell first", in: "\a" + logLines(80, "w ", "\r\n")},
		{name: "C1 control first", in: "x\u0085" + logLines(80, "w ", "\r\n")},
		{name: "bare line feeds", in: logLines(80, "w ", "\n")},
		{name: "inside an escape sequence", setup: "\x1b[3", in: logLines(80, "w ", "\r\n")},
		{name: "inside a UTF-8 character", setup: "\xe6\x97", in: logLines(80, "w ", "\r\n")},
		{name: "pending wrap and colours", setup: "\x1b[44m\x1b[24;1H" + strings.Repeat("z", 80), in: logLines(80, "w ", "\r\n"), skips: true},
		{name: "combining mark after the cut", in: logLines(80, "w ", "\r\n\u0301"), skips: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, ref := NewEmulator(80, 24), NewEmulator(80, 24)
			if tc.history {
				e.SetHistory(NewHistory(1000))
				ref.SetHistory(NewHistory(1000))
			}
			for i := range len(tc.setup) {
				e.Write([]byte{tc.setup[i]})
				ref.Write([]byte{tc.setup[i]})
			}
			c := e.Clone()
			c.SetHistory(e.History()) // which clones do not share
			if skipped := c.jumpScroll([]byte(tc.in)); (skipped > 0) != tc.skips {
				t.Errorf("skipped %d bytes, want skipping %v", skipped, tc.skips)
			}
			writeWholeAndByByte(t, e, ref, tc.in)
			if tc.history && e.history.Len() != ref.history.Len() {
				t.Errorf("history has %d lines, want %d", e.history.Len(), ref.history.Len())
			}
		})
	}
}

// probe, written after the output, shows the state a screen does not: a
// pending wrap, the cell a combining mark joins, the character a repeat
// repeats.
const probe = "\u0301X\x1b[2b"

// writeWholeAndByByte writes in, then probe, to e in one call each and to
// ref a byte at a time (writes too short for any jump), and reports a
// screen that differs.
func writeWholeAndByByte(t *testing.T, e, ref *Emulator, in string) {
	t.Helper()
	e.Write([]byte(in))
	e.Write([]byte(probe))
	for i := range len(in) {
		ref.Write([]byte{in[i]})
	}
	ref.Write([]byte(probe))
	if !e.fb.Equal(ref.fb) {
		t.Errorf("screen differs from byte-by-byte writes:\n%s\nwant:\n%s", screenText(e.fb), screenText(ref.fb))
	}
}

// screenText is fb's text, a line per row.
func screenText(fb *Framebuffer) string {
	var b strings.Builder
	for y := range fb.Height() {
		for _, c := range fb.Row(y).Cells {
			if c.Rune == 0 {
				b.WriteByte(' ')
			} else {
				b.WriteRune(c.Rune)
			}
		}
		b.WriteString("|\n")
	}
	return b.String()
}
