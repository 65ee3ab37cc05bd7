package termview

import (
	"runtime"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/roamterm/roam/vt"
)

// keyAction is what a key press does besides (or instead of) sending bytes.
type keyAction uint8

const (
	keyIgnore keyAction = iota
	keySend             // send the bytes
	keyCopy
	keyPaste
	keySelectAll
	keyZoomIn
	keyZoomOut
	keyZoomReset
	keyFind // open the search bar
)

// platform is how the operating system's keyboard conventions work.
type platform struct {
	// mac: Cmd (Super) is the shortcut modifier and Option composes
	// characters (the OS delivers them as typed runes) unless
	// optionAsMeta is set, when Option+key sends ESC key instead.
	mac          bool
	optionAsMeta bool
	// altGrIsCtrlAlt: the OS reports AltGr as Ctrl+Alt (Windows); such
	// combinations are left to the typed rune the OS also delivers.
	altGrIsCtrlAlt bool
}

func currentPlatform(optionAsMeta bool) platform {
	return platform{
		mac:            runtime.GOOS == "darwin",
		optionAsMeta:   optionAsMeta,
		altGrIsCtrlAlt: runtime.GOOS == "windows",
	}
}

// specialKeys maps Fyne's names of keys that produce no text to vt keys.
var specialKeys = map[fyne.KeyName]vt.Key{
	fyne.KeyUp: vt.KeyUp, fyne.KeyDown: vt.KeyDown, fyne.KeyLeft: vt.KeyLeft, fyne.KeyRight: vt.KeyRight,
	fyne.KeyHome: vt.KeyHome, fyne.KeyEnd: vt.KeyEnd, fyne.KeyPageUp: vt.KeyPageUp, fyne.KeyPageDown: vt.KeyPageDown,
	fyne.KeyInsert: vt.KeyInsert, fyne.KeyDelete: vt.KeyDelete,
	fyne.KeyReturn: vt.KeyEnter, fyne.KeyEnter: vt.KeypadEnter, fyne.KeyTab: vt.KeyTab,
	fyne.KeyBackspace: vt.KeyBackspace, fyne.KeyEscape: vt.KeyEscape,
	fyne.KeyF1: vt.KeyF1, fyne.KeyF2: vt.KeyF2, fyne.KeyF3: vt.KeyF3, fyne.KeyF4: vt.KeyF4,
	fyne.KeyF5: vt.KeyF5, fyne.KeyF6: vt.KeyF6, fyne.KeyF7: vt.KeyF7, fyne.KeyF8: vt.KeyF8,
	fyne.KeyF9: vt.KeyF9, fyne.KeyF10: vt.KeyF10, fyne.KeyF11: vt.KeyF11, fyne.KeyF12: vt.KeyF12,
}

// vtMods converts Fyne's modifiers to the ones a key sequence carries.
// Super is the OS's (or, on macOS, the app's) and never reaches the remote.
func vtMods(m fyne.KeyModifier) vt.Modifiers {
	var v vt.Modifiers
	if m&fyne.KeyModifierShift != 0 {
		v |= vt.ModShift
	}
	if m&fyne.KeyModifierAlt != 0 {
		v |= vt.ModAlt
	}
	if m&fyne.KeyModifierControl != 0 {
		v |= vt.ModCtrl
	}
	return v
}

// keyRune returns the character a printable key name stands for, lower
// case unless shift is held.
func keyRune(name fyne.KeyName, shift bool) (rune, bool) {
	if name == fyne.KeySpace {
		return ' ', true
	}
	r, n := utf8.DecodeRuneInString(string(name))
	if n == 0 || n != len(name) {
		return 0, false
	}
	if r >= 'A' && r <= 'Z' && !shift {
		r += 'a' - 'A'
	}
	return r, true
}

// typedKey maps a key press that Fyne delivered as TypedKey (no modifier
// but Shift is held): a special key sends its sequence; a printable key
// sends nothing, because its text arrives as a typed rune.
func typedKey(name fyne.KeyName, mods fyne.KeyModifier, km vt.KeyModes) []byte {
	k, ok := specialKeys[name]
	if !ok {
		return nil
	}
	return vt.EncodeKey(k, vtMods(mods), km)
}

