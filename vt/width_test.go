package vt_test

import (
	"testing"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/internal/libcwidth"
)

// TestWidthMatchesLibc checks the committed table against the running
// glibc over every code point. On a machine whose glibc is not 2.36 this
// fails where Unicode data changed; regenerate with go generate only for a
// deliberate move to another mosh-server baseline.
func TestWidthMatchesLibc(t *testing.T) {
	bad := 0
	for r := rune(0); r <= 0x10ffff; r++ {
		want, err := libcwidth.Width(r)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case r == 0:
			want = -1 // controls never print; glibc says 0 for NUL
		case (r >= 0x20 && r <= 0x7e) || (r >= 0xa0 && r <= 0xff):
			want = 1 // mosh's override
		}
		if got := vt.Width(r); got != want {
			if bad++; bad <= 10 {
				t.Errorf("Width(%U) = %d, libc says %d", r, got, want)
			}
		}
	}
	if bad > 10 {
		t.Errorf("%d code points differ in all", bad)
	}
}

func TestWidth(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want int
	}{
		{'a', 1}, {0x7f, -1}, {0x85, -1}, {0xa0, 1}, {0xad, 1}, {0x301, 0},
		{'世', 2}, {0x1f642, 2}, {0xfe0f, 0}, {0x200b, 0}, {0xe000, 1}, {0x10ffff, -1},
	} {
		if got := vt.Width(tc.r); got != tc.want {
			t.Errorf("Width(%U) = %d, want %d", tc.r, got, tc.want)
		}
	}
}

func BenchmarkWidthCJK(b *testing.B) {
	s := []rune("日本語のテキストと한국어 텍스트 🙂")
	for b.Loop() {
		for _, r := range s {
			vt.Width(r)
		}
	}
}
