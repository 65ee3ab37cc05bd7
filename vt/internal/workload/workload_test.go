package workload

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func generate(t *testing.T, k Kind, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Generate(k, size, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGenerate(t *testing.T) {
	const size = 64 << 10
	seen := map[string]Kind{}
	for _, k := range Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			a := generate(t, k, size)
			if len(a) < size || len(a) > size+16<<10 {
				t.Errorf("len = %d, want %d plus at most one record", len(a), size)
			}
			if !bytes.Equal(a, generate(t, k, size)) {
				t.Error("two runs gave different output")
			}
			if small := generate(t, k, size/4); !bytes.HasPrefix(a, small) {
				t.Error("a smaller size is not a prefix of a larger one")
			}
			if !utf8.Valid(a) {
				t.Error("output is not valid UTF-8")
			}
			if other, dup := seen[string(a)]; dup {
				t.Errorf("same output as %v", other)
			}
			seen[string(a)] = k
		})
	}
}

func TestGenerateContent(t *testing.T) {
	tests := []struct {
		kind Kind
		want []string // each must occur
	}{
		{ASCII, []string{"\r\n", "status=", "\t"}},
		{UTF8, []string{"日本語", "🚀", "\u0301"}},
		{SGR, []string{"\x1b[38;5;", "\x1b[38;2;", ";48;2;", "\x1b[0m\r\n"}},
		{FullScreen, []string{"\x1b[1;23r", "L", "\x1b[2J", "\x1bM", "\x1b[K", "\x1b[7m"}},
		{Mix, []string{"status=", "日本語", "\x1b[38;2;", "\x1b[1;23r"}},
	}
	for _, tt := range tests {
		out := generate(t, tt.kind, 256<<10)
		for _, w := range tt.want {
			if !bytes.Contains(out, []byte(w)) {
				t.Errorf("%v: output lacks %q", tt.kind, w)
			}
		}
	}
}

func TestGenerateUnknownKind(t *testing.T) {
	if err := Generate(numKinds, 10, new(bytes.Buffer)); err == nil {
		t.Error("Generate of an unknown kind succeeded")
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds() {
		if got, err := ParseKind(k.String()); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, err)
		}
	}
	if _, err := ParseKind("nope"); err == nil {
		t.Error("ParseKind(nope) succeeded")
	}
}

func TestLoadCaches(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bench-data")
	a, err := Load(dir, SGR, 10<<10)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, FileName(SGR, 10<<10))
	onDisk, err := os.ReadFile(name)
	if err != nil || !bytes.Equal(onDisk, a) {
		t.Fatalf("cache file %s not written as returned (err %v)", name, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		t.Errorf("no .gitignore in the cache: %v", err)
	}
	// A cached file is used as it is.
	marked := append([]byte("cached:"), a...)
	if err := os.WriteFile(name, marked, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(dir, SGR, 10<<10)
	if err != nil || !bytes.Equal(b, marked) {
		t.Errorf("Load did not use the cached file (err %v)", err)
	}
}
