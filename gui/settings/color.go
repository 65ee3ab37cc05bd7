package settings

import (
	"encoding/hex"
	"fmt"
	"image/color"
	"strings"
)

// Color is an opaque colour, written "#rrggbb" in the settings file.
type Color struct{ R, G, B uint8 }

// ParseColor reads "#rrggbb" (either case; surrounding blanks ignored).
func ParseColor(s string) (Color, error) {
	t := strings.TrimSpace(s)
	var b [3]byte
	if len(t) != 7 || t[0] != '#' {
		return Color{}, fmt.Errorf("settings: %q is not a colour; want #rrggbb", s)
	}
	if _, err := hex.Decode(b[:], []byte(t[1:])); err != nil {
		return Color{}, fmt.Errorf("settings: %q is not a colour; want #rrggbb", s)
	}
	return Color{b[0], b[1], b[2]}, nil
}

// ColorOf returns c without its alpha.
func ColorOf(c color.RGBA) Color { return Color{c.R, c.G, c.B} }

// RGBA returns c as an opaque color.RGBA.
func (c Color) RGBA() color.RGBA { return color.RGBA{c.R, c.G, c.B, 0xff} }

// String returns "#rrggbb".
func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// MarshalText writes "#rrggbb".
func (c Color) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads "#rrggbb".
func (c *Color) UnmarshalText(text []byte) error {
	v, err := ParseColor(string(text))
	if err != nil {
		// The key naming the colour says the rest.
		return fmt.Errorf("%q is not a colour; want #rrggbb", text)
	}
	*c = v
	return nil
}

// Colors is a custom palette: what the user picks, the rest (the 256
// colour cube, the banner) following from it as for built-in palettes.
type Colors struct {
	// ANSI are colours 0–15: black, red, green, yellow, blue, magenta,
	// cyan, white, then their bright variants.
	ANSI       [16]Color `json:"ansi"`
	Foreground Color     `json:"foreground"`
	Background Color     `json:"background"`
	Cursor     Color     `json:"cursor"`
	Selection  Color     `json:"selection"`
}
