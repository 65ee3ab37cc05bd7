package vt_test

import (
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestSGR(t *testing.T) {
	idx := vt.IndexedColor
	cases := []struct {
		name string
		in   string
		want vt.Rendition
	}{
		{"reset", "\x1b[1;31m\x1b[m", vt.Rendition{}},
		{"reset 0", "\x1b[1;31m\x1b[0m", vt.Rendition{}},
		{"attributes", "\x1b[1;2;3;4;5;7;8;9m", pen(0, vt.AttrBold|vt.AttrFaint|vt.AttrItalic|vt.AttrUnderline|vt.AttrBlink|vt.AttrInverse|vt.AttrInvisible|vt.AttrStrikethrough)},
		{"resets", "\x1b[1;2;3;4;5;7;8;9m\x1b[22;23;24;25;27;28;29m", vt.Rendition{}},
		{"21 underline", "\x1b[21m", pen(0, vt.AttrUnderline)},
		{"basic", "\x1b[31;42m", vt.Rendition{Fg: idx(1), Bg: idx(2)}},
		{"bright", "\x1b[97;100m", vt.Rendition{Fg: idx(15), Bg: idx(8)}},
		{"default colours", "\x1b[31;42m\x1b[39;49m", vt.Rendition{}},
		{"256", "\x1b[38;5;200;48;5;3m", vt.Rendition{Fg: idx(200), Bg: idx(3)}},
		{"truecolor", "\x1b[38;2;1;2;3;48;2;4;5;6m", vt.Rendition{Fg: vt.RGBColor(1, 2, 3), Bg: vt.RGBColor(4, 5, 6)}},
		{"truecolor then attr", "\x1b[38;2;1;2;3;1m", vt.Rendition{Fg: vt.RGBColor(1, 2, 3), Attrs: vt.AttrBold}},
		{"colon 256", "\x1b[38:5:9m", pen(idx(9), 0)},
		{"colon truecolor with space", "\x1b[38:2::10:20:30;1m", vt.Rendition{Fg: vt.RGBColor(10, 20, 30), Attrs: vt.AttrBold}},
		{"colon truecolor", "\x1b[48:2:10:20:30m", vt.Rendition{Bg: vt.RGBColor(10, 20, 30)}},
		{"curly underline", "\x1b[4:3m", pen(0, vt.AttrUnderline)},
		{"no underline", "\x1b[4m\x1b[4:0m", vt.Rendition{}},
		{"bad 256 index", "\x1b[38;5;300;1m", pen(0, vt.AttrBold)},
		{"truncated truecolor", "\x1b[38;2;1m", vt.Rendition{}},
		{"unknown ignored", "\x1b[1;53;31m", pen(idx(1), vt.AttrBold)},
		{"colon on other csi ignored", "\x1b[1m\x1b[2:3H", pen(0, vt.AttrBold)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := vt.NewEmulator(10, 4)
			e.Write([]byte(tc.in + "x"))
			fb := e.Framebuffer()
			if fb.Pen != tc.want {
				t.Errorf("pen %+v, want %+v", fb.Pen, tc.want)
			}
			if c := fb.Cell(0, 0); c.Rend != tc.want || c.Rune != 'x' {
				t.Errorf("cell %+v, want x with %+v", *c, tc.want)
			}
		})
	}
}

func TestSGRKeepsLink(t *testing.T) {
	e := vt.NewEmulator(10, 4)
	e.Write([]byte("\x1b]8;;http://a\x1b\\\x1b[1m\x1b[0mx"))
	if e.Framebuffer().Cell(0, 0).Rend.Link == 0 {
		t.Error("SGR 0 dropped the hyperlink")
	}
}
