package termview

import (
	"image"
	"image/color"
	"slices"
	"testing"

	"github.com/roamterm/roam/fonts"
)

// TestSchemes checks every built-in palette has both variants, opaque
// colours, and a foreground that differs from its background.
func TestSchemes(t *testing.T) {
	names := PaletteNames()
	if !slices.Contains(names, PaletteRoam) || len(names) < 4 {
		t.Fatalf("PaletteNames = %q", names)
	}
	for _, name := range names {
		for _, dark := range []bool{true, false} {
			s, ok := NamedScheme(name, dark)
			if !ok {
				t.Fatalf("NamedScheme(%q, %v) missing", name, dark)
			}
			all := append(s.ANSI[:], s.Foreground, s.Background, s.Cursor, s.Selection)
			for i, c := range all {
				if c.A != 0xff {
					t.Errorf("%s dark=%v: colour %d is not opaque", name, dark, i)
				}
			}
			if s.Foreground == s.Background || isDark(s.Background) != dark {
				t.Errorf("%s dark=%v: foreground %v on background %v", name, dark, s.Foreground, s.Background)
			}
		}
	}
	if _, ok := NamedScheme("no such palette", true); ok {
		t.Error("NamedScheme found an unknown name")
	}
}

// TestPaletteDrawn draws through a palette: the default background, a
// red full block (drawn procedurally, so every pixel of its cell is
// the palette's red) and default text.
func TestPaletteDrawn(t *testing.T) {
	s, _ := NamedScheme(PaletteSolarized, true)
	img := capture(t, Frame{Screen: screen(4, 2, "\x1b[31m\u2588\x1b[0m \x1b[44m \x1b[0m\r\n")}, 1, func(v *Terminal) {
		v.SetPalette(s.Palette())
	})
	cell := image.Pt(img.Bounds().Dx()/4, img.Bounds().Dy()/2)
	at := func(col, row int) color.RGBA {
		c := color.RGBAModel.Convert(img.At(col*cell.X+cell.X/2, row*cell.Y+cell.Y/2)).(color.RGBA)
		return c
	}
	for _, tt := range []struct {
		what     string
		col, row int
		want     color.RGBA
	}{
		{"red block", 0, 0, rgb(solRed)},
		{"blue background", 2, 0, rgb(solBlue)},
		{"default background", 3, 0, rgb(solBase03)},
		{"default background, second row", 3, 1, rgb(solBase03)},
		{"block cursor", 0, 1, rgb(solBase1)},
	} {
		if got := at(tt.col, tt.row); got != tt.want {
			t.Errorf("%s at %d,%d: %v, want %v", tt.what, tt.col, tt.row, got, tt.want)
		}
	}
}

// TestSetFonts checks a family set on a view becomes its primary font:
// DejaVu Sans Mono's cell differs from Go Mono's at the same size.
func TestSetFonts(t *testing.T) {
	newTestApp(t)
	view := New(Config{Fonts: BundledFonts(), FontSize: 16}) // where the two cells differ
	newTestWindow(t, view)
	goMono := view.CellSize()
	set, err := BundledFonts().WithFamily("DejaVu Sans Mono")
	if err != nil {
		t.Fatalf("%v (fonts-dejavu-core: run make deps)", err)
	}
	view.SetFonts(set)
	dejaVu := view.CellSize()
	if dejaVu == goMono {
		t.Errorf("cell %v with DejaVu Sans Mono, the same as Go Mono's", dejaVu)
	}
	if view.comp.atlas.mono[fonts.Regular] != set.Mono[fonts.Regular] || view.comp.atlas.mono[fonts.Bold] != set.Mono[fonts.Bold] {
		t.Error("the atlas does not draw with the family set")
	}
	view.SetFonts(BundledFonts())
	if got := view.CellSize(); got != goMono {
		t.Errorf("cell %v back with Go Mono, want %v", got, goMono)
	}
	if _, err := BundledFonts().WithFamily("No Such Family Mono"); err == nil {
		t.Error("WithFamily found a family that is not installed")
	}
}
