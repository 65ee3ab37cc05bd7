package vt

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Key is a key that does not produce text by itself. Printable characters
// are not Keys: front ends pass them as text to EncodeText.
type Key uint8

// Special keys.
const (
	KeyNone Key = iota
	KeyUp
	KeyDown
	KeyRight
	KeyLeft
	KeyHome
	KeyEnd
	KeyInsert
	KeyDelete
	KeyPageUp
	KeyPageDown
	KeyF1
	KeyF2
	KeyF3
	KeyF4
	KeyF5
	KeyF6
	KeyF7
	KeyF8
	KeyF9
	KeyF10
	KeyF11
	KeyF12
	KeyEnter
	KeyTab
	KeyBackspace
	KeyEscape
	// KeypadEnter is the Enter key of the numeric keypad, which sends
	// SS3 M in keypad application mode.
	KeypadEnter
)

// Modifiers is a set of modifier keys held with a key.
type Modifiers uint8

// Modifier keys. Their values are the bits xterm adds (plus one) in the
// modifier parameter of a key sequence (ESC [ 1 ; m X).
const (
	ModShift Modifiers = 1 << iota
	ModAlt
	ModCtrl
	ModMeta
)

// KeyModes are the terminal modes that change what keys send.
type KeyModes struct {
	// CursorKeysApp selects SS3 (ESC O x) arrows and Home/End instead of
	// CSI (ESC [ x). A front end talking to a Roam or mosh server always
	// sets it: as mosh-client does, it sends SS3 arrows and the server's
	// key translator turns them back into CSI unless the remote
	// application enabled DECCKM itself (see mosh-wire.md §6.6). A front
	// end driving a local application sets it from Modes.CursorKeysApp.
	CursorKeysApp bool
	// KeypadApp selects the application keypad (DECKPAM): KeypadEnter
	// sends SS3 M instead of CR.
	KeypadApp bool
}

// xtermModParam returns xterm's modifier parameter (1 + the modifier
// bits), or 1 when no modifier is held.
func xtermModParam(mods Modifiers) int { return 1 + int(mods&(ModShift|ModAlt|ModCtrl|ModMeta)) }

// cursorKeyFinal is the final byte of the arrow and Home/End sequences.
var cursorKeyFinal = map[Key]byte{
	KeyUp: 'A', KeyDown: 'B', KeyRight: 'C', KeyLeft: 'D',
	KeyHome: 'H', KeyEnd: 'F',
	KeyF1: 'P', KeyF2: 'Q', KeyF3: 'R', KeyF4: 'S',
}

// tildeKeyCode is the parameter of the keys sent as ESC [ n ~.
var tildeKeyCode = map[Key]int{
	KeyInsert: 2, KeyDelete: 3, KeyPageUp: 5, KeyPageDown: 6,
	KeyF5: 15, KeyF6: 17, KeyF7: 18, KeyF8: 19, KeyF9: 20, KeyF10: 21,
	KeyF11: 23, KeyF12: 24,
}

// EncodeKey returns the bytes a terminal sends for k with mods held, as
// xterm sends them (modifyCursorKeys=2, modifyFunctionKeys=2):
//
//   - arrows, Home, End: ESC [ x, or ESC O x in cursor-key application mode;
//     with modifiers ESC [ 1 ; m x whatever the mode
//   - F1–F4: ESC O P–S, with modifiers ESC [ 1 ; m P–S
//   - Insert, Delete, PageUp, PageDown, F5–F12: ESC [ n ~, with modifiers
//     ESC [ n ; m ~
//   - Enter: CR; Tab: HT, Shift+Tab ESC [ Z; Backspace: DEL (Ctrl: BS);
//     Escape: ESC; Alt (or Meta) prefixes these four with ESC.
//
// It returns nil for KeyNone or an unknown key.
func EncodeKey(k Key, mods Modifiers, m KeyModes) []byte {
	return AppendKey(nil, k, mods, m)
}

