package vt

import (
	"strings"
	"testing"
)

func TestEncodeKey(t *testing.T) {
	normal := KeyModes{}
	app := KeyModes{CursorKeysApp: true}
	tests := []struct {
		name string
		key  Key
		mods Modifiers
		m    KeyModes
		want string
	}{
		{"up", KeyUp, 0, normal, "\x1b[A"},
		{"down", KeyDown, 0, normal, "\x1b[B"},
		{"right", KeyRight, 0, normal, "\x1b[C"},
		{"left", KeyLeft, 0, normal, "\x1b[D"},
		{"up app (mosh sessions)", KeyUp, 0, app, "\x1bOA"},
		{"down app", KeyDown, 0, app, "\x1bOB"},
		{"right app", KeyRight, 0, app, "\x1bOC"},
		{"left app", KeyLeft, 0, app, "\x1bOD"},
		{"ctrl right", KeyRight, ModCtrl, normal, "\x1b[1;5C"},
		{"ctrl right app", KeyRight, ModCtrl, app, "\x1b[1;5C"},
		{"shift up", KeyUp, ModShift, app, "\x1b[1;2A"},
		{"alt left", KeyLeft, ModAlt, normal, "\x1b[1;3D"},
		{"ctrl shift left", KeyLeft, ModCtrl | ModShift, normal, "\x1b[1;6D"},
		{"meta down", KeyDown, ModMeta, normal, "\x1b[1;9B"},
		{"all mods up", KeyUp, ModShift | ModAlt | ModCtrl | ModMeta, normal, "\x1b[1;16A"},
		{"home", KeyHome, 0, normal, "\x1b[H"},
		{"end", KeyEnd, 0, normal, "\x1b[F"},
		{"home app", KeyHome, 0, app, "\x1bOH"},
		{"end app", KeyEnd, 0, app, "\x1bOF"},
		{"ctrl end", KeyEnd, ModCtrl, app, "\x1b[1;5F"},
		{"insert", KeyInsert, 0, normal, "\x1b[2~"},
		{"delete", KeyDelete, 0, normal, "\x1b[3~"},
		{"page up", KeyPageUp, 0, normal, "\x1b[5~"},
		{"page down", KeyPageDown, 0, normal, "\x1b[6~"},
		{"shift page up", KeyPageUp, ModShift, normal, "\x1b[5;2~"},
		{"ctrl delete", KeyDelete, ModCtrl, app, "\x1b[3;5~"},
		{"f1", KeyF1, 0, normal, "\x1bOP"},
		{"f2", KeyF2, 0, normal, "\x1bOQ"},
		{"f3", KeyF3, 0, normal, "\x1bOR"},
		{"f4", KeyF4, 0, app, "\x1bOS"},
		{"shift f1", KeyF1, ModShift, normal, "\x1b[1;2P"},
		{"f5", KeyF5, 0, normal, "\x1b[15~"},
		{"f6", KeyF6, 0, normal, "\x1b[17~"},
		{"f7", KeyF7, 0, normal, "\x1b[18~"},
		{"f8", KeyF8, 0, normal, "\x1b[19~"},
		{"f9", KeyF9, 0, normal, "\x1b[20~"},
		{"f10", KeyF10, 0, normal, "\x1b[21~"},
		{"f11", KeyF11, 0, normal, "\x1b[23~"},
		{"f12", KeyF12, 0, normal, "\x1b[24~"},
		{"ctrl f5", KeyF5, ModCtrl, normal, "\x1b[15;5~"},
		{"enter", KeyEnter, 0, app, "\r"},
		{"alt enter", KeyEnter, ModAlt, normal, "\x1b\r"},
		{"keypad enter", KeypadEnter, 0, normal, "\r"},
		{"keypad enter app", KeypadEnter, 0, KeyModes{KeypadApp: true}, "\x1bOM"},
		{"tab", KeyTab, 0, normal, "\t"},
		{"shift tab", KeyTab, ModShift, normal, "\x1b[Z"},
		{"backspace is DEL", KeyBackspace, 0, normal, "\x7f"},
		{"ctrl backspace", KeyBackspace, ModCtrl, normal, "\x08"},
		{"alt backspace", KeyBackspace, ModAlt, normal, "\x1b\x7f"},
		{"escape", KeyEscape, 0, normal, "\x1b"},
		{"meta escape", KeyEscape, ModMeta, normal, "\x1b\x1b"},
		{"none", KeyNone, 0, normal, ""},
		{"unknown", Key(200), ModCtrl, normal, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(EncodeKey(tt.key, tt.mods, tt.m)); got != tt.want {
				t.Errorf("EncodeKey = %q, want %q", got, tt.want)
			}
			if got := string(AppendKey([]byte("x"), tt.key, tt.mods, tt.m)); got != "x"+tt.want {
				t.Errorf("AppendKey = %q, want %q", got, "x"+tt.want)
			}
		})
	}
}

