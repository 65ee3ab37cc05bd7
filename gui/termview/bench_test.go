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

// scrolledBack returns frames of a 200×60 session whose history holds
// coloured lines like colouredScreen's, and a look scrolled back into
// it by a page and a half.
func scrolledBack() (*remote, Frame, *look) {
	r := newRemote(200, 60, vt.DefaultHistoryLines)
	var b strings.Builder
	for y := range 200 {
		for x := 0; x < 200; x += 10 {
			fmt.Fprintf(&b, "\x1b[38;5;%d;48;5;%dm", 16+(x+y)%216, 232+(x/10+y)%24)
			if x%30 == 0 {
				b.WriteString("\x1b[1m")
			}
			b.WriteString("abcXYZ0189")
			b.WriteString("\x1b[0m")
		}
	}
	f := r.write(b.String())
	return r, f, &look{focused: true, blinkOn: true, top: linesOf(&f).screenTop() - 90}
}

// BenchmarkScrolledRedraw draws every row of a view scrolled back into
// the history (lines already decoded).
func BenchmarkScrolledRedraw(b *testing.B) {
	c, _, w, h := benchCompositor(b)
	_, f, lk := scrolledBack()
	c.draw(&f, lk, w, h)
	b.ReportAllocs()
	for b.Loop() {
		c.full = true
		c.draw(&f, lk, w, h)
	}
}

// BenchmarkScrollOneRow draws a scrolled-back view moving one row up and
// down, as the wheel does: every row changes.
func BenchmarkScrollOneRow(b *testing.B) {
	c, _, w, h := benchCompositor(b)
	_, f, lk := scrolledBack()
	top := lk.top
	c.draw(&f, lk, w, h)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		lk.top = top + i%2
		c.draw(&f, lk, w, h)
	}
}

// BenchmarkScrolledNewOutput draws frames with new output below a
// scrolled-back view, which stays where it is: nothing is redrawn. (The
// loop going back from the last frame to the first looks like another
// history, once every 1000 frames, and decodes the lines in view again.)
func BenchmarkScrolledNewOutput(b *testing.B) {
	c, _, w, h := benchCompositor(b)
	r, f, lk := scrolledBack()
	lk.newOutput = true
	frames := []Frame{f}
	for i := range 1000 {
		frames = append(frames, r.write(fmt.Sprintf("output %d\r\n", i)))
	}
	for i := range frames {
		c.draw(&frames[i], lk, w, h)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.draw(&frames[i%len(frames)], lk, w, h)
	}
}

// BenchmarkSearchMiss looks for text that is nowhere in a full default
// history of 80-column lines: the worst case of a step, which reads
// every line once.
func BenchmarkSearchMiss(b *testing.B) {
	r := newRemote(80, 24, vt.DefaultHistoryLines)
	for i := range vt.DefaultHistoryLines + 24 {
		r.e.Write(fmt.Appendf(nil, "%05d the quick brown fox jumps over the lazy dog; \x1b[1mbold\x1b[0m text to fill the row\r\n", i))
	}
	f := r.write("")
	src := linesOf(&f)
	var fd finder
	fd.setQuery("absent")
	b.ReportAllocs()
	for b.Loop() {
		if fd.step(src, cellPos{src.end(), 0}, true) {
			b.Fatal("found")
		}
	}
}

// BenchmarkFollowOutput draws frames one line of output apart, as a
// command printing lines does, while the view follows: the drawn rows
// move up with the history and only the new bottom rows are drawn.
func BenchmarkFollowOutput(b *testing.B) {
	c, _, w, h := benchCompositor(b)
	r, f, lk := scrolledBack()
	frames := []Frame{f}
	for i := range 1000 {
		frames = append(frames, r.write(fmt.Sprintf("\x1b[1;3%dmoutput\x1b[0m %d\r\n", i%8, i)))
	}
	for i := range frames {
		lk.top = linesOf(&frames[i]).screenTop()
		c.draw(&frames[i], lk, w, h)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f := &frames[i%len(frames)]
		lk.top = linesOf(f).screenTop()
		c.draw(f, lk, w, h)
	}
}