// AppendKey is EncodeKey appending to dst.
func AppendKey(dst []byte, k Key, mods Modifiers, m KeyModes) []byte {
	param := xtermModParam(mods)
	if final, ok := cursorKeyFinal[k]; ok {
		isFn := k >= KeyF1 && k <= KeyF4
		switch {
		case param > 1:
			dst = append(dst, "\x1b[1;"...)
			dst = strconv.AppendInt(dst, int64(param), 10)
			return append(dst, final)
		case isFn || m.CursorKeysApp:
			return append(dst, 0x1b, 'O', final)
		default:
			return append(dst, 0x1b, '[', final)
		}
	}
	if code, ok := tildeKeyCode[k]; ok {
		dst = append(dst, 0x1b, '[')
		dst = strconv.AppendInt(dst, int64(code), 10)
		if param > 1 {
			dst = append(dst, ';')
			dst = strconv.AppendInt(dst, int64(param), 10)
		}
		return append(dst, '~')
	}
	var b byte
	switch k {
	case KeyEnter:
		b = '\r'
	case KeypadEnter:
		if m.KeypadApp {
			return append(dst, 0x1b, 'O', 'M')
		}
		b = '\r'
	case KeyTab:
		if mods&ModShift != 0 {
			return append(dst, "\x1b[Z"...)
		}
		b = '\t'
	case KeyBackspace:
		b = 0x7f
		if mods&ModCtrl != 0 {
			b = 0x08
		}
	case KeyEscape:
		b = 0x1b
	default:
		return dst
	}
	if mods&(ModAlt|ModMeta) != 0 {
		dst = append(dst, 0x1b)
	}
	return append(dst, b)
}

// ctrlByte returns the C0 control xterm sends for Ctrl plus r, and whether
// there is one: letters map to 0x01–0x1A, Space and @ and 2 to NUL,
// [ \ ] ^ _ to 0x1B–0x1F, and the digits 3–8 and / ? as on a VT220.
func ctrlByte(r rune) (byte, bool) {
	switch {
	case r >= 'a' && r <= 'z':
		return byte(r - 'a' + 1), true
	case r >= '@' && r <= '_': // @ A–Z [ \ ] ^ _
		return byte(r - '@'), true
	}
	switch r {
	case ' ', '2':
		return 0x00, true
	case '3':
		return 0x1b, true
	case '4':
		return 0x1c, true
	case '5':
		return 0x1d, true
	case '6':
		return 0x1e, true
	case '7', '/':
		return 0x1f, true
	case '8', '?':
		return 0x7f, true
	}
	return 0, false
}

// EncodeText returns the bytes for typed text s (UTF-8) with mods held.
// With Ctrl, a single character that has a control code (see ctrlByte)
// becomes that code; with Alt or Meta the result is prefixed with ESC (the
// "meta sends escape" convention of xterm and mosh). Shift is already
// reflected in s.
func EncodeText(s string, mods Modifiers) []byte {
	return AppendText(nil, s, mods)
}

// AppendText is EncodeText appending to dst.
func AppendText(dst []byte, s string, mods Modifiers) []byte {
	if s == "" {
		return dst
	}
	if mods&(ModAlt|ModMeta) != 0 {
		dst = append(dst, 0x1b)
	}
	if mods&ModCtrl != 0 {
		if r, n := utf8.DecodeRuneInString(s); n == len(s) {
			if c, ok := ctrlByte(r); ok {
				return append(dst, c)
			}
		}
	}
	return append(dst, s...)
}

// Bracketed paste markers (DECSET 2004).
const (
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
	// c1PasteEnd is the end marker with a UTF-8 encoded C1 CSI, which
	// parsers that accept C1 controls (ours and mosh's) also act on.
	c1PasteEnd = "\u009b201~"
)

// EncodePaste returns the bytes for pasting text. Line endings (CRLF, LF)
// become CR, as typed Enter would send and as terminals paste. With
// bracketed set (the application enabled mode 2004) the text is wrapped in
// ESC [ 200 ~ … ESC [ 201 ~, and any end marker inside the text is removed
// first so that pasted text cannot end the paste early and have the rest
// run as typed commands.
func EncodePaste(text string, bracketed bool) []byte {
	text = strings.ReplaceAll(text, "\r\n", "\r")
	text = strings.ReplaceAll(text, "\n", "\r")
	if !bracketed {
		return []byte(text)
	}
	// Removing one marker can join two halves into a new one, so repeat
	// until none is left; each pass shortens the text.
	for strings.Contains(text, pasteEnd) || strings.Contains(text, c1PasteEnd) {
		text = strings.ReplaceAll(text, pasteEnd, "")
		text = strings.ReplaceAll(text, c1PasteEnd, "")
	}
	b := make([]byte, 0, len(pasteStart)+len(text)+len(pasteEnd))
	b = append(b, pasteStart...)
	b = append(b, text...)
	return append(b, pasteEnd...)
}

// Button is the mouse button of a MouseEvent.
type Button uint8

// Mouse buttons. ButtonNone is for motion with no button held.
const (
	ButtonLeft Button = iota
	ButtonMiddle
	ButtonRight
	ButtonNone
	ButtonWheelUp
	ButtonWheelDown
)

