package vt

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestJumpHistory checks when Write jumps plain lines into the History,
// and that screen, history and the state a probe shows are then what
// byte-by-byte writes (which never jump) make.
func TestJumpHistory(t *testing.T) {
	full := strings.Repeat("0123456789", 8)
	tests := []struct {
		name  string
		setup string // written first, byte by byte
		in    string
		jumps bool
	}{
		{name: "log lines", in: logLines(80, "word ", "\r\n"), jumps: true},
		{name: "lines as wide as the screen", in: strings.Repeat(full+"\r\n", 80), jumps: true},
		{name: "lines ended by CR CR LF", in: logLines(80, "w\t", "\r\r\n"), jumps: true},
		{name: "CRs without a line feed", in: logLines(80, "w ", "\r\r") + logLines(60, "w ", "\r\n"), jumps: true},
		{name: "trailing spaces and empty lines", in: strings.Repeat("a  \r\n\r\n", 30), jumps: true},
		{name: "after a line with colours", in: "\x1b[31mred\x1b[m\r\n" + logLines(80, "w ", "\r\n"), jumps: true},
		{name: "runs between escape sequences", in: logLines(40, "w ", "\r\n") + "\x1b[1mb\x1b[m\r\n" + logLines(40, "v ", "\r\n"), jumps: true},
		{name: "a partial line last", in: logLines(80, "w ", "\r\n") + "tail", jumps: true},
		{name: "cursor at the top", setup: "\x1b[1;1H", in: logLines(80, "w ", "\r\n"), jumps: true},
		{name: "bottom row not blank", setup: "\x1b[24;1Hprompt$ \r", in: logLines(80, "w ", "\r\n"), jumps: true},
		{name: "fewer lines than rows", in: logLines(22, "w ", "\r\n")},
		{name: "lines wider than the screen", in: strings.Repeat(full+"x\r\n", 40), jumps: true},
		{name: "lines of several rows", in: logLines(80, full+"a", "\r\n"), jumps: true},
		{name: "tabs past the last column", in: strings.Repeat(full[:75]+"\t\tab\tc\r\n", 40), jumps: true},
		{name: "a tab after a full row", in: strings.Repeat(full+"\tx\r\n", 40), jumps: true},
		{name: "tab stops set", setup: "\x1b[3g\x1b[1;5H\x1bH\x1b[1;30H\x1bH\x1b[24;1H", in: logLines(80, "a\tb\t\tc", "\r\n"), jumps: true},
		{name: "wide and combining text", in: logLines(80, "日本e\u0301 ", "\r\n"), jumps: true},
		{name: "wide characters at the last column", in: strings.Repeat(full[:79]+"日本\r\n", 30) + strings.Repeat(full[:78]+"日本\r\n", 30), jumps: true},
		{name: "a wide character after a full row", in: strings.Repeat(full+"日x\r\n", 40), jumps: true},
		{name: "a mark on the last column", in: strings.Repeat(full+"\u0301\u0302y\r\n", 40), jumps: true},
		{name: "marks beyond the limit", in: logLines(80, "a"+strings.Repeat("\u0301", 20)+" ", "\r\n"), jumps: true},
		{name: "emoji and marks on wide characters", in: logLines(80, "🙂\ufe0f 日\u0301 ", "\r\n"), jumps: true},
		{name: "tabs among wide characters", in: logLines(80, "日\tb本\t", "\r\n"), jumps: true},
		{name: "a mark after a tab", in: logLines(80, "a\t\u0301", "\r\n")},
		{name: "a mark first on a line", in: strings.Repeat("\u0301a\r\n", 40)},
		{name: "a C1 control", in: logLines(80, "a\u0085b ", "\r\n")},
		{name: "an unassigned code point in a short line", in: logLines(80, "a\U000e0000\u0301b ", "\r\n"), jumps: true},
		{name: "an unassigned code point in a long line", in: strings.Repeat(full+"a\U000e0000b\r\n", 40)},
		{name: "a mark after a dropped character first on a line", in: strings.Repeat("\U000e0000\u0301a\r\n", 40)},
		{name: "short lines of wide characters and marks", in: strings.Repeat("日本語 e\u0301\u0302 🙂\r\n", 80), jumps: true},
		{name: "invalid UTF-8", in: logLines(80, "a\xffb ", "\r\n")},
		{name: "a split character last", in: logLines(80, "é ", "\r\n") + "\xc3", jumps: true},
		{name: "tabs", in: logLines(80, "a\tb ", "\r\n"), jumps: true},
		{name: "bare line feeds", in: logLines(80, "w ", "\n")},
		{name: "coloured pen", setup: "\x1b[44m", in: logLines(80, "w ", "\r\n")},
		{name: "hyperlink", setup: "\x1b]8;;https://example.com\x1b\\", in: logLines(80, "w ", "\r\n")},
		{name: "scroll region", setup: "\x1b[2;20r\x1b[20;1H", in: logLines(80, "w ", "\r\n")},
		{name: "alternate screen", setup: "\x1b[?1049h", in: logLines(80, "w ", "\r\n")},
		{name: "insert mode", setup: "\x1b[4h", in: logLines(80, "w ", "\r\n")},
		{name: "line drawing charset", setup: "\x1b(0", in: logLines(80, "qx ", "\r\n")},
		{name: "inside an escape sequence", setup: "\x1b]0;title", in: logLines(80, "w ", "\r\n") + "\a"},
		{name: "pending wrap", setup: "\x1b[24;1H" + full, in: logLines(80, "w ", "\r\n"), jumps: true},
		{name: "combining mark after the run", in: logLines(80, "w ", "\r\n") + "\u0301", jumps: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, ref := NewEmulator(80, 24), NewEmulator(80, 24)
			e.SetHistory(NewHistory(1000))
			ref.SetHistory(NewHistory(1000))
			for i := range len(tc.setup) {
				e.Write([]byte{tc.setup[i]})
				ref.Write([]byte{tc.setup[i]})
			}
			jumped := false
			c := e.Clone()
			c.SetHistory(NewHistory(1000))
			for p := []byte(tc.in); len(p) > 0; {
				if n := c.jumpHistory(p); n > 0 {
					jumped = true
					p = p[n:]
					continue
				}
				n := nextPlainRun(p, c.fb.height, c.fb.width)
				c.parser.Parse((*handler)(c), p[:n])
				p = p[n:]
			}
			if jumped != tc.jumps {
				t.Errorf("jumped %v, want %v", jumped, tc.jumps)
			}
			writeWholeAndByByte(t, e, ref, tc.in)
			if d := historyDiff(e.history, ref.history); d != "" {
				t.Error(d)
			}
		})
	}
}

