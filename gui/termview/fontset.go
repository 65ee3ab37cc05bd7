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
