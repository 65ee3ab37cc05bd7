package termview

import (
	"sync"

	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"

	"github.com/roamterm/roam/fonts"
)

// bundledMono is Fyne's own monospaced font (DejaVu Sans Mono with the
// Powerline symbols), already in every Fyne binary: a fallback with wide
// coverage of symbols, Greek, Cyrillic and the Powerline glyphs that
// prompts use, at no cost in size.
var bundledMono = sync.OnceValue(func() *sfnt.Font {
	f, err := sfnt.Parse(theme.DefaultTextMonospaceFont().Content())
	if err != nil {
		return nil
	}
	return f
})

// BundledFonts returns the fallback chain of fonts shipped in the binary:
// the same on every machine (the golden tests use it alone).
func BundledFonts() FontSet {
	var set FontSet
	if f := bundledMono(); f != nil {
		set.Extra = append(set.Extra, f)
	}
	return set
}

// DefaultFonts returns the bundled fonts followed by the system's.
func DefaultFonts() FontSet {
	set := BundledFonts()
	set.System = fonts.NewSystemFallback()
	return set
}

// WithFamily returns set with the installed monospaced family name (see
// fonts.LoadFamily) as its primary family, and Go Mono kept as the first
// fallback after it. An empty name or fonts.GoMonoFamily returns set
// unchanged. The error wraps fonts.ErrNoFamily when the family is not
// installed; the caller keeps set (Go Mono) then.
func (set FontSet) WithFamily(name string) (FontSet, error) {
	if name == "" || name == fonts.GoMonoFamily {
		return set, nil
	}
	family, err := fonts.LoadFamily(fonts.SystemDirs(), name)
	if err != nil {
		return set, err
	}
	set.Mono = family
	set.Extra = append([]*sfnt.Font{parsedMono[fonts.Regular]}, set.Extra...)
	return set, nil
}

// primary returns the primary family, Go Mono where Mono has no font.
func (set *FontSet) primary() [4]*sfnt.Font {
	mono := parsedMono
	for s, f := range set.Mono {
		if f != nil {
			mono[s] = f
		}
	}
	return mono
}