// standardShortcut turns one of Fyne's named shortcuts, which it makes of
// Ctrl (Cmd on macOS) plus C, V, X, A, Z or Y and of Shift+Insert,
// Shift+Delete and Ctrl+Insert, back into the key pressed. lastKey is the
// last key that went down, to tell Ctrl+C from Ctrl+Insert; held is the
// modifier state.
func standardShortcut(s fyne.Shortcut, lastKey fyne.KeyName, held fyne.KeyModifier, p platform) (fyne.KeyName, fyne.KeyModifier, bool) {
	primary := fyne.KeyModifierControl
	if p.mac {
		primary = fyne.KeyModifierSuper
	}
	shifted := held&fyne.KeyModifierShift != 0 && held&primary == 0
	switch s.(type) {
	case *fyne.ShortcutCopy:
		if lastKey == fyne.KeyInsert {
			return fyne.KeyInsert, primary, true
		}
		return fyne.KeyC, primary, true
	case *fyne.ShortcutPaste:
		if shifted || lastKey == fyne.KeyInsert {
			return fyne.KeyInsert, fyne.KeyModifierShift, true
		}
		return fyne.KeyV, primary, true
	case *fyne.ShortcutCut:
		if shifted || lastKey == fyne.KeyDelete {
			return fyne.KeyDelete, fyne.KeyModifierShift, true
		}
		return fyne.KeyX, primary, true
	case *fyne.ShortcutSelectAll:
		return fyne.KeyA, primary, true
	case *fyne.ShortcutUndo:
		return fyne.KeyZ, primary, true
	case *fyne.ShortcutRedo:
		return fyne.KeyY, primary, true
	}
	if c, ok := s.(*desktop.CustomShortcut); ok {
		return c.KeyName, c.Modifier, true
	}
	return "", 0, false
}

// shortcutKey maps a key pressed with Ctrl, Alt or Super (or Shift with
// Insert or Delete) to what it does.
func shortcutKey(name fyne.KeyName, mods fyne.KeyModifier, km vt.KeyModes, p platform) (keyAction, []byte) {
	const (
		ctrl  = fyne.KeyModifierControl
		shift = fyne.KeyModifierShift
		alt   = fyne.KeyModifierAlt
		super = fyne.KeyModifierSuper
	)
	if p.mac {
		if mods&super != 0 {
			switch name {
			case fyne.KeyC:
				return keyCopy, nil
			case fyne.KeyV:
				return keyPaste, nil
			case fyne.KeyA:
				return keySelectAll, nil
			case fyne.KeyF:
				return keyFind, nil
			}
			if a, ok := zoomKey(name, mods&shift != 0); ok {
				return a, nil
			}
			return keyIgnore, nil // the app's and the OS's shortcuts
		}
		if mods&alt != 0 && !p.optionAsMeta {
			return keyIgnore, nil // Option composes; the rune follows
		}
	} else {
		switch {
		case mods == ctrl|shift && name == fyne.KeyC, mods == ctrl && name == fyne.KeyInsert:
			return keyCopy, nil
		case mods == ctrl|shift && name == fyne.KeyV, mods == shift && name == fyne.KeyInsert:
			return keyPaste, nil
		case mods == ctrl|shift && name == fyne.KeyF:
			return keyFind, nil // Ctrl+F is the shell's
		case mods&^shift == ctrl:
			if a, ok := zoomKey(name, mods&shift != 0); ok {
				return a, nil
			}
		case mods&super != 0:
			return keyIgnore, nil
		case p.altGrIsCtrlAlt && mods&(ctrl|alt) == ctrl|alt:
			return keyIgnore, nil // AltGr: the rune follows
		}
	}
	if k, ok := specialKeys[name]; ok {
		return keySend, vt.EncodeKey(k, vtMods(mods), km)
	}
	r, ok := keyRune(name, mods&shift != 0)
	if !ok {
		return keyIgnore, nil
	}
	if r == '-' && mods&ctrl != 0 {
		// Ctrl+_ (0x1F, Emacs' undo) is typed as Ctrl+Shift+− on most
		// layouts, and the key name does not say what Shift makes.
		r = '_'
	}
	return keySend, vt.EncodeText(string(r), vtMods(mods&^shift))
}

// zoomKey maps the zoom keys, pressed with the shortcut modifier: + (or
// =, its unshifted key), − and 0. Shifted − is left alone: Ctrl+_ is a
// control character applications use (Emacs' undo).
func zoomKey(name fyne.KeyName, shift bool) (keyAction, bool) {
	switch {
	case name == fyne.KeyEqual || name == fyne.KeyPlus:
		return keyZoomIn, true
	case name == fyne.KeyMinus && !shift:
		return keyZoomOut, true
	case name == fyne.Key0 && !shift:
		return keyZoomReset, true
	}
	return keyIgnore, false
}

// modifierKeys maps modifier key names to the modifier they hold.
var modifierKeys = map[fyne.KeyName]fyne.KeyModifier{
	desktop.KeyShiftLeft: fyne.KeyModifierShift, desktop.KeyShiftRight: fyne.KeyModifierShift,
	desktop.KeyControlLeft: fyne.KeyModifierControl, desktop.KeyControlRight: fyne.KeyModifierControl,
	desktop.KeyAltLeft: fyne.KeyModifierAlt, desktop.KeyAltRight: fyne.KeyModifierAlt,
	desktop.KeySuperLeft: fyne.KeyModifierSuper, desktop.KeySuperRight: fyne.KeyModifierSuper,
}
