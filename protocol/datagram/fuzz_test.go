package datagram

import (
	"bytes"
	"testing"
)

// FuzzOpen feeds arbitrary bytes to Open under the §2.6 key: it must never
// panic, must reject anything it cannot authenticate, and whatever it
// accepts must re-seal to the same bytes.
func FuzzOpen(f *testing.F) {
	for _, v := range loadDatagramVectors(f) {
		d := mustHex(f, v.Datagram)
		f.Add(d)
		f.Add(d[:len(d)-1])
		f.Add(d[:MinSize])
	}
	f.Add([]byte{})
	f.Add(make([]byte, MinSize))
	f.Add(make([]byte, MaxSize+1))
	f.Add([]byte("\x80garbage garbage garbage garbage"))
	s := newSession(f, "AAAAAAAAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, in []byte) {
		dir, seq, pt, err := s.Open(nil, in)
		if err != nil {
			return
		}
		if len(pt) < TimestampsSize || len(in) < MinSize || len(in) > MaxSize {
			t.Fatalf("accepted %d-byte datagram with %d-byte plaintext", len(in), len(pt))
		}
		if again := s.Seal(nil, dir, seq, pt); !bytes.Equal(again, in) {
			t.Fatalf("re-seal differs:\n%x\n%x", again, in)
		}
	})
}
