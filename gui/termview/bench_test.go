package termview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
)

// colouredScreen returns a 200×60 screen full of text in changing
// 256-colour foregrounds and backgrounds, with bold and underlined runs.
func colouredScreen() *vt.Emulator {
	e := vt.NewEmulator(200, 60)
	var b strings.Builder
	for y := range 60 {
		fmt.Fprintf(&b, "\x1b[%dH", y+1)
		for x := 0; x < 200; x += 10 {
			fmt.Fprintf(&b, "\x1b[38;5;%d;48;5;%dm", 16+(x+y)%216, 232+(x/10+y)%24)
			if x%30 == 0 {
				b.WriteString("\x1b[1m")
			}
			if x%50 == 0 {
				b.WriteString("\x1b[4m")
			}
			b.WriteString("abcXYZ0189"[:10])
			b.WriteString("\x1b[0m")
		}
	}
	e.Write([]byte(b.String()))
	return e
}

func benchCompositor(b *testing.B) (*compositor, *look, int, int) {
	c := &compositor{}
	c.setPalette(DarkPalette())
	c.setAtlas(newAtlas(DefaultFontSize, BundledFonts()))
	w, h := 200*c.atlas.m.cellW, 60*c.atlas.m.cellH
	b.ReportMetric(float64(w*h)/1e6, "Mpixel")
	return c, &look{focused: true, blinkOn: true}, w, h
}

// BenchmarkFullRedraw draws every row of a 200×60 coloured screen.
func BenchmarkFullRedraw(b *testing.B) {
	c, lk, w, h := benchCompositor(b)
	f := &Frame{Screen: colouredScreen().Framebuffer().Clone()}
	c.draw(f, lk, w, h) // warm the glyph cache
	b.ReportAllocs()
	for b.Loop() {
		c.full = true
		c.draw(f, lk, w, h)
	}
}

// BenchmarkOneRowUpdate draws frames that differ from the last drawn one
// in one row, as typing at a prompt does.
func BenchmarkOneRowUpdate(b *testing.B) {
	c, lk, w, h := benchCompositor(b)
	e := colouredScreen()
	a := &Frame{Screen: e.Framebuffer().Clone()}
	e.Write([]byte("\x1b[30;1Hchanged"))
	z := &Frame{Screen: e.Framebuffer().Clone()}
	c.draw(a, lk, w, h)
	c.draw(z, lk, w, h)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			c.draw(a, lk, w, h)
		} else {
			c.draw(z, lk, w, h)
		}
	}
}

// BenchmarkIdleFrame draws a frame identical to the last one.
func BenchmarkIdleFrame(b *testing.B) {
	c, lk, w, h := benchCompositor(b)
	f := &Frame{Screen: colouredScreen().Framebuffer().Clone()}
	c.draw(f, lk, w, h)
	b.ReportAllocs()
	for b.Loop() {
		c.draw(f, lk, w, h)
	}
}
