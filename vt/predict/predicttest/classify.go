package predicttest

import (
	"fmt"
	"unicode/utf8"

	"github.com/roamterm/roam/vt"
)

// Class places an echoed keystroke for breaking measurements down: where
// it was typed, after which key that was not typed text, and how many
// characters after it. The first characters after Enter, Tab, Ctrl-C,
// Escape or an arrow are the ones a prediction engine finds hardest.
type Class struct {
	Context Context
	// Boundary names the last key before this one that was not typed
	// text or Backspace: "enter", "tab", "ctrl-c", "esc", "up", "left",
	// a vim command key such as "o", or "start".
	Boundary string
	// Position counts the echoed characters since Boundary, this one
	// included, less those taken back; capped at MaxPosition.
	Position int
	// Kind is "ascii", "space" or "wide".
	Kind string
}

// MaxPosition caps Class.Position: from the fifth character on, the
// boundary rarely matters.
const MaxPosition = 5

func (c Class) String() string {
	pos := fmt.Sprint(c.Position)
	if c.Position == MaxPosition {
		pos += "+"
	}
	return fmt.Sprintf("%s after %s #%s", c.Context, c.Boundary, pos)
}

// Classify returns the class of each echoed keystroke of keys, by index.
func Classify(keys []Keystroke) map[int]Class {
	out := map[int]Class{}
	boundary, position := "start", 0
	for i, k := range keys {
		switch {
		case k.Echo:
			position = min(position+1, MaxPosition)
			out[i] = Class{k.Context, boundary, position, keyKind(k.Key)}
		case string(k.Key) == "\x7f":
			position = max(position-1, 0)
		default:
			boundary, position = keyName(k.Key), 0
		}
	}
	return out
}

func keyKind(key []byte) string {
	switch r, _ := utf8.DecodeRune(key); {
	case r == ' ':
		return "space"
	case vt.Width(r) == 2:
		return "wide"
	}
	return "ascii"
}

// keyName names a key that is not typed text.
func keyName(key []byte) string {
	switch string(key) {
	case "\r":
		return "enter"
	case "\t":
		return "tab"
	case "\x03":
		return "ctrl-c"
	case "\x1b":
		return "esc"
	case "\x1bOA":
		return "up"
	case "\x1bOD":
		return "left"
	}
	return fmt.Sprintf("%q", key)
}
