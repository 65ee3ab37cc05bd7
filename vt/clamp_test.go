package vt

import "testing"

// A size from the network is clamped, so that a peer's absurd Resize
// cannot take the process's memory (found by FuzzCompleteApply: a
// 100000×100000 Resize took minutes).
func TestSizeClamped(t *testing.T) {
	for _, c := range []struct{ w, h, wantW, wantH int }{
		{80, 24, 80, 24},
		{0, -5, 1, 1},
		{100000, 100000, MaxWidth, MaxHeight},
		{MaxWidth + 1, 3, MaxWidth, 3},
	} {
		e := NewEmulator(c.w, c.h)
		if fb := e.Framebuffer(); fb.Width() != c.wantW || fb.Height() != c.wantH {
			t.Errorf("NewEmulator(%d, %d): %d×%d, want %d×%d", c.w, c.h, fb.Width(), fb.Height(), c.wantW, c.wantH)
		}
		e = NewEmulator(10, 10)
		e.Resize(c.w, c.h)
		if fb := e.Framebuffer(); fb.Width() != c.wantW || fb.Height() != c.wantH {
			t.Errorf("Resize(%d, %d): %d×%d, want %d×%d", c.w, c.h, fb.Width(), fb.Height(), c.wantW, c.wantH)
		}
	}
}
