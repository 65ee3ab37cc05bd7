package vttest

import (
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestParseCapture(t *testing.T) {
	red := vt.IndexedColor(1)
	tests := []struct {
		name    string
		capture string // one line of a 10×2 pane; the second line is empty
		want    []vt.Cell
	}{
		{"plain", "ab c", []vt.Cell{{Rune: 'a'}, {Rune: 'b'}, {Rune: ' '}, {Rune: 'c'}}},
		{"bold then reset", "\x1b[1ma\x1b[0mb", []vt.Cell{
			{Rune: 'a', Rend: vt.Rendition{Attrs: vt.AttrBold}}, {Rune: 'b'}}},
		{"tmux style changes", "\x1b[1m\x1b[31m\x1b[49mA\x1b[0m\x1b[31m\x1b[49mB\x1b[39m", []vt.Cell{
			{Rune: 'A', Rend: vt.Rendition{Fg: red, Attrs: vt.AttrBold}}, {Rune: 'B', Rend: vt.Rendition{Fg: red}}}},
		{"indexed forms agree", "\x1b[38;5;1ma\x1b[31mb\x1b[91mc\x1b[38;5;9md", []vt.Cell{
			{Rune: 'a', Rend: vt.Rendition{Fg: red}}, {Rune: 'b', Rend: vt.Rendition{Fg: red}},
			{Rune: 'c', Rend: vt.Rendition{Fg: vt.IndexedColor(9)}}, {Rune: 'd', Rend: vt.Rendition{Fg: vt.IndexedColor(9)}}}},
		{"truecolour and all attributes", "\x1b[38;2;1;2;3m\x1b[48;2;4;5;6mX\x1b[1;2;3;4;5;7;8;9mY", []vt.Cell{
			{Rune: 'X', Rend: vt.Rendition{Fg: vt.RGBColor(1, 2, 3), Bg: vt.RGBColor(4, 5, 6)}},
			{Rune: 'Y', Rend: vt.Rendition{Fg: vt.RGBColor(1, 2, 3), Bg: vt.RGBColor(4, 5, 6),
				Attrs: vt.AttrBold | vt.AttrFaint | vt.AttrItalic | vt.AttrUnderline | vt.AttrBlink | vt.AttrInverse | vt.AttrInvisible | vt.AttrStrikethrough}}}},
		{"attributes cleared one by one", "\x1b[1;3;4mA\x1b[22mB\x1b[23;24mC", []vt.Cell{
			{Rune: 'A', Rend: vt.Rendition{Attrs: vt.AttrBold | vt.AttrItalic | vt.AttrUnderline}},
			{Rune: 'B', Rend: vt.Rendition{Attrs: vt.AttrItalic | vt.AttrUnderline}}, {Rune: 'C'}}},
		{"coloured blanks", "\x1b[44m  \x1b[49m", []vt.Cell{
			{Rune: ' ', Rend: vt.Rendition{Bg: vt.IndexedColor(4)}}, {Rune: ' ', Rend: vt.Rendition{Bg: vt.IndexedColor(4)}}}},
		{"wide", "日x", []vt.Cell{{Rune: '日', Wide: true}, {WideTail: true}, {Rune: 'x'}}},
		{"combining", "e\u0301\u0302 \u0334", []vt.Cell{{Rune: 'e', Comb: "\u0301\u0302"}, {Rune: ' ', Comb: "\u0334"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb, err := ParseCapture(tt.capture+"\n\n", 10, 2)
			if err != nil {
				t.Fatal(err)
			}
			for x := range 10 {
				var want vt.Cell
				if x < len(tt.want) {
					want = tt.want[x]
				}
				if got := *fb.Cell(0, x); got != want {
					t.Errorf("cell %d = %+v, want %+v", x, got, want)
				}
			}
			for x := range 10 {
				if c := fb.Cell(1, x); *c != (vt.Cell{}) {
					t.Errorf("row 1 cell %d = %+v, want blank", x, *c)
				}
			}
		})
	}
}

func TestParseCaptureCarriesSGRAcrossLines(t *testing.T) {
	fb, err := ParseCapture("\x1b[31ma\n\x1b[1mb\n", 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := vt.Rendition{Fg: vt.IndexedColor(1), Attrs: vt.AttrBold}
	if got := fb.Cell(1, 0).Rend; got != want {
		t.Errorf("second line rendition = %+v, want %+v", got, want)
	}
}

func TestParseCaptureErrors(t *testing.T) {
	tests := []struct {
		name, capture, want string
	}{
		{"too few lines", "a\n", "lines"},
		{"too wide", "abcde\n\n", "wider"},
		{"wide char past the margin", "abc日\n\n", "wider"},
		{"combining first", "\u0301a\n\n", "combining"},
		{"control character", "a\tb\n\n", "control"},
		{"not SGR", "\x1b[2Ja\n\n", "not SGR"},
		{"not CSI", "\x1b]0;t\x07\n\n", "not CSI"},
		{"unknown SGR", "\x1b[53ma\n\n", "unknown"},
		{"bad extended colour", "\x1b[38;5;300ma\n\n", "extended"},
		{"invalid UTF-8", "\xffa\n\n", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCapture(tt.capture, 4, 2)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	base := func() *vt.Framebuffer {
		fb, err := ParseCapture("ab\x1b[31mc\n\n", 5, 2)
		if err != nil {
			t.Fatal(err)
		}
		return fb
	}
	if d := Diff(base(), base()); d != "" {
		t.Errorf("Diff of equal screens = %q", d)
	}

	// An erased cell equals a space, and a fallback cell (no base, or
	// mosh's no-break space) equals a space with the same marks.
	a, b := base(), base()
	a.MutableRow(1).Cells[0] = vt.Cell{Rune: ' '}
	a.MutableRow(1).Cells[1] = vt.Cell{Rune: ' ', Comb: "\u0302"}
	b.MutableRow(1).Cells[1] = vt.Cell{Rune: 0xa0, Comb: "\u0302"}
	a.MutableRow(1).Cells[2] = vt.Cell{Rune: ' ', Comb: "\u0334"}
	b.MutableRow(1).Cells[2] = vt.Cell{Comb: "\u0334"}
	if d := Diff(a, b); d != "" {
		t.Errorf("Diff with equivalent blanks = %q", d)
	}

	b = base()
	b.MutableRow(0).Cells[2].Rend.Fg = vt.IndexedColor(2)
	b.Cursor.Col = 3
	d := Diff(base(), b)
	for _, want := range []string{"row 0 differs at columns [2]", "want |abc  |", "fg=1", "fg=2", "cursor: want row 0 col 0, got row 0 col 3"} {
		if !strings.Contains(d, want) {
			t.Errorf("Diff report lacks %q:\n%s", want, d)
		}
	}
}
