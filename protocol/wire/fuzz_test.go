package wire

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzUnmarshal feeds arbitrary bytes to every decoder. Decoding must never
// panic, and whatever decodes must re-encode to bytes that decode to the
// same value.
func FuzzUnmarshal(f *testing.F) {
	for _, tc := range goldenCases {
		text, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			f.Fatal(err)
		}
		b, err := hex.DecodeString(strings.TrimSpace(string(text)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{0x0a, 0x02, 0x12, 0x00})
	f.Add([]byte{0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		decoders := []func() message{
			func() message { return new(Instruction) },
			func() message { return new(UserMessage) },
			func() message { return new(HostMessage) },
		}
		for _, newMessage := range decoders {
			m := newMessage()
			if err := m.Unmarshal(b); err != nil {
				continue
			}
			again := newMessage()
			if err := again.Unmarshal(m.AppendMarshal(nil)); err != nil {
				t.Fatalf("%T: re-marshalled value does not decode: %v", m, err)
			}
			if !reflect.DeepEqual(m, again) {
				t.Fatalf("%T: round trip changed the value:\n%+v\n%+v", m, m, again)
			}
		}
	})
}
