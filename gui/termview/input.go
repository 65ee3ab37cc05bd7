package termview

import (
	"fyne.io/fyne/v2"

	"github.com/roamterm/roam/vt"
)

// FocusGained is part of fyne.Focusable.
func (t *Terminal) FocusGained() {
	t.look.focused = true
	t.activity()
	if fb := t.frame.Screen; fb != nil && fb.FocusEvents {
		t.send([]byte("\x1b[I"))
	}
	t.raster.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (t *Terminal) FocusLost() {
	t.look.focused = false
	t.held = 0
	if fb := t.frame.Screen; fb != nil && fb.FocusEvents {
		t.send([]byte("\x1b[O"))
	}
	t.raster.Refresh()
}

// AcceptsTab keeps Tab for the remote instead of moving the focus.
func (t *Terminal) AcceptsTab() bool { return true }

// TypedRune is part of fyne.Focusable: text typed, composed by the OS
// (dead keys, IME, AltGr, macOS Option) when it needs composing.
func (t *Terminal) TypedRune(r rune) {
	if t.swallowRune {
		t.swallowRune = false
		return
	}
	t.activity()
	t.scrollToBottom()
	t.send(vt.EncodeText(string(r), 0))
}

// TypedKey is part of fyne.Focusable: a key pressed with no modifier but
// Shift. Printable keys are ignored here; their text arrives as a rune.
// Shift with Page Up, Page Down, Home or End scrolls the view; any key
// sent to the remote scrolls it back to the bottom.
func (t *Terminal) TypedKey(ev *fyne.KeyEvent) {
	shift := t.modifiers() & fyne.KeyModifierShift
	if shift != 0 && t.scrollKey(ev.Name) {
		return
	}
	t.activity()
	if b := typedKey(ev.Name, shift, t.cfg.KeyModes); len(b) > 0 {
		t.scrollToBottom()
		t.send(b)
	}
}

// KeyDown is part of desktop.Keyable.
func (t *Terminal) KeyDown(ev *fyne.KeyEvent) {
	t.lastKey = ev.Name
	t.held |= modifierKeys[ev.Name]
}

// KeyUp is part of desktop.Keyable.
func (t *Terminal) KeyUp(ev *fyne.KeyEvent) {
	t.held &^= modifierKeys[ev.Name]
}

// TypedShortcut is part of fyne.Shortcutable: Fyne delivers every key
// pressed with Ctrl, Alt or Super as a shortcut.
func (t *Terminal) TypedShortcut(s fyne.Shortcut) {
	name, mods, ok := standardShortcut(s, t.lastKey, t.modifiers(), t.plat)
	if !ok {
		return
	}
	action, b := shortcutKey(name, mods, t.cfg.KeyModes, t.plat)
	switch action {
	case keySend:
		t.activity()
		t.scrollToBottom()
		t.send(b)
		// macOS delivers the composed character of Option+key too.
		t.swallowRune = t.plat.mac && mods&fyne.KeyModifierAlt != 0
	case keyCopy:
		t.Copy()
	case keyPaste:
		t.Paste()
	case keySelectAll:
		t.SelectAll()
	case keyFind:
		if t.cfg.Find != nil {
			t.cfg.Find()
		}
	case keyZoomIn:
		t.zoom(t.fontSize + 1)
	case keyZoomOut:
		t.zoom(t.fontSize - 1)
	case keyZoomReset:
		size := t.cfg.FontSize
		if size <= 0 {
			size = DefaultFontSize
		}
		t.zoom(size)
	}
}

func (t *Terminal) zoom(size float32) {
	t.SetFontSize(size)
	if t.cfg.Zoom != nil {
		t.cfg.Zoom(t.fontSize)
	}
}
