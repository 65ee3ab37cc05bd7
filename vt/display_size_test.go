package vt

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// repaintFrom is the full repaint of b for a receiver showing a: the same
// bell, title and clipboard updates as the incremental diff, then
// everything redrawn.
func repaintFrom(a, b *Framebuffer) []byte {
	d := differ{to: b, w: b.Width(), h: b.Height()}
	d.run(a, true)
	return d.b
}

// TestDisplayDiffNeverLargerThanRepaint checks that an incremental diff is
// never longer than repainting the target frame from scratch.
func TestDisplayDiffNeverLargerThanRepaint(t *testing.T) {
	smallest := NewFramebuffer(1, 1) // the modes with the shortest sequences
	smallest.Mouse, smallest.MouseEncoding = MouseX10, MouseEncodingUTF8
	if n := len(DisplayDiff(nil, smallest)); n <= minRepaint {
		t.Fatalf("a blank repaint is %d bytes; minRepaint (%d) must be below every repaint", n, minRepaint)
	}
	check := func(name string, a, b *Framebuffer) {
		t.Helper()
		inc, full := DisplayDiff(a, b), repaintFrom(a, b)
		if len(inc) > len(full) {
			t.Errorf("%s: incremental diff is %d bytes, full repaint %d\ninc  %q\nfull %q", name, len(inc), len(full), inc, full)
		}
	}
	for i := range 2000 {
		r := rand.New(rand.NewPCG(uint64(i), 3))
		w, h := 1+r.IntN(40), 1+r.IntN(12)
		a := randomFrame(r, w, h)
		check(fmt.Sprintf("random %d", i), a, randomFrame(r, w, h))
		check(fmt.Sprintf("mutated %d", i), a, mutate(r, a))
	}
	for name, stream := range workloads {
		src := NewEmulator(80, 24)
		prev := src.Framebuffer().Clone()
		for i := 0; i < len(stream); i += 16 {
			next := snapshot(src, stream[i:min(i+16, len(stream))])
			check(name, prev, next)
			prev = next
		}
	}
	check("busy to blank", frameOf(80, 24, lines(0, 24)), frameOf(80, 24, ""))
}
