package statesync

import (
	"bytes"
	"testing"
)

func TestKeyTranslator(t *testing.T) {
	tests := []struct {
		name      string
		writes    []string // consecutive Translate calls
		appCursor bool
		want      string
	}{
		{"plain text", []string{"echo hi\r"}, false, "echo hi\r"},
		{"up", []string{"\x1bOA"}, false, "\x1b[A"},
		{"all four", []string{"\x1bOA\x1bOB\x1bOC\x1bOD"}, false, "\x1b[A\x1b[B\x1b[C\x1b[D"},
		{"app cursor keeps SS3", []string{"\x1bOA\x1bOD"}, true, "\x1bOA\x1bOD"},
		{"other SS3 untouched", []string{"\x1bOP\x1bOE\x1bOa"}, false, "\x1bOP\x1bOE\x1bOa"},
		{"CSI untouched", []string{"\x1b[A"}, false, "\x1b[A"},
		{"split after ESC", []string{"x\x1b", "OB"}, false, "x\x1b[B"},
		{"split after O", []string{"\x1bO", "C"}, false, "\x1b[C"},
		{"split in three", []string{"\x1b", "O", "D"}, false, "\x1b[D"},
		{"held O then text", []string{"\x1bO", "x"}, false, "\x1bOx"},
		{"ESC ESC O A is not an arrow", []string{"\x1b\x1bOA"}, false, "\x1b\x1bOA"},
		{"ESC O ESC", []string{"\x1bO\x1bOA"}, false, "\x1bO\x1bOA"},
		{"bare ESC", []string{"\x1b"}, false, "\x1b"},
		{"8-bit SS3 untouched", []string{"\xc2\x8fA"}, false, "\xc2\x8fA"},
		{"empty", []string{""}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var k KeyTranslator
			var got []byte
			for _, w := range tt.writes {
				got = k.Translate(got, []byte(w), tt.appCursor)
			}
			if !bytes.Equal(got, []byte(tt.want)) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// The mode is sampled per byte: an arrow whose final byte arrives after
// the application enabled DECCKM is left alone.
func TestKeyTranslatorModeChangeMidSequence(t *testing.T) {
	var k KeyTranslator
	got := k.Translate(nil, []byte("\x1bO"), false)
	got = k.Translate(got, []byte("A"), true)
	if want := "\x1bOA"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzKeyTranslator(f *testing.F) {
	f.Add([]byte("\x1bOA"), 1, false)
	f.Add([]byte("a\x1b\x1bOBc"), 2, true)
	f.Fuzz(func(t *testing.T, in []byte, split int, app bool) {
		var whole, parts KeyTranslator
		a := whole.Translate(nil, in, app)
		split = max(0, min(split, len(in)))
		b := parts.Translate(nil, in[:split], app)
		b = parts.Translate(b, in[split:], app)
		// Splitting never changes the result, and the output is the input
		// with some "O" turned into "[" (held bytes aside).
		if !bytes.Equal(a, b) {
			t.Fatalf("split at %d: %q vs %q", split, a, b)
		}
		if len(a) > len(in) || len(in)-len(a) > 1 {
			t.Fatalf("length %d from %d", len(a), len(in))
		}
	})
}
