package vt

import (
	"fmt"
	"strings"
	"testing"
)

// Helpers shared by the display diff tests.

// receiverFor returns an emulator showing a, put there the way a real
// receiver gets there: by applying the full repaint DisplayDiff(nil, a) to
// a fresh emulator. It fails the test if the repaint does not reproduce a.
func receiverFor(t testing.TB, a *Framebuffer) *Emulator {
	t.Helper()
	e := NewEmulator(a.Width(), a.Height())
	diff := DisplayDiff(nil, a)
	e.Write(diff)
	if msg := frameMismatch(a, e.Framebuffer()); msg != "" {
		t.Fatalf("full repaint does not reproduce the frame:\n%s\ndiff: %q", msg, diff)
	}
	return e
}

// applyDiff applies DisplayDiff(a, b) to e, which shows a, and fails the
// test unless e then shows b. It returns the diff.
func applyDiff(t testing.TB, e *Emulator, a, b *Framebuffer) []byte {
	t.Helper()
	diff := DisplayDiff(a, b)
	assertNoQuery(t, diff)
	if a != nil && (a.Width() != b.Width() || a.Height() != b.Height()) {
		e.Resize(b.Width(), b.Height())
	}
	e.Write(diff)
	if r := e.TakeReplies(); len(r) != 0 {
		t.Fatalf("the diff made the receiver reply %q (a query): %q", r, diff)
	}
	if msg := frameMismatch(reproducible(b), e.Framebuffer()); msg != "" {
		t.Fatalf("diff does not reproduce the frame:\n%s\ndiff: %q", msg, diff)
	}
	return diff
}

// reproducible returns fb as a diff can draw it: on a screen of fewer
// than three rows the bottom row's wrap flag cannot be set without
// scrolling (see wrapBottomRow), so it is left clear. A reverse index can
// move a wrapped row there (found by FuzzDisplayDiffRoundTrip).
func reproducible(fb *Framebuffer) *Framebuffer {
	y := fb.Height() - 1
	if fb.Height() >= 3 || !fb.Row(y).Wrapped {
		return fb
	}
	fb = fb.Clone()
	fb.MutableRow(y).Wrapped = false
	return fb
}

// assertNoQuery fails if diff holds a sequence a terminal answers: DA
// (CSI c, CSI > c), DSR (CSI n) or an OSC 52 query.
func assertNoQuery(t testing.TB, diff []byte) {
	t.Helper()
	s := string(diff)
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b || i+1 >= len(s) || s[i+1] != '[' {
			continue
		}
		j := i + 2
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
			j++
		}
		if j < len(s) && (s[j] == 'c' || s[j] == 'n') {
			t.Fatalf("diff holds a query %q: %q", s[i:j+1], diff)
		}
	}
	if strings.Contains(s, "\x1b]52;c;?") {
		t.Fatalf("diff holds a clipboard query: %q", diff)
	}
}

// frameMismatch describes how got differs from want, or returns "". The
// bell count is not compared: a diff rings once however many bells rang.
func frameMismatch(want, got *Framebuffer) string {
	g := got.Clone()
	g.BellCount = want.BellCount
	if want.Equal(g) {
		return ""
	}
	var b strings.Builder
	if want.Width() != got.Width() || want.Height() != got.Height() {
		return fmt.Sprintf("size %dx%d, want %dx%d", got.Width(), got.Height(), want.Width(), want.Height())
	}
	field := func(name string, w, g any) {
		if w != g {
			fmt.Fprintf(&b, "%s: got %#v, want %#v\n", name, g, w)
		}
	}
	field("cursor", want.Cursor, got.Cursor)
	field("pen", want.Pen, got.Pen)
	field("title", want.Title, got.Title)
	field("icon name", want.IconName, got.IconName)
	field("title set", want.TitleSet, got.TitleSet)
	field("clipboard", want.Clipboard, got.Clipboard)
	field("reverse video", want.ReverseVideo, got.ReverseVideo)
	field("bracketed paste", want.BracketedPaste, got.BracketedPaste)
	field("focus events", want.FocusEvents, got.FocusEvents)
	field("mouse", want.Mouse, got.Mouse)
	field("mouse encoding", want.MouseEncoding, got.MouseEncoding)
	shown := 0
	for y := range want.Height() {
		wr, gr := want.Row(y), got.Row(y)
		if wr.Wrapped != gr.Wrapped {
			fmt.Fprintf(&b, "row %d wrapped: got %v, want %v\n", y, gr.Wrapped, wr.Wrapped)
		}
		for x := range wr.Cells {
			if wr.Cells[x] != gr.Cells[x] && shown < 8 {
				shown++
				fmt.Fprintf(&b, "cell (%d,%d): got %#v, want %#v\n", y, x, gr.Cells[x], wr.Cells[x])
			}
		}
	}
	if b.Len() == 0 {
		b.WriteString("Framebuffer.Equal reports a difference not listed here\n")
	}
	return b.String() + "want:\n" + dumpFrame(want) + "got:\n" + dumpFrame(got)
}

// dumpFrame renders fb's text, one line per row, "\" marking wrapped rows
// and "·" erased cells.
func dumpFrame(fb *Framebuffer) string {
	var b strings.Builder
	for y := range fb.Height() {
		row := fb.Row(y)
		b.WriteString("  |")
		for _, c := range row.Cells {
			switch {
			case c.WideTail:
			case c.Rune == 0 && c.Comb == "":
				b.WriteString("·")
			case c.Rune == 0:
				b.WriteString("\u00a0" + c.Comb)
			default:
				b.WriteRune(c.Rune)
				b.WriteString(c.Comb)
			}
		}
		b.WriteString("|")
		if row.Wrapped {
			b.WriteString("\\")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// snapshot feeds s to e and returns a copy of the resulting frame.
func snapshot(e *Emulator, s string) *Framebuffer {
	e.Write([]byte(s))
	return e.Framebuffer().Clone()
}

// frameOf returns the frame an emulator of the given size shows after s.
func frameOf(w, h int, s string) *Framebuffer {
	return snapshot(NewEmulator(w, h), s)
}
