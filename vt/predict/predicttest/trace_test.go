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

func TestTraceContexts(t *testing.T) {
	// Echoed keys are typed where something echoes them; password and
	// vim normal-mode keys never are.
	for seed := uint64(1); seed <= 6; seed++ {
		seen := map[Context]bool{}
		for i, k := range Trace(seed, 2000) {
			seen[k.Context] = true
			if k.Echo && (k.Context == Password || k.Context == VimNormal) {
				t.Fatalf("seed %d: keystroke %d %q echoed in %v", seed, i, k.Key, k.Context)
			}
		}
		for _, c := range []Context{Shell, VimNormal, VimInsert, VimCommand, Password} {
			if !seen[c] {
				t.Errorf("seed %d: no keystroke in %v", seed, c)
			}
		}
	}
}

func TestClassify(t *testing.T) {
	keys := []Keystroke{
		{Key: []byte("l"), Echo: true},
		{Key: []byte("s"), Echo: true},
		{Key: []byte("\r")},
		{Key: []byte("c"), Echo: true},
		{Key: []byte("x"), Echo: true},
		{Key: []byte("\x7f")},
		{Key: []byte("d"), Echo: true},
		{Key: []byte("\x1b"), Context: VimInsert},
		{Key: []byte(":"), Context: VimNormal},
		{Key: []byte("你"), Echo: true, Context: VimCommand},
		{Key: []byte(" "), Echo: true, Context: VimCommand},
	}
	want := map[int]Class{
		0:  {Shell, "start", 1, "ascii"},
		1:  {Shell, "start", 2, "ascii"},
		3:  {Shell, "enter", 1, "ascii"},
		4:  {Shell, "enter", 2, "ascii"},
		6:  {Shell, "enter", 2, "ascii"}, // the typo was taken back
		9:  {VimCommand, `":"`, 1, "wide"},
		10: {VimCommand, `":"`, 2, "space"},
	}
	got := Classify(keys)
	if len(got) != len(want) {
		t.Fatalf("classified %d keystrokes, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("keystroke %d: %+v, want %+v", i, got[i], w)
		}
	}
	if s := want[3].String(); s != "shell after enter #1" {
		t.Errorf("String = %q", s)
	}
}
