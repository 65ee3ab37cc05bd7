package bookmark

import (
	"bytes"
	"os"
	"testing"
)

// FuzzLoad feeds arbitrary files to the loader: it must never panic, and
// whatever it accepts must save and load back to the same file.
func FuzzLoad(f *testing.F) {
	full, err := os.ReadFile("testdata/full.roam")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{
		full,
		[]byte(`host = "h"`),
		[]byte("version = 1\nssh_alias = \"a\"\nport = 22\n"),
		[]byte("host = \"h\"\npassword = \"x\"\n"),
		[]byte("host = \"h\"\n[x]\ny = [1, 2.5, \"z\"]\n[[t]]\nk = 1979-05-27\n"),
		[]byte("host = \"h\"\nudp_port = 60001\nfont_size = 12\n"),
		[]byte("version = 1\nhost = \"unterminated\n"),
		[]byte("host = \"h\"\nnotes = '''\nport = 1\n'''\n"),
		{0xff, 0xfe, '='},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse("fuzz.roam", data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			return
		}
		out, err := Marshal(b)
		if err != nil {
			t.Fatalf("Marshal of an accepted bookmark: %v", err)
		}
		again, err := Parse("fuzz.roam", out)
		if err != nil {
			t.Fatalf("reloading\n%s\n: %v", out, err)
		}
		out2, err := Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("save is not stable:\n%s\n---\n%s", out, out2)
		}
	})
}
