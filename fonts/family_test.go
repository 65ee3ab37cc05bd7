package fonts

import (
	"errors"
	"slices"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// fullName is a font's full name, for comparing which file was loaded.
func fullName(t *testing.T, f *sfnt.Font) string {
	t.Helper()
	var buf sfnt.Buffer
	name, err := f.Name(&buf, sfnt.NameIDFull)
	if err != nil {
		t.Fatal(err)
	}
	return name
}

func TestFamilies(t *testing.T) {
	dir := fontDir(t, map[string][]byte{
		"mono/GoMono.ttf":        GoMono(Regular),
		"mono/GoMono-Bold.ttf":   GoMono(Bold),
		"sans/Go-Regular.ttf":    goregular.TTF, // proportional: not listed
		"sans/Go-Bold.ttf":       gobold.TTF,
		"broken/Broken-Mono.ttf": []byte("not a font"),
	})
	if got, want := Families([]string{dir}), []string{"Go Mono"}; !slices.Equal(got, want) {
		t.Errorf("Families = %q, want %q", got, want)
	}
}

func TestLoadFamily(t *testing.T) {
	tests := []struct {
		name  string
		files map[string][]byte
		// want is the full name loaded for each style.
		want [4]string
	}{
		{"all four styles", map[string][]byte{
			"GoMono.ttf": GoMono(Regular), "GoMono-Bold.ttf": GoMono(Bold),
			"GoMono-Italic.ttf": GoMono(Italic), "GoMono-BoldItalic.ttf": GoMono(BoldItalic),
		}, [4]string{"Go Mono", "Go Mono Bold", "Go Mono Italic", "Go Mono Bold Italic"}},
		{"regular only", map[string][]byte{"GoMono.ttf": GoMono(Regular)},
			[4]string{"Go Mono", "Go Mono", "Go Mono", "Go Mono"}},
		{"bold only", map[string][]byte{"GoMono-Bold.ttf": GoMono(Bold)},
			[4]string{"Go Mono Bold", "Go Mono Bold", "Go Mono Bold", "Go Mono Bold"}},
		// Missing styles fall back to the regular, even bold italic
		// where an italic exists: one rule, the regular's metrics.
		{"regular and italic", map[string][]byte{"a.ttf": GoMono(Regular), "b.ttf": GoMono(Italic)},
			[4]string{"Go Mono", "Go Mono", "Go Mono Italic", "Go Mono"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fontDir(t, tt.files)
			fonts, err := LoadFamily([]string{dir}, "go mono")
			if err != nil {
				t.Fatal(err)
			}
			for s, f := range fonts {
				if got := fullName(t, f); got != tt.want[s] {
					t.Errorf("%v: loaded %q, want %q", Style(s), got, tt.want[s])
				}
			}
		})
	}
}

func TestLoadFamilyMissing(t *testing.T) {
	dir := fontDir(t, map[string][]byte{"GoMono.ttf": GoMono(Regular)})
	_, err := LoadFamily([]string{dir}, "No Such Mono")
	if !errors.Is(err, ErrNoFamily) {
		t.Fatalf("LoadFamily(missing) = %v, want ErrNoFamily", err)
	}
}

// TestSystemFamily loads DejaVu Sans Mono from the system's fonts, which
// packaging/install-deps.sh installs (fonts-dejavu-core).
func TestSystemFamily(t *testing.T) {
	const family = "DejaVu Sans Mono"
	if !slices.Contains(Families(SystemDirs()), family) {
		t.Fatalf("%s is not installed (or not found monospaced): run make deps (fonts-dejavu-core)", family)
	}
	fonts, err := LoadFamily(SystemDirs(), family)
	if err != nil {
		t.Fatal(err)
	}
	want := [4]string{"DejaVu Sans Mono", "DejaVu Sans Mono Bold", "DejaVu Sans Mono Oblique", "DejaVu Sans Mono Bold Oblique"}
	for s, f := range fonts {
		if got := fullName(t, f); got != want[s] {
			t.Errorf("%v: loaded %q, want %q", Style(s), got, want[s])
		}
	}
	for _, name := range Families(SystemDirs()) {
		if name == "DejaVu Sans" || name == "DejaVu Serif" {
			t.Errorf("proportional family %q listed as monospaced", name)
		}
	}
}
