package datagram

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func loadJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// TestKeyVectors checks mosh's base64 vectors (src/tests/genbase64.pl).
func TestKeyVectors(t *testing.T) {
	var vectors []struct{ Key, Printable string }
	loadJSON(t, "keys.json", &vectors)
	if len(vectors) != 8 {
		t.Fatalf("got %d key vectors, want 8", len(vectors))
	}
	for _, v := range vectors {
		var want Key
		copy(want[:], mustHex(t, v.Key))
		if got := want.Printable(); got != v.Printable {
			t.Errorf("Printable(%s) = %q, want %q", v.Key, got, v.Printable)
		}
		got, err := ParseKey(v.Printable)
		if err != nil || got != want {
			t.Errorf("ParseKey(%q) = %x, %v; want %s", v.Printable, got[:], err, v.Key)
		}
	}
}

func TestKeyRoundTrip(t *testing.T) {
	var k Key
	for b := 0; b < 256; b++ {
		k[KeySize-1] = byte(b)
		assertRoundTrip(t, k)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 131072 {
		for i := range k {
			k[i] = byte(rng.Uint32())
		}
		assertRoundTrip(t, k)
	}
}

func assertRoundTrip(t *testing.T, k Key) {
	t.Helper()
	p := k.Printable()
	got, err := ParseKey(p)
	if err != nil || got != k {
		t.Fatalf("ParseKey(Printable(%x)) = %x, %v", k[:], got[:], err)
	}
}

func TestParseKeyRejects(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrKeyLength},
		{"AAAAAAAAAA==", ErrKeyLength},
		{"AAAAAAAAAAAAAAAAAAAAA", ErrKeyLength},
		{"AAAAAAAAAAAAAAAAAAAAAAA", ErrKeyLength},
		{"AAAAAAAAAAAAAAAAAAAAAA=", ErrKeyLength},
		{"AAAAAAAAAAAAAAAAAAAAAA==", ErrKeyLength},
		{"AAAAAAAAAAAAAAAAAAAAAA===", ErrKeyLength},
		{"~AAAAAAAAAAAAAAAAAAAAA", ErrKeyBase64},
		{"AAAAAAAAAA~AAAAAAAAAAA", ErrKeyBase64},
		{"AAAAAAAAAAAAAAAAAAAAA~", ErrKeyBase64},
		{"AAAAAAAAAAAAAAAAAAAA-w", ErrKeyBase64}, // URL-safe alphabet
		{"AAAAAAAAAAAAAAAAAAAA_w", ErrKeyBase64},
		{"AAAAAAAAAA\nAAAAAAAAAAA", ErrKeyBase64}, // encoding/base64 would skip it
		{"AAAAAAAAAAAAAAAAAAAA=A", ErrKeyBase64},
		{"AAAAAAAAAAAAAAAAAAAAAB", ErrKeyBits}, // spare bits set
		{"/////////////////////x", ErrKeyBits},
	}
	for _, tt := range tests {
		_, err := ParseKey(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseKey(%q) error = %v, want %v", tt.in, err, tt.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "datagram: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	}
	// Only A, Q, g and w leave the four spare bits zero.
	for c := range 128 {
		s := strings.Repeat("A", 21) + string(rune(c))
		_, err := ParseKey(s)
		if ok := strings.ContainsRune("AQgw", rune(c)); ok != (err == nil) {
			t.Errorf("ParseKey(...%q) error = %v", rune(c), err)
		}
	}
}

func TestKeyNeverPrinted(t *testing.T) {
	k, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{k.Printable(), hex.EncodeToString(k[:]), strings.ToUpper(hex.EncodeToString(k[:])), fmt.Sprint([KeySize]byte(k))}
	wrapped := struct{ K Key }{k}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%q", "%d", "%10v", "%-30s"} {
		for _, arg := range []any{k, &k, wrapped, []Key{k}} {
			out := fmt.Sprintf(verb, arg)
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("Sprintf(%q, %T) = %q leaks the key", verb, arg, out)
				}
			}
			if !strings.Contains(out, "datagram.Key(redacted)") {
				t.Errorf("Sprintf(%q, %T) = %q, want the redacted form", verb, arg, out)
			}
		}
	}
	if k.String() != "datagram.Key(redacted)" || k.GoString() != "datagram.Key(redacted)" {
		t.Errorf("String/GoString = %q/%q", k.String(), k.GoString())
	}
}

func TestNewKeyIsRandom(t *testing.T) {
	a, errA := NewKey()
	b, errB := NewKey()
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if a == b || a == (Key{}) {
		t.Fatalf("NewKey returned %x twice or zero", a[:])
	}
}
