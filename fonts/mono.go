package fonts

import (
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
)

// Style is a font style: the combination of bold and italic.
type Style uint8

// Font styles. Bold and Italic are bits, so Bold|Italic is BoldItalic.
const (
	Regular    Style = 0
	Bold       Style = 1
	Italic     Style = 2
	BoldItalic Style = Bold | Italic
)

// String returns the style's name.
func (s Style) String() string {
	switch s {
	case Regular:
		return "regular"
	case Bold:
		return "bold"
	case Italic:
		return "italic"
	case BoldItalic:
		return "bold-italic"
	}
	return "invalid"
}

// GoMono returns the TrueType data of Go Mono in style s (Regular for an
// invalid style). The slice is shared: callers must not modify it.
func GoMono(s Style) []byte {
	switch s {
	case Bold:
		return gomonobold.TTF
	case Italic:
		return gomonoitalic.TTF
	case BoldItalic:
		return gomonobolditalic.TTF
	}
	return gomono.TTF
}
