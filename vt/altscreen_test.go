package vt_test

import (
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestAltScreen(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "1049 enter", in: "abc\x1b[?1049hx", lines: []string{"   x"}, row: 0, col: 4},
		{name: "1049 leave restores cursor", in: "abc\x1b[?1049h\x1b[3;3Hx\x1b[?1049l", lines: []string{"abc"}, row: 0, col: 3},
		{name: "47 keeps cursor", in: "abc\x1b[?47h\x1b[3;3Hx\x1b[?47l", lines: []string{"abc"}, row: 2, col: 3},
		{name: "1047 blank on reentry", in: "\x1b[?1047hxyz\x1b[?1047l\x1b[?1047h", lines: []string{""}, row: 0, col: 3},
		{name: "double enter", in: "abc\x1b[?1049hx\x1b[?1049hy\x1b[?1049l", lines: []string{"abc"}, row: 0, col: 3},
		{name: "leave without enter", in: "abc\x1b[?1049l", lines: []string{"abc"}, row: 0, col: 3},
		{name: "pen shared", in: "\x1b[?47h\x1b[1m\x1b[?47lx", lines: []string{"x"}, row: 0, col: 1,
			cells: []cellWant{{0, 0, vt.Cell{Rune: 'x', Rend: pen(0, vt.AttrBold)}}}},
		{name: "RIS leaves alt", in: "abc\x1b[?1049hx\x1bc", row: 0, col: 0, check: func(t *testing.T, e *vt.Emulator) {
			if e.Modes().AltScreen {
				t.Error("still on the alternate screen after RIS")
			}
		}},
	})
}

func TestAltScreenResize(t *testing.T) {
	e := vt.NewEmulator(10, 4)
	e.Write([]byte("primary\x1b[?1049halt"))
	e.Resize(5, 2)
	e.Write([]byte("\x1b[?1049l"))
	fb := e.Framebuffer()
	if fb.Width() != 5 || fb.Height() != 2 {
		t.Fatalf("size %dx%d", fb.Width(), fb.Height())
	}
	if got := string([]rune{fb.Cell(0, 0).Rune, fb.Cell(0, 4).Rune}); got != "pa" {
		t.Errorf("primary after resize: %q", got)
	}
}
