package termview

import (
	"image/color"

	"github.com/roamterm/roam/vt"
)

// Palette is the set of colours a terminal view draws with.
type Palette struct {
	// Indexed are the 256 indexed colours: 0–15 the ANSI and bright
	// colours, 16–231 the 6×6×6 cube, 232–255 the grey ramp.
	Indexed [256]color.RGBA
	// Foreground and Background are the default colours.
	Foreground, Background color.RGBA
	// Cursor is the cursor's colour; the character under a block cursor
	// is drawn in the cell's background colour.
	Cursor color.RGBA
	// Selection is the background of selected text.
	Selection color.RGBA
	// BannerForeground and BannerBackground colour the status banner.
	BannerForeground, BannerBackground color.RGBA
}

// Scheme is the part of a palette that users and the built-in palettes
// choose: the 16 ANSI colours and the default, cursor and selection
// colours. The rest of a Palette follows from it.
type Scheme struct {
	ANSI                                      [16]color.RGBA
	Foreground, Background, Cursor, Selection color.RGBA
}

// Palette returns the palette of s: its colours, xterm's 6×6×6 cube and
// grey ramp for indexed colours 16–255, and the status banner in the
// colours of the built-in dark or light palette, whichever background is
// nearer s's.
func (s Scheme) Palette() Palette {
	p := Palette{
		Indexed:    xtermIndexed(s.ANSI),
		Foreground: s.Foreground, Background: s.Background,
		Cursor: s.Cursor, Selection: s.Selection,
		BannerForeground: rgb(0x101010),
		BannerBackground: rgb(0xf0c840),
	}
	if isDark(s.Background) {
		p.BannerBackground = rgb(0xe8c54a)
	}
	return p
}

// isDark reports whether c is nearer black than white (by Rec. 601 luma).
func isDark(c color.RGBA) bool {
	return 299*int(c.R)+587*int(c.G)+114*int(c.B) < 128*1000
}