// MouseAction is what happened to the mouse.
type MouseAction uint8

// Mouse actions.
const (
	MousePress MouseAction = iota
	MouseRelease
	// MouseMotion is movement; Button is the button held, or
	// ButtonNone.
	MouseMotion
)

// MouseEvent is a mouse event at a cell (0-based column and row).
type MouseEvent struct {
	Action   MouseAction
	Button   Button
	Col, Row int
	Mods     Modifiers
}

// Limits of the coordinates the legacy encodings can carry (1-based).
const (
	// mouseX10Max is the largest coordinate of the default encoding:
	// 32 + 223 = 255 is the largest byte.
	mouseX10Max = 223
	// mouseUTF8Max is the largest coordinate of mode 1005: 32 + 2015 =
	// 2047 is the largest two-byte UTF-8 code point.
	mouseUTF8Max = 2015
)

// mouseButtonCode returns the button number of a report before the motion
// and modifier bits, and false if the mode does not report ev.
func mouseButtonCode(ev MouseEvent, mode MouseMode, sgr bool) (int, bool) {
	wheel := ev.Button == ButtonWheelUp || ev.Button == ButtonWheelDown
	switch ev.Action {
	case MousePress:
		if ev.Button == ButtonNone {
			return 0, false
		}
	case MouseRelease:
		// X10 mode reports presses only, and nobody reports a
		// wheel "release".
		if mode == MouseX10 || wheel || ev.Button == ButtonNone {
			return 0, false
		}
		if !sgr {
			return 3, true
		}
	case MouseMotion:
		switch {
		case mode == MouseAny:
		case mode == MouseButton && ev.Button != ButtonNone:
		default:
			return 0, false
		}
		if wheel {
			return 0, false
		}
	default:
		return 0, false
	}
	switch ev.Button {
	case ButtonLeft, ButtonMiddle, ButtonRight:
		return int(ev.Button), true
	case ButtonNone:
		return 3, true
	case ButtonWheelUp:
		return 64, true
	case ButtonWheelDown:
		return 65, true
	}
	return 0, false
}

// EncodeMouse returns the report for ev in the given tracking mode and
// encoding, or nil when the mode does not report the event (X10 reports
// presses only; 1000 adds releases; 1002 adds motion with a button held;
// 1003 all motion; 1001 highlight tracking and MouseNone report nothing)
// or the coordinates do not fit the encoding (223 for the default one,
// 2015 for 1005).
//
// The wheel reports as buttons 64 (up) and 65 (down). Shift, Alt/Meta and
// Ctrl add 4, 8 and 16 to the button, except in X10 mode.
func EncodeMouse(ev MouseEvent, mode MouseMode, enc MouseEncoding) []byte {
	switch mode {
	case MouseX10, MouseVT200, MouseButton, MouseAny:
	default:
		return nil
	}
	if ev.Col < 0 || ev.Row < 0 {
		return nil
	}
	sgr := enc == MouseEncodingSGR
	b, ok := mouseButtonCode(ev, mode, sgr)
	if !ok {
		return nil
	}
	if ev.Action == MouseMotion {
		b += 32
	}
	if mode != MouseX10 {
		if ev.Mods&ModShift != 0 {
			b += 4
		}
		if ev.Mods&(ModAlt|ModMeta) != 0 {
			b += 8
		}
		if ev.Mods&ModCtrl != 0 {
			b += 16
		}
	}
	x, y := ev.Col+1, ev.Row+1
	switch enc {
	case MouseEncodingSGR:
		final := byte('M')
		if ev.Action == MouseRelease {
			final = 'm'
		}
		return appendNumbers([]byte("\x1b[<"), final, b, x, y)
	case MouseEncodingURXVT:
		return appendNumbers([]byte("\x1b["), 'M', 32+b, x, y)
	case MouseEncodingUTF8:
		if x > mouseUTF8Max || y > mouseUTF8Max {
			return nil
		}
		out := []byte("\x1b[M")
		for _, v := range [3]int{32 + b, 32 + x, 32 + y} {
			out = utf8.AppendRune(out, rune(v))
		}
		return out
	default:
		if x > mouseX10Max || y > mouseX10Max {
			return nil
		}
		return []byte{0x1b, '[', 'M', byte(32 + b), byte(32 + x), byte(32 + y)}
	}
}

// appendNumbers appends the decimal numbers joined by ';' and then final.
func appendNumbers(dst []byte, final byte, nums ...int) []byte {
	for i, n := range nums {
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = strconv.AppendInt(dst, int64(n), 10)
	}
	return append(dst, final)
}
