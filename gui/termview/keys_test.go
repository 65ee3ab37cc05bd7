package termview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/roamterm/roam/vt"
)

func TestTypedKey(t *testing.T) {
	app := vt.KeyModes{CursorKeysApp: true}
	tests := []struct {
		name fyne.KeyName
		mods fyne.KeyModifier
		km   vt.KeyModes
		want string
	}{
		{fyne.KeyUp, 0, vt.KeyModes{}, "\x1b[A"},
		{fyne.KeyUp, 0, app, "\x1bOA"},
		{fyne.KeyLeft, fyne.KeyModifierShift, app, "\x1b[1;2D"},
		{fyne.KeyHome, 0, vt.KeyModes{}, "\x1b[H"},
		{fyne.KeyEnd, 0, app, "\x1bOF"},
		{fyne.KeyPageUp, 0, app, "\x1b[5~"},
		{fyne.KeyPageDown, fyne.KeyModifierShift, app, "\x1b[6;2~"},
		{fyne.KeyDelete, 0, app, "\x1b[3~"},
		{fyne.KeyInsert, 0, app, "\x1b[2~"},
		{fyne.KeyF1, 0, app, "\x1bOP"},
		{fyne.KeyF5, 0, app, "\x1b[15~"},
		{fyne.KeyF12, fyne.KeyModifierShift, app, "\x1b[24;2~"},
		{fyne.KeyReturn, 0, app, "\r"},
		{fyne.KeyEnter, 0, vt.KeyModes{KeypadApp: true}, "\x1bOM"},
		{fyne.KeyTab, 0, app, "\t"},
		{fyne.KeyTab, fyne.KeyModifierShift, app, "\x1b[Z"},
		{fyne.KeyBackspace, 0, app, "\x7f"},
		{fyne.KeyEscape, 0, app, "\x1b"},
		// Printable keys send nothing here: their text comes as a rune.
		{fyne.KeyA, 0, app, ""},
		{fyne.KeySpace, 0, app, ""},
		{fyne.Key1, fyne.KeyModifierShift, app, ""},
	}
	for _, tt := range tests {
		if got := string(typedKey(tt.name, tt.mods, tt.km)); got != tt.want {
			t.Errorf("typedKey(%s, %v) = %q, want %q", tt.name, tt.mods, got, tt.want)
		}
	}
}

func TestShortcutKey(t *testing.T) {
	const (
		ctrl  = fyne.KeyModifierControl
		shift = fyne.KeyModifierShift
		alt   = fyne.KeyModifierAlt
		super = fyne.KeyModifierSuper
	)
	linux := platform{}
	win := platform{altGrIsCtrlAlt: true}
	mac := platform{mac: true}
	macMeta := platform{mac: true, optionAsMeta: true}
	km := vt.KeyModes{CursorKeysApp: true}
	tests := []struct {
		p      platform
		name   fyne.KeyName
		mods   fyne.KeyModifier
		action keyAction
		want   string
	}{
		{linux, fyne.KeyC, ctrl, keySend, "\x03"},
		{linux, fyne.KeyA, ctrl | shift, keySend, "\x01"},
		{linux, fyne.KeySpace, ctrl, keySend, "\x00"},
		{linux, fyne.KeyLeftBracket, ctrl, keySend, "\x1b"},
		{linux, fyne.KeyBackslash, ctrl, keySend, "\x1c"},
		{linux, fyne.KeyX, alt, keySend, "\x1bx"},
		{linux, fyne.KeyX, alt | shift, keySend, "\x1bX"},
		{linux, fyne.KeyPeriod, alt, keySend, "\x1b."},
		{linux, fyne.KeyUp, ctrl, keySend, "\x1b[1;5A"},
		{linux, fyne.KeyRight, alt, keySend, "\x1b[1;3C"},
		{linux, fyne.KeyBackspace, alt, keySend, "\x1b\x7f"},
		{linux, fyne.KeyBackspace, ctrl, keySend, "\x08"},
		{linux, fyne.KeyF3, ctrl | shift, keySend, "\x1b[1;6R"},
		{linux, fyne.KeyDelete, shift, keySend, "\x1b[3;2~"},
		{linux, fyne.KeyC, ctrl | shift, keyCopy, ""},
		{linux, fyne.KeyV, ctrl | shift, keyPaste, ""},
		{linux, fyne.KeyInsert, shift, keyPaste, ""},
		{linux, fyne.KeyInsert, ctrl, keyCopy, ""},
		{linux, fyne.KeyEqual, ctrl, keyZoomIn, ""},
		{linux, fyne.KeyEqual, ctrl | shift, keyZoomIn, ""},
		{linux, fyne.KeyMinus, ctrl, keyZoomOut, ""},
		{linux, fyne.KeyMinus, ctrl | shift, keySend, "\x1f"}, // Ctrl+_
		{linux, fyne.Key0, ctrl, keyZoomReset, ""},
		{linux, fyne.KeyA, super, keyIgnore, ""},
		{win, fyne.KeyQ, ctrl | alt, keyIgnore, ""}, // AltGr+Q: '@' arrives as a rune
		{linux, fyne.KeyQ, ctrl | alt, keySend, "\x1b\x11"},
		{mac, fyne.KeyC, super, keyCopy, ""},
		{mac, fyne.KeyV, super, keyPaste, ""},
		{mac, fyne.KeyA, super, keySelectAll, ""},
		{mac, fyne.KeyEqual, super, keyZoomIn, ""},
		{mac, fyne.KeyQ, super, keyIgnore, ""},
		{mac, fyne.KeyC, ctrl, keySend, "\x03"},
		{mac, fyne.KeyF, alt, keyIgnore, ""}, // Option composes
		{macMeta, fyne.KeyF, alt, keySend, "\x1bf"},
		{linux, fyne.KeyF, ctrl | shift, keyFind, ""},
		{linux, fyne.KeyF, ctrl, keySend, "\x06"}, // the shell's forward-char
		{mac, fyne.KeyF, super, keyFind, ""},
		{mac, fyne.KeyF, ctrl, keySend, "\x06"},
	}
	for _, tt := range tests {
		action, b := shortcutKey(tt.name, tt.mods, km, tt.p)
		if action != tt.action || string(b) != tt.want {
			t.Errorf("%+v: shortcutKey(%s, %v) = %v %q, want %v %q", tt.p, tt.name, tt.mods, action, b, tt.action, tt.want)
		}
	}
}

