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

// xtermANSI are xterm's default 16 colours.
var xtermANSI = [16]color.RGBA{
	{0x00, 0x00, 0x00, 0xff}, {0xcd, 0x00, 0x00, 0xff}, {0x00, 0xcd, 0x00, 0xff}, {0xcd, 0xcd, 0x00, 0xff},
	{0x00, 0x00, 0xee, 0xff}, {0xcd, 0x00, 0xcd, 0xff}, {0x00, 0xcd, 0xcd, 0xff}, {0xe5, 0xe5, 0xe5, 0xff},
	{0x7f, 0x7f, 0x7f, 0xff}, {0xff, 0x00, 0x00, 0xff}, {0x00, 0xff, 0x00, 0xff}, {0xff, 0xff, 0x00, 0xff},
	{0x5c, 0x5c, 0xff, 0xff}, {0xff, 0x00, 0xff, 0xff}, {0x00, 0xff, 0xff, 0xff}, {0xff, 0xff, 0xff, 0xff},
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

// DarkPalette returns xterm's colours on a dark background.
func DarkPalette() Palette {
	return Palette{
		Indexed:          xtermIndexed(xtermANSI),
		Foreground:       color.RGBA{0xe5, 0xe5, 0xe5, 0xff},
		Background:       color.RGBA{0x16, 0x16, 0x1a, 0xff},
		Cursor:           color.RGBA{0xd0, 0xd0, 0xd0, 0xff},
		Selection:        color.RGBA{0x3a, 0x4a, 0x6b, 0xff},
		BannerForeground: color.RGBA{0x10, 0x10, 0x10, 0xff},
		BannerBackground: color.RGBA{0xe8, 0xc5, 0x4a, 0xff},
	}
}

// LightPalette returns xterm's colours on a light background, with the
// pale ANSI colours darkened enough to read on white.
func LightPalette() Palette {
	ansi := xtermANSI
	ansi[3] = color.RGBA{0xa0, 0x8a, 0x00, 0xff} // yellow
	ansi[7] = color.RGBA{0x6e, 0x6e, 0x6e, 0xff} // white
	ansi[11] = color.RGBA{0xb0, 0x9a, 0x00, 0xff}
	ansi[15] = color.RGBA{0x30, 0x30, 0x30, 0xff}
	return Palette{
		Indexed:          xtermIndexed(ansi),
		Foreground:       color.RGBA{0x20, 0x20, 0x20, 0xff},
		Background:       color.RGBA{0xfb, 0xfb, 0xf8, 0xff},
		Cursor:           color.RGBA{0x30, 0x30, 0x30, 0xff},
		Selection:        color.RGBA{0xb4, 0xd0, 0xf4, 0xff},
		BannerForeground: color.RGBA{0x10, 0x10, 0x10, 0xff},
		BannerBackground: color.RGBA{0xf0, 0xc8, 0x40, 0xff},
	}
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
