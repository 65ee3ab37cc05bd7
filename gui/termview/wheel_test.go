package termview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/roamterm/roam/vt"
)

// TestWheelOnAltScreen checks the wheel while the remote is on the
// alternate screen: arrow keys, 3 a notch, encoded as typed arrows are,
// unless the remote asked for the mouse (a report), Shift is held or the
// session does not know the screen (the history scrolls).
func TestWheelOnAltScreen(t *testing.T) {
	app := vt.KeyModes{CursorKeysApp: true}
	tests := []struct {
		name   string
		output string // after the history, on the alternate screen
		alt    bool   // Frame.AltScreen
		modes  vt.KeyModes
		shift  bool
		wheel  []float32
		sent   string // concatenated
		back   bool   // the view ends scrolled back
	}{
		{name: "notch up, application cursor keys", alt: true, modes: app, wheel: []float32{25}, sent: "\x1bOA\x1bOA\x1bOA"},
		{name: "notch down, application cursor keys", alt: true, modes: app, wheel: []float32{-25}, sent: "\x1bOB\x1bOB\x1bOB"},
		{name: "notch up, normal cursor keys", alt: true, wheel: []float32{25}, sent: "\x1b[A\x1b[A\x1b[A"},
		// 1.2 rows, then 0.2 + 1.2, then 0.4 - 2.4: fractions kept.
		{name: "trackpad steps", alt: true, modes: app, wheel: []float32{10, 10, -20}, sent: "\x1bOA\x1bOA\x1bOB\x1bOB"},
		{name: "a fling sends a page at most", alt: true, modes: app, wheel: []float32{250}, sent: strings.Repeat("\x1bOA", 4)},
		{name: "mouse reporting", output: "\x1b[?1000h\x1b[?1006h", alt: true, modes: app, wheel: []float32{25}, sent: "\x1b[<64;1;1M"},
		{name: "Shift scrolls the history", alt: true, modes: app, shift: true, wheel: []float32{25}, back: true},
		{name: "screen unknown (stock mosh-server)", alt: false, modes: app, wheel: []float32{25}, back: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRemote(20, 4, 100)
			r.write(numbered(0, 20))
			f := r.write("\x1b[?1049h" + tt.output + "less")
			f.AltScreen = tt.alt
			var sent strings.Builder
			view, _ := shownView(t, f, Config{KeyModes: tt.modes, Input: func(p []byte) { sent.Write(p) }})
			if tt.shift {
				view.held = fyne.KeyModifierShift
			}
			for _, dy := range tt.wheel {
				view.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: dy}})
			}
			if got := sent.String(); got != tt.sent {
				t.Errorf("sent %q, want %q", got, tt.sent)
			}
			if view.scroll.back != tt.back {
				t.Errorf("scrolled back %v, want %v", view.scroll.back, tt.back)
			}
		})
	}
}

// TestWheelBackToAltScreen checks that a view scrolled back over the
// history (Shift+wheel) scrolls down with the plain wheel until it
// follows the screen again, and only then sends arrow keys.
func TestWheelBackToAltScreen(t *testing.T) {
	r := newRemote(20, 4, 100)
	r.write(numbered(0, 20))
	f := r.write("\x1b[?1049hless")
	f.AltScreen = true
	var sent []string
	view, _ := shownView(t, f, Config{KeyModes: vt.KeyModes{CursorKeysApp: true}, Input: func(p []byte) { sent = append(sent, string(p)) }})
	notch := func(dy float32) { view.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: dy}}) }
	view.held = fyne.KeyModifierShift
	notch(25)
	notch(25)
	view.held = 0
	if !view.scroll.back || len(sent) != 0 {
		t.Fatalf("after Shift+wheel: back %v, sent %q; want scrolled back, nothing sent", view.scroll.back, sent)
	}
	notch(-25)
	notch(-25)
	if view.scroll.back || len(sent) != 0 {
		t.Fatalf("after scrolling down: back %v, sent %q; want following the screen, nothing sent", view.scroll.back, sent)
	}
	notch(-25)
	if len(sent) != 1 || sent[0] != "\x1bOB\x1bOB\x1bOB" {
		t.Errorf("following the screen, a notch down sent %q, want three Down arrows", sent)
	}
}
