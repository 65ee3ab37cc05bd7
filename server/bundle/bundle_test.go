package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestParseName(t *testing.T) {
	tests := []struct {
		name string
		want Platform
		ok   bool
	}{
		{"roam-server-linux-amd64", Platform{"linux", "amd64"}, true},
		{"roam-server-darwin-arm64", Platform{"darwin", "arm64"}, true},
		{"roam-server-freebsd-amd64", Platform{"freebsd", "amd64"}, true},
		{"README", Platform{}, false},
		{".gitignore", Platform{}, false},
		{"roam-server-linux", Platform{}, false},
		{"roam-server--amd64", Platform{}, false},
		{"roam-server-linux-amd64-extra", Platform{}, false},
	}
	for _, tt := range tests {
		got, ok := parseName(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseName(%q) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestEmbedded checks whatever this build embeds: every server's digest
// and size match its contents, and Lookup finds each one. In a clean clone
// there are none, and Lookup must say so.
func TestEmbedded(t *testing.T) {
	for _, s := range All() {
		r, err := s.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if int64(len(b)) != s.Size || hex.EncodeToString(sum[:]) != s.SHA256 {
			t.Errorf("%s: size %d digest %s; contents are %d bytes, %x", s.Platform, s.Size, s.SHA256, len(b), sum)
		}
		got, err := Lookup(s.Platform.GOOS, s.Platform.GOARCH)
		if err != nil || got.SHA256 != s.SHA256 {
			t.Errorf("Lookup(%s) = %v, %v", s.Platform, got.SHA256, err)
		}
	}
	_, err := Lookup("plan9", "mips")
	var nb *NotBundledError
	if !errors.As(err, &nb) {
		t.Fatalf("Lookup(plan9/mips) error = %v, want *NotBundledError", err)
	}
	if len(Platforms()) == 0 && !strings.Contains(err.Error(), "no bundled roam-server binaries") {
		t.Errorf("error without bundles = %q, want it to say the build has none", err)
	}
}

func TestFromBytes(t *testing.T) {
	s := FromBytes(Platform{"linux", "amd64"}, []byte("abc"))
	if s.Size != 3 || s.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("FromBytes = %d %s", s.Size, s.SHA256)
	}
	r, _ := s.Open()
	b, _ := io.ReadAll(r)
	if string(b) != "abc" {
		t.Errorf("Open read %q", b)
	}
}