func TestEncodeText(t *testing.T) {
	tests := []struct {
		text string
		mods Modifiers
		want string
	}{
		{"a", 0, "a"},
		{"hello", 0, "hello"},
		{"é", 0, "é"},
		{"漢", 0, "漢"},
		{"", ModCtrl, ""},
		{"a", ModAlt, "\x1ba"},
		{"x", ModMeta, "\x1bx"},
		{"a", ModCtrl, "\x01"},
		{"c", ModCtrl, "\x03"},
		{"z", ModCtrl, "\x1a"},
		{"A", ModCtrl | ModShift, "\x01"},
		{"Z", ModCtrl, "\x1a"},
		{" ", ModCtrl, "\x00"},
		{"@", ModCtrl, "\x00"},
		{"[", ModCtrl, "\x1b"},
		{"\\", ModCtrl, "\x1c"},
		{"]", ModCtrl, "\x1d"},
		{"^", ModCtrl, "\x1e"},
		{"_", ModCtrl, "\x1f"},
		{"2", ModCtrl, "\x00"},
		{"3", ModCtrl, "\x1b"},
		{"4", ModCtrl, "\x1c"},
		{"5", ModCtrl, "\x1d"},
		{"6", ModCtrl, "\x1e"},
		{"7", ModCtrl, "\x1f"},
		{"8", ModCtrl, "\x7f"},
		{"/", ModCtrl, "\x1f"},
		{"?", ModCtrl, "\x7f"},
		{"1", ModCtrl, "1"},
		{"é", ModCtrl, "é"},
		{"ab", ModCtrl, "ab"},
		{"c", ModCtrl | ModAlt, "\x1b\x03"},
	}
	for _, tt := range tests {
		if got := string(EncodeText(tt.text, tt.mods)); got != tt.want {
			t.Errorf("EncodeText(%q, %v) = %q, want %q", tt.text, tt.mods, got, tt.want)
		}
	}
}

func TestEncodePaste(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		bracketed bool
		want      string
	}{
		{"plain", "ls -l", false, "ls -l"},
		{"newlines to CR", "a\nb\r\nc\rd", false, "a\rb\rc\rd"},
		{"bracketed", "echo hi\n", true, "\x1b[200~echo hi\r\x1b[201~"},
		{"empty bracketed", "", true, "\x1b[200~\x1b[201~"},
		{"end marker stripped", "a\x1b[201~rm -rf x\n", true, "\x1b[200~arm -rf x\r\x1b[201~"},
		{"nested marker stripped", "\x1b[20\x1b[201~1~x", true, "\x1b[200~x\x1b[201~"},
		{"c1 end marker stripped", "a\u009b201~b", true, "\x1b[200~ab\x1b[201~"},
		{"unbracketed keeps text", "a\x1b[201~", false, "a\x1b[201~"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(EncodePaste(tt.text, tt.bracketed))
			if got != tt.want {
				t.Fatalf("EncodePaste = %q, want %q", got, tt.want)
			}
			if tt.bracketed {
				inner := strings.TrimSuffix(strings.TrimPrefix(got, pasteStart), pasteEnd)
				if strings.Contains(inner, pasteEnd) || strings.Contains(inner, c1PasteEnd) {
					t.Errorf("payload %q still contains an end marker", inner)
				}
			}
		})
	}
}

func FuzzEncodePaste(f *testing.F) {
	f.Add("a\x1b[201~b")
	f.Add("\x1b[20\x1b[201~1~")
	f.Add("\u009b20\u009b201~1~\n")
	f.Fuzz(func(t *testing.T, text string) {
		got := string(EncodePaste(text, true))
		inner := strings.TrimSuffix(strings.TrimPrefix(got, pasteStart), pasteEnd)
		if strings.Contains(inner, pasteEnd) || strings.Contains(inner, c1PasteEnd) {
			t.Fatalf("payload %q contains an end marker", inner)
		}
		if strings.ContainsRune(inner, '\n') {
			t.Fatalf("payload %q contains LF", inner)
		}
	})
}