// historyDiff describes how a's lines differ from b's, "" if they hold
// the same lines, encoded alike.
func historyDiff(a, b *History) string {
	if a.First() != b.First() || a.End() != b.End() {
		return fmt.Sprintf("history holds lines %d…%d, want %d…%d", a.First(), a.End(), b.First(), b.End())
	}
	for n := a.First(); n < a.End(); n++ {
		la, _ := a.Line(n)
		lb, _ := b.Line(n)
		if !bytes.Equal(la.Bytes(), lb.Bytes()) {
			return fmt.Sprintf("history line %d (%q) encoded as %q, want %q", n, la.Text(), la.Bytes(), lb.Bytes())
		}
	}
	return ""
}

// TestPlainLine checks what plainLine finds at the start of a text on a
// screen 10 columns wide (1 for the last case).
func TestPlainLine(t *testing.T) {
	tests := []struct {
		in         string
		width      int
		text, next int
		kind       lineKind
	}{
		{"abc\r\nx", 10, 3, 5, asciiLine},
		{"a\tb\r\r\n", 10, 3, 6, asciiLine},
		{"\r\n", 10, 0, 2, asciiLine},
		{"abc\n", 10, -1, -1, notPlain},
		{"abc\r", 10, -1, -1, notPlain},
		{"a\x1b[m\r\n", 10, -1, -1, notPlain},
		{"a\x7fb\r\n", 10, -1, -1, notPlain},
		{"日本語x\r\n", 10, 10, 12, shortLine},
		{"é\u0301 🙂\r\n", 10, 9, 11, shortLine},
		{"a\U000e0000\r\n", 10, 5, 7, shortLine},
		{"日本語日本語\r\n", 10, 18, 20, textLine},
		{"日\tb\r\n", 10, 5, 7, textLine},
		{"\u0301a\r\n", 10, -1, -1, notPlain},
		{"\U000e0000\u0301a\r\n", 10, -1, -1, notPlain},
		{"a\t\u0301 日本語日本語\r\n", 10, -1, -1, notPlain},
		{"日本語日本語\U000e0000\r\n", 10, -1, -1, notPlain},
		{"a\u0085b\r\n", 10, -1, -1, notPlain},
		{"a\xffb\r\n", 10, -1, -1, notPlain},
		{"a\xe6\x97\r\n", 10, -1, -1, notPlain},
		{"日本\x1b\r\n", 10, -1, -1, notPlain},
		{"日本", 10, -1, -1, notPlain},
		{"é\r\n", 1, -1, -1, notPlain},
	}
	for _, tc := range tests {
		text, next, kind := plainLine([]byte(tc.in), tc.width)
		if text != tc.text || next != tc.next || kind != tc.kind {
			t.Errorf("plainLine(%q, %d) = %d, %d, kind %d; want %d, %d, kind %d", tc.in, tc.width, text, next, kind, tc.text, tc.next, tc.kind)
		}
	}
}

