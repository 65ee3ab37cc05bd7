package predicttest

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

func TestTraceIsDeterministic(t *testing.T) {
	a, b := Trace(1, 2000), Trace(1, 2000)
	if len(a) != len(b) || len(a) < 2000 {
		t.Fatalf("lengths %d, %d", len(a), len(b))
	}
	for i := range a {
		if a[i].At != b[i].At || !bytes.Equal(a[i].Key, b[i].Key) || a[i].Echo != b[i].Echo {
			t.Fatalf("keystroke %d differs", i)
		}
	}
}

func TestTraceShape(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		keys := Trace(seed, 2000)
		echoed := 0
		for i, k := range keys {
			if i > 0 && k.At <= keys[i-1].At {
				t.Fatalf("seed %d: keystroke %d at %v, not after %v", seed, i, k.At, keys[i-1].At)
			}
			r, n := utf8.DecodeRune(k.Key)
			if k.Echo {
				echoed++
				if n != len(k.Key) || r < ' ' || r == 0x7f {
					t.Fatalf("seed %d: keystroke %d %q marked as echoed", seed, i, k.Key)
				}
			}
		}
		// Most keys type text; a trace of only control keys would
		// measure nothing.
		if share := float64(echoed) / float64(len(keys)); share < 0.7 || share > 0.95 {
			t.Errorf("seed %d: %.0f%% of keys echoed, want 70–95%%", seed, 100*share)
		}
		// About 4–5 keys a second, pauses included.
		if rate := float64(len(keys)) / keys[len(keys)-1].At.Seconds(); rate < 3 || rate > 6 {
			t.Errorf("seed %d: %.1f keys/s, want 3–6", seed, rate)
		}
	}
}
