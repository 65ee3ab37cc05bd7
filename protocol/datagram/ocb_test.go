package datagram

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// newAEADSession returns a Session for a raw key given in hex.
func newAEADSession(t *testing.T, keyHex string) *Session {
	t.Helper()
	var k Key
	copy(k[:], mustHex(t, keyHex))
	s, err := NewSession(k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOCBVectors runs the primitive against RFC 7253 Appendix A (AES-128,
// 128-bit tag) and the draft-krovetz-ocb-03 vectors mosh's ocb-aes test
// uses (nonce 000102…0B). The primitive is tested with associated data
// although mosh's wire uses none.
func TestOCBVectors(t *testing.T) {
	var vectors []struct{ Name, Key, Nonce, AD, Plaintext, Ciphertext string }
	loadJSON(t, "ocb_vectors.json", &vectors)
	if len(vectors) != 32 {
		t.Fatalf("got %d vectors, want 16 RFC + 16 mosh", len(vectors))
	}
	for _, v := range vectors {
		t.Run(v.Name, func(t *testing.T) {
			aead := newAEADSession(t, v.Key).aead
			nonce, ad := mustHex(t, v.Nonce), mustHex(t, v.AD)
			pt, ct := mustHex(t, v.Plaintext), mustHex(t, v.Ciphertext)
			if got := aead.Seal(nil, nonce, pt, ad); !bytes.Equal(got, ct) {
				t.Fatalf("Seal = %X, want %X", got, ct)
			}
			got, err := aead.Open(nil, nonce, ct, ad)
			if err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("Open = %X, %v; want %X", got, err, pt)
			}
			for bit := range len(ct) * 8 {
				bad := bytes.Clone(ct)
				bad[bit/8] ^= 1 << (bit % 8)
				if _, err := aead.Open(nil, nonce, bad, ad); err == nil {
					t.Fatalf("Open accepted ciphertext with bit %d flipped", bit)
				}
			}
		})
	}
}

// TestOCBIterative is RFC 7253's "sample result" loop for KEYLEN 128,
// TAGLEN 128.
func TestOCBIterative(t *testing.T) {
	aead := newAEADSession(t, "00000000000000000000000000000080").aead
	nonce := func(i uint64) []byte {
		n := make([]byte, ocbNonceSize)
		binary.BigEndian.PutUint64(n[4:], i)
		return n
	}
	var c []byte
	for i := range uint64(128) {
		s := make([]byte, i)
		c = aead.Seal(c, nonce(3*i+1), s, s)
		c = aead.Seal(c, nonce(3*i+2), s, nil)
		c = aead.Seal(c, nonce(3*i+3), nil, s)
	}
	got := aead.Seal(nil, nonce(385), nil, c)
	want := mustHex(t, "67E944D23256C5E0B6C61FA22FDF1EA2")
	if !bytes.Equal(got, want) {
		t.Fatalf("iterative tag = %X, want %X", got, want)
	}
}
