package vt_test

import (
	"slices"
	"testing"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

func TestResize(t *testing.T) {
	e := vt.NewEmulator(10, 4)
	e.Write([]byte("abcdefghijkl\r\n\x1b[2;3r\x1b[4;9H"))
	e.Resize(5, 3)
	fb := e.Framebuffer()
	if got, want := vttest.Lines(fb), []string{"abcde", "kl", ""}; !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
	if fb.Cursor.Row != 2 || fb.Cursor.Col != 4 {
		t.Errorf("cursor %+v", fb.Cursor)
	}
	if fb.Row(0).Wrapped {
		t.Error("wrap flag kept across a width change")
	}
	// The scroll region is the full screen again: LF at the bottom
	// scrolls everything.
	e.Write([]byte("\n"))
	if got := vttest.Lines(fb)[0]; got != "kl" {
		t.Errorf("after LF row 0 = %q, want kl", got)
	}
	// Tab stops are extended at the default positions.
	e.Resize(20, 3)
	e.Write([]byte("\r\t\tx"))
	if fb.Cursor.Col != 17 {
		t.Errorf("after two tabs and x the cursor is at column %d, want 17", fb.Cursor.Col)
	}
}

func TestClone(t *testing.T) {
	e := vt.NewEmulator(10, 4)
	e.Write([]byte("abc\x1b(0\x1b]2;par"))
	c := e.Clone()
	snap := c.Framebuffer().Clone()
	e.Write([]byte("tial\x07q\x1b[H\x1b(Bx"))
	c.Write([]byte("\x07q"))
	if got := vttest.Lines(e.Framebuffer())[0]; got != "xbc─" {
		t.Errorf("original row 0 = %q", got)
	}
	if got := vttest.Lines(c.Framebuffer())[0]; got != "abc─" {
		t.Errorf("clone row 0 = %q", got)
	}
	if e.Framebuffer().Title != "partial" || c.Framebuffer().Title != "par" {
		t.Errorf("titles %q %q: the partial OSC was not copied", e.Framebuffer().Title, c.Framebuffer().Title)
	}
	if got := vttest.Lines(snap)[0]; got != "abc" {
		t.Errorf("snapshot changed: %q", got)
	}
}

func TestCloneAltScreen(t *testing.T) {
	e := vt.NewEmulator(10, 4)
	e.Write([]byte("primary\x1b[?1049h"))
	c := e.Clone()
	c.Write([]byte("\x1b[?1049l\x1b[Hchanged"))
	e.Write([]byte("\x1b[?1049l"))
	if got := vttest.Lines(e.Framebuffer())[0]; got != "primary" {
		t.Errorf("original primary screen = %q after the clone wrote its copy", got)
	}
}

func TestWriteAllocs(t *testing.T) {
	e := vt.NewEmulator(80, 24)
	for _, in := range []string{
		"2024-01-01T00:00:00Z INFO request served path=/index.html status=200\r\n",
		"\x1b[H\x1bMreverse index\r",
		"\x1b[5;20r\x1b[20;1Hregion\r\n\x1b[r",
		"\x1b[1;31;48;2;1;2;3mcolour\x1b[0m \x1b[3;4H\x1b[K\x1b[2J",
	} {
		b := []byte(in)
		e.Write(b)
		if n := testing.AllocsPerRun(1000, func() { e.Write(b) }); n != 0 {
			t.Errorf("Write(%q) allocates %v times", in, n)
		}
	}
}