// rgb returns the opaque colour 0xRRGGBB.
func rgb(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// ansi returns 16 colours given as 0xRRGGBB.
func ansi(v [16]uint32) (c [16]color.RGBA) {
	for i := range v {
		c[i] = rgb(v[i])
	}
	return c
}

// Built-in palette names (see NamedScheme).
const (
	// PaletteRoam is Roam's own: xterm's ANSI colours on a soft dark
	// background, or darkened to read on a light one.
	PaletteRoam = "roam"
	// PaletteSolarized is Ethan Schoonover's Solarized, its published
	// terminal mapping, dark or light.
	PaletteSolarized = "solarized"
	// PaletteTango is GNOME Terminal's "Tango dark" and "Tango light".
	PaletteTango = "tango"
	// PaletteXterm is xterm's default colours: black on white, or white
	// on black as xterm -rv shows them. (Not "xterm": settings written
	// before palettes had names used that for Roam's own.)
	PaletteXterm = "xterm-classic"
)

// xtermANSI are xterm's default 16 colours.
var xtermANSI = ansi([16]uint32{
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
})

// Solarized's named colours, from its published definition.
const (
	solBase03, solBase02, solBase01, solBase00 = 0x002b36, 0x073642, 0x586e75, 0x657b83
	solBase0, solBase1, solBase2, solBase3     = 0x839496, 0x93a1a1, 0xeee8d5, 0xfdf6e3
	solYellow, solOrange, solRed, solMagenta   = 0xb58900, 0xcb4b16, 0xdc322f, 0xd33682
	solViolet, solBlue, solCyan, solGreen      = 0x6c71c4, 0x268bd2, 0x2aa198, 0x859900
)

// solarizedANSI is Solarized's terminal mapping, the same for both
// variants (its bright colours are the monotone bases).
var solarizedANSI = ansi([16]uint32{
	solBase02, solRed, solGreen, solYellow, solBlue, solMagenta, solCyan, solBase2,
	solBase03, solOrange, solBase01, solBase00, solBase0, solViolet, solBase1, solBase3,
})

// tangoANSI is the Tango palette as GNOME Terminal ships it.
var tangoANSI = ansi([16]uint32{
	0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf,
	0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
})

// builtinSchemes are the named palettes, dark and light, in the order
// PaletteNames lists them. Where a scheme publishes no cursor or
// selection colour, the cursor is the foreground and the selection a
// colour of the scheme's own that keeps the text readable.
var builtinSchemes = []struct {
	name        string
	dark, light Scheme
}{
	{PaletteRoam,
		Scheme{xtermANSI, rgb(0xe5e5e5), rgb(0x16161a), rgb(0xd0d0d0), rgb(0x3a4a6b)},
		Scheme{roamLightANSI(), rgb(0x202020), rgb(0xfbfbf8), rgb(0x303030), rgb(0xb4d0f4)}},
	{PaletteSolarized,
		Scheme{solarizedANSI, rgb(solBase0), rgb(solBase03), rgb(solBase1), rgb(solBase02)},
		Scheme{solarizedANSI, rgb(solBase00), rgb(solBase3), rgb(solBase01), rgb(solBase2)}},
	{PaletteTango,
		Scheme{tangoANSI, rgb(0xd3d7cf), rgb(0x2e3436), rgb(0xd3d7cf), rgb(0x555753)},
		Scheme{tangoANSI, rgb(0x2e3436), rgb(0xeeeeec), rgb(0x2e3436), rgb(0xbabdb6)}},
	{PaletteXterm,
		Scheme{xtermANSI, rgb(0xffffff), rgb(0x000000), rgb(0xffffff), rgb(0x4d4d4d)},
		Scheme{xtermANSI, rgb(0x000000), rgb(0xffffff), rgb(0x000000), rgb(0xb3b3b3)}},
}

// roamLightANSI is xterm's colours with the pale ones darkened enough to
// read on white.
func roamLightANSI() [16]color.RGBA {
	c := xtermANSI
	c[3] = rgb(0xa08a00)  // yellow
	c[7] = rgb(0x6e6e6e)  // white
	c[11] = rgb(0xb09a00) // bright yellow
	c[15] = rgb(0x303030) // bright white
	return c
}

// PaletteNames lists the built-in palettes' names.
func PaletteNames() []string {
	names := make([]string, len(builtinSchemes))
	for i, b := range builtinSchemes {
		names[i] = b.name
	}
	return names
}

// NamedScheme returns the built-in palette name in its dark or light
// variant, and false if there is none of that name.
func NamedScheme(name string, dark bool) (Scheme, bool) {
	for _, b := range builtinSchemes {
		if b.name == name {
			if dark {
				return b.dark, true
			}
			return b.light, true
		}
	}
	return Scheme{}, false
}

// xtermIndexed returns xterm's 256 colours: the given 16 followed by the
// colour cube and the grey ramp, which every xterm-compatible terminal
// computes the same way.
func xtermIndexed(ansi [16]color.RGBA) [256]color.RGBA {
	var p [256]color.RGBA
	copy(p[:16], ansi[:])
	level := func(i int) uint8 {
		if i == 0 {
			return 0
		}
		return uint8(55 + 40*i)
	}
	for i := range 216 {
		p[16+i] = color.RGBA{level(i / 36), level(i / 6 % 6), level(i % 6), 0xff}
	}
	for i := range 24 {
		v := uint8(8 + 10*i)
		p[232+i] = color.RGBA{v, v, v, 0xff}
	}
	return p
}

// DarkPalette returns Roam's dark palette, the view's default.
func DarkPalette() Palette {
	s, _ := NamedScheme(PaletteRoam, true)
	return s.Palette()
}

// LightPalette returns Roam's light palette.
func LightPalette() Palette {
	s, _ := NamedScheme(PaletteRoam, false)
	return s.Palette()
}

// resolve returns the colour c stands for, def for the default colour.
func (p *Palette) resolve(c vt.Color, def color.RGBA) color.RGBA {
	if i, ok := c.Index(); ok {
		return p.Indexed[i]
	}
	if r, g, b, ok := c.RGB(); ok {
		return color.RGBA{r, g, b, 0xff}
	}
	return def
}

// colors returns the foreground and background a cell with rendition r
// is drawn in, with inverse video (the cell's or the whole screen's),
// faint and invisible applied. reverse is the screen's DECSCNM.
func (p *Palette) colors(r vt.Rendition, reverse bool) (fg, bg color.RGBA) {
	defFg, defBg := p.Foreground, p.Background
	if reverse {
		defFg, defBg = defBg, defFg
	}
	fg, bg = p.resolve(r.Fg, defFg), p.resolve(r.Bg, defBg)
	if r.Attrs&vt.AttrInverse != 0 {
		fg, bg = bg, fg
	}
	if r.Attrs&vt.AttrFaint != 0 {
		fg = mix(fg, bg, 128)
	}
	return fg, bg
}

// mix returns a blended with b, a weighted by wa/255.
func mix(a, b color.RGBA, wa uint8) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8((uint32(x)*uint32(wa) + uint32(y)*(255-uint32(wa)) + 127) / 255) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}
