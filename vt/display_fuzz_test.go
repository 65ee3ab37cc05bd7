package vt

import "testing"

// FuzzDisplayDiffRoundTrip feeds arbitrary output to an emulator, takes a
// frame halfway and one at the end, and checks every diff between them
// round-trips: the full repaint of each, and the incremental diff from the
// first to the second. The first byte picks the screen size.
func FuzzDisplayDiffRoundTrip(f *testing.F) {
	for _, s := range workloads {
		f.Add(append([]byte{0x52}, s...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		w, h := 1+int(data[0]&0x1f), 1+int(data[0]>>5)
		data = data[1:]
		src := NewEmulator(w, h)
		src.Write(data[:len(data)/2])
		a := src.Framebuffer().Clone()
		src.Write(data[len(data)/2:])
		b := src.Framebuffer().Clone()

		e := receiverFor(t, a)
		applyDiff(t, e, a, b)
		applyDiff(t, NewEmulator(w, h), nil, b)
		if inc, full := DisplayDiff(a, b), repaintFrom(a, b); len(inc) > len(full) {
			t.Fatalf("incremental diff (%d bytes) longer than a repaint (%d)", len(inc), len(full))
		}
	})
}
