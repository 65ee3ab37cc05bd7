package fonts

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

func TestGoMono(t *testing.T) {
	var buf sfnt.Buffer
	for _, s := range []Style{Regular, Bold, Italic, BoldItalic} {
		f, err := sfnt.Parse(GoMono(s))
		if err != nil {
			t.Fatalf("%v: %v", s, err)
		}
		name, err := f.Name(&buf, sfnt.NameIDFull)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v: %s", s, name)
		if i, err := f.GlyphIndex(&buf, 'A'); err != nil || i == 0 {
			t.Errorf("%v has no 'A'", s)
		}
	}
}

// fontDir writes files named by the map into a temporary directory.
func fontDir(t *testing.T, files map[string][]byte) string {
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFindFiles(t *testing.T) {
	dir := fontDir(t, map[string][]byte{
		"b/Sans.ttf":       goregular.TTF,
		"a/SomeMono.otf":   GoMono(Regular),
		"readme.txt":       []byte("not a font"),
		"c/Collection.TTC": []byte("x"),
		"z/DejaVuMono.ttf": GoMono(Bold),
	})
	got := FindFiles([]string{dir, filepath.Join(dir, "missing")})
	want := []string{"a/SomeMono.otf", "z/DejaVuMono.ttf", "b/Sans.ttf", "c/Collection.TTC"}
	if len(got) != len(want) {
		t.Fatalf("FindFiles = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != filepath.Join(dir, want[i]) {
			t.Errorf("FindFiles[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestFallback(t *testing.T) {
	dir := fontDir(t, map[string][]byte{
		"broken.ttf":  []byte("garbage, not a font"),
		"regular.ttf": goregular.TTF,
	})
	fb := NewFallback([]string{filepath.Join(dir, "broken.ttf"), filepath.Join(dir, "regular.ttf"), filepath.Join(dir, "missing.ttf")})
	if f := fb.Font('A'); f == nil {
		t.Fatal("no font for 'A'")
	}
	if f := fb.Font('A'); f != fb.Font('B') {
		t.Error("'A' and 'B' come from different fonts")
	}
	if f := fb.Font('\u4e00'); f != nil {
		t.Error("a font claims U+4E00, which none of them has")
	}
	var empty Fallback
	if empty.Font('A') != nil {
		t.Error("the zero Fallback found a font")
	}
}

// TestSystemFallback checks the real system search finds a font for a
// Latin letter where the system has fonts at all (this machine has
// DejaVu; a machine without fonts has nothing to find).
func TestSystemFallback(t *testing.T) {
	files := FindFiles(SystemDirs())
	f := NewSystemFallback().Font('A')
	if len(files) > 0 && f == nil {
		t.Errorf("%d system fonts, none with 'A'", len(files))
	}
}