func TestStandardShortcut(t *testing.T) {
	linux, mac := platform{}, platform{mac: true}
	tests := []struct {
		s        fyne.Shortcut
		lastKey  fyne.KeyName
		held     fyne.KeyModifier
		p        platform
		wantName fyne.KeyName
		wantMods fyne.KeyModifier
	}{
		{&fyne.ShortcutCopy{}, fyne.KeyC, fyne.KeyModifierControl, linux, fyne.KeyC, fyne.KeyModifierControl},
		{&fyne.ShortcutCopy{}, fyne.KeyInsert, fyne.KeyModifierControl, linux, fyne.KeyInsert, fyne.KeyModifierControl},
		{&fyne.ShortcutPaste{}, fyne.KeyV, fyne.KeyModifierControl, linux, fyne.KeyV, fyne.KeyModifierControl},
		{&fyne.ShortcutPaste{}, fyne.KeyInsert, fyne.KeyModifierShift, linux, fyne.KeyInsert, fyne.KeyModifierShift},
		{&fyne.ShortcutCut{}, fyne.KeyDelete, fyne.KeyModifierShift, linux, fyne.KeyDelete, fyne.KeyModifierShift},
		{&fyne.ShortcutSelectAll{}, fyne.KeyA, fyne.KeyModifierControl, linux, fyne.KeyA, fyne.KeyModifierControl},
		{&fyne.ShortcutUndo{}, fyne.KeyZ, fyne.KeyModifierControl, linux, fyne.KeyZ, fyne.KeyModifierControl},
		{&fyne.ShortcutCopy{}, fyne.KeyC, fyne.KeyModifierSuper, mac, fyne.KeyC, fyne.KeyModifierSuper},
		{&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierControl}, fyne.KeyD, 0, linux, fyne.KeyD, fyne.KeyModifierControl},
	}
	for _, tt := range tests {
		name, mods, ok := standardShortcut(tt.s, tt.lastKey, tt.held, tt.p)
		if !ok || name != tt.wantName || mods != tt.wantMods {
			t.Errorf("standardShortcut(%s, last %s) = %s %v %v, want %s %v", tt.s.ShortcutName(), tt.lastKey, name, mods, ok, tt.wantName, tt.wantMods)
		}
	}
}

// TestViewInput drives the widget with Fyne's test driver: typed runes,
// keys, shortcuts and pastes reach Config.Input as the remote expects.
func TestViewInput(t *testing.T) {
	a := newTestApp(t)
	var got []string
	view := New(Config{
		Fonts:    BundledFonts(),
		KeyModes: vt.KeyModes{CursorKeysApp: true},
		Input:    func(p []byte) { got = append(got, string(p)) },
		Paste:    func(p []byte) { got = append(got, "paste:"+string(p)) },
	})
	w := newTestWindow(t, view)
	w.Canvas().Focus(view)
	view.SetFrame(Frame{Screen: screen(20, 4, "\x1b[?2004h")})

	got = nil
	for _, r := range "hé" {
		view.TypedRune(r)
	}
	view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyA}) // its rune comes separately
	view.KeyDown(&fyne.KeyEvent{Name: fyne.KeyC})
	view.TypedShortcut(&fyne.ShortcutCopy{}) // Ctrl+C is an interrupt, not a copy
	view.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierControl})
	a.Clipboard().SetContent("line1\nline2")
	view.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyV, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	want := []string{"h", "é", "\x1bOA", "\x03", "\x04", "paste:\x1b[200~line1\rline2\x1b[201~"}
	if len(got) != len(want) {
		t.Fatalf("input = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("input[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