// TestTextColumns checks textColumns against utf8.Valid on every
// sequence of up to three bytes drawn from bytes that matter to UTF-8.
func TestTextColumns(t *testing.T) {
	alphabet := []byte{'a', 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff}
	var seq func(prefix []byte)
	seq = func(prefix []byte) {
		if len(prefix) > 0 {
			// Behind ASCII and ahead of a four-byte character, so that
			// every position of a sequence is tried.
			text := append(append([]byte("x"), prefix...), "\U0001F642"...)
			_, _, ok := textColumns(text)
			c1 := bytes.Contains(text, []byte{0xc2, 0x80}) || bytes.Contains(text, []byte{0xc2, 0x8f}) || bytes.Contains(text, []byte{0xc2, 0x90}) || bytes.Contains(text, []byte{0xc2, 0x9f})
			if want := utf8.Valid(text) && !c1 && !bytes.ContainsRune(text, 0x7f); ok != want {
				t.Errorf("textColumns(%q) ok = %v, want %v", text, ok, want)
			}
		}
		if len(prefix) < 3 {
			for _, b := range alphabet {
				seq(append(prefix, b))
			}
		}
	}
	seq(nil)
	for _, tc := range []struct {
		text    string
		columns int
	}{{"abc", 3}, {"é\u0301", 2}, {"日本", 4}, {"🙂 ", 3}} {
		if got, tabs, ok := textColumns([]byte(tc.text)); !ok || tabs || got != tc.columns {
			t.Errorf("textColumns(%q) = %d, %v, %v; want %d, false, true", tc.text, got, tabs, ok, tc.columns)
		}
	}
	if _, tabs, ok := textColumns([]byte("日\tb")); !tabs || !ok {
		t.Errorf("textColumns(%q) finds tabs %v, ok %v; want true, true", "日\tb", tabs, ok)
	}
	if _, _, ok := textColumns([]byte("日\x1bb")); ok {
		t.Errorf("textColumns(%q) takes the ESC", "日\x1bb")
	}
}