func TestEncodeMouse(t *testing.T) {
	press := func(b Button, col, row int) MouseEvent {
		return MouseEvent{Action: MousePress, Button: b, Col: col, Row: row}
	}
	release := func(b Button, col, row int) MouseEvent {
		return MouseEvent{Action: MouseRelease, Button: b, Col: col, Row: row}
	}
	motion := func(b Button, col, row int) MouseEvent {
		return MouseEvent{Action: MouseMotion, Button: b, Col: col, Row: row}
	}
	withMods := func(ev MouseEvent, m Modifiers) MouseEvent { ev.Mods = m; return ev }
	const (
		def  = MouseEncodingDefault
		sgr  = MouseEncodingSGR
		utf  = MouseEncodingUTF8
		urxv = MouseEncodingURXVT
	)
	tests := []struct {
		name string
		ev   MouseEvent
		mode MouseMode
		enc  MouseEncoding
		want string // "" means nil
	}{
		{"none mode", press(ButtonLeft, 0, 0), MouseNone, sgr, ""},
		{"highlight unsupported", press(ButtonLeft, 0, 0), MouseHighlight, sgr, ""},
		{"x10 press", press(ButtonLeft, 0, 0), MouseX10, def, "\x1b[M !!"},
		{"x10 no release", release(ButtonLeft, 0, 0), MouseX10, def, ""},
		{"x10 ignores mods", withMods(press(ButtonRight, 1, 2), ModCtrl), MouseX10, def, "\x1b[M\"\"#"},
		{"1000 press left", press(ButtonLeft, 9, 4), MouseVT200, def, "\x1b[M *%"},
		{"1000 press middle", press(ButtonMiddle, 0, 0), MouseVT200, def, "\x1b[M!!!"},
		{"1000 release", release(ButtonLeft, 9, 4), MouseVT200, def, "\x1b[M#*%"},
		{"1000 no motion", motion(ButtonLeft, 1, 1), MouseVT200, def, ""},
		{"1000 wheel up", press(ButtonWheelUp, 0, 0), MouseVT200, def, "\x1b[M`!!"},
		{"1000 wheel down", press(ButtonWheelDown, 0, 0), MouseVT200, def, "\x1b[Ma!!"},
		{"1000 no wheel release", release(ButtonWheelUp, 0, 0), MouseVT200, sgr, ""},
		{"1000 no press without button", press(ButtonNone, 0, 0), MouseVT200, sgr, ""},
		{"1000 ctrl shift", withMods(press(ButtonLeft, 0, 0), ModCtrl|ModShift), MouseVT200, def, "\x1b[M4!!"},
		{"1000 alt", withMods(press(ButtonLeft, 0, 0), ModAlt), MouseVT200, sgr, "\x1b[<8;1;1M"},
		{"1002 drag", motion(ButtonLeft, 2, 3), MouseButton, def, "\x1b[M@#$"},
		{"1002 no plain motion", motion(ButtonNone, 2, 3), MouseButton, def, ""},
		{"1003 plain motion", motion(ButtonNone, 2, 3), MouseAny, def, "\x1b[MC#$"},
		{"1003 drag right", motion(ButtonRight, 0, 0), MouseAny, sgr, "\x1b[<34;1;1M"},
		{"sgr press", press(ButtonLeft, 9, 4), MouseVT200, sgr, "\x1b[<0;10;5M"},
		{"sgr release keeps button", release(ButtonRight, 9, 4), MouseVT200, sgr, "\x1b[<2;10;5m"},
		{"sgr wheel", press(ButtonWheelDown, 300, 100), MouseVT200, sgr, "\x1b[<65;301;101M"},
		{"sgr big coordinates", press(ButtonLeft, 5000, 3000), MouseAny, sgr, "\x1b[<0;5001;3001M"},
		{"default at limit", press(ButtonLeft, 222, 222), MouseVT200, def, "\x1b[M \xff\xff"},
		{"default past limit", press(ButtonLeft, 223, 0), MouseVT200, def, ""},
		{"utf8 small", press(ButtonLeft, 0, 0), MouseVT200, utf, "\x1b[M !!"},
		{"utf8 large", press(ButtonLeft, 300, 0), MouseVT200, utf, "\x1b[M \u014d!"},
		{"utf8 past limit", press(ButtonLeft, 2015, 0), MouseVT200, utf, ""},
		{"urxvt press", press(ButtonLeft, 9, 4), MouseVT200, urxv, "\x1b[32;10;5M"},
		{"urxvt release", release(ButtonLeft, 9, 4), MouseVT200, urxv, "\x1b[35;10;5M"},
		{"urxvt wheel", press(ButtonWheelUp, 0, 0), MouseVT200, urxv, "\x1b[96;1;1M"},
		{"negative coordinates", press(ButtonLeft, -1, 0), MouseVT200, sgr, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := EncodeMouse(tt.ev, tt.mode, tt.enc)
			if tt.want == "" {
				if got != nil {
					t.Fatalf("EncodeMouse = %q, want nil", got)
				}
				return
			}
			if string(got) != tt.want {
				t.Fatalf("EncodeMouse = %q, want %q", got, tt.want)
			}
		})
	}
}
