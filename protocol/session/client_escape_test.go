package session

import (
	"slices"
	"testing"
)

func TestParseEscapeKey(t *testing.T) {
	tests := []struct {
		value    string
		set      bool
		enabled  bool
		key      byte
		name     string
		quitHint string
	}{
		{"", false, true, 0x1e, "Ctrl-^", " [To quit: Ctrl-^ .]"},
		{"", true, false, 0x1e, "Ctrl-^", ""},
		{"\x01", true, true, 0x01, "Ctrl-A", " [To quit: Ctrl-A .]"},
		{"~", true, true, '~', `"~"`, ` [To quit: "~" .]`},
		{"ab", true, true, 0x1e, "Ctrl-^", " [To quit: Ctrl-^ .]"},   // not one character
		{"é", true, true, 0x1e, "Ctrl-^", " [To quit: Ctrl-^ .]"},    // not ASCII
		{"\x03", true, true, 0x1e, "Ctrl-^", " [To quit: Ctrl-^ .]"}, // Ctrl-C refused
		{"\x04", true, true, 0x1e, "Ctrl-^", " [To quit: Ctrl-^ .]"}, // Ctrl-D
		{"\n", true, true, 0x1e, "Ctrl-^", " [To quit: Ctrl-^ .]"},   // LF
		{"\x0c", true, true, 0x1e, "Ctrl-^", " [To quit: Ctrl-^ .]"}, // Ctrl-L
		{"\r", true, true, 0x1e, "Ctrl-^", " [To quit: Ctrl-^ .]"},   // CR
	}
	for _, tt := range tests {
		k := ParseEscapeKey(tt.value, tt.set)
		if k.Enabled() != tt.enabled || k.Byte() != tt.key || k.Name() != tt.name || k.QuitHint() != tt.quitHint {
			t.Errorf("ParseEscapeKey(%q, %v) = enabled %v, key %#x, name %q, hint %q; want %v, %#x, %q, %q",
				tt.value, tt.set, k.Enabled(), k.Byte(), k.Name(), k.QuitHint(), tt.enabled, tt.key, tt.name, tt.quitHint)
		}
	}
	if got, want := (EscapeKey{}).Help(), `Commands: Ctrl-Z suspends, "." quits, "^" gives literal Ctrl-^`; got != want {
		t.Errorf("Help() = %q, want %q", got, want)
	}
}

func TestEscapeFilter(t *testing.T) {
	tests := []struct {
		name    string
		key     EscapeKey
		reads   []string
		send    string
		actions []escapeAction
	}{
		{"plain", EscapeKey{}, []string{"ls\r"}, "ls\r", nil},
		{"quit", EscapeKey{}, []string{"\x1e."}, "", []escapeAction{actionHelp, actionQuit}},
		{"quit ignores the rest of the read", EscapeKey{}, []string{"a\x1e.bc"}, "a", []escapeAction{actionHelp, actionQuit}},
		{"quit across reads", EscapeKey{}, []string{"\x1e", "."}, "", []escapeAction{actionHelp, actionQuit}},
		{"literal escape", EscapeKey{}, []string{"\x1e^"}, "\x1e", []escapeAction{actionHelp, actionDone}},
		{"other byte sent with the escape", EscapeKey{}, []string{"\x1ex"}, "\x1ex", []escapeAction{actionHelp, actionDone}},
		{"suspend", EscapeKey{}, []string{"\x1e\x1a"}, "", []escapeAction{actionHelp, actionSuspend, actionDone}},
		{"Ctrl-L repaints and is sent", EscapeKey{}, []string{"\x0c"}, "\x0c", []escapeAction{actionRepaint}},
		{"escaped Ctrl-L only sent", EscapeKey{}, []string{"\x1e\x0c"}, "\x1e\x0c", []escapeAction{actionHelp, actionDone}},
		{"disabled", ParseEscapeKey("", true), []string{"\x1e."}, "\x1e.", nil},
		{"letter escape, upper pass", ParseEscapeKey("\x01", true), []string{"\x01A"}, "\x01", []escapeAction{actionHelp, actionDone}},
		{"letter escape, lower pass", ParseEscapeKey("\x01", true), []string{"\x01a"}, "\x01", []escapeAction{actionHelp, actionDone}},
		{"printable escape not at start", ParseEscapeKey("~", true), []string{"~."}, "~.", nil},
		{"printable escape mid-line", ParseEscapeKey("~", true), []string{"a~."}, "a~.", nil},
		{"printable escape after CR", ParseEscapeKey("~", true), []string{"\r~."}, "\r", []escapeAction{actionHelp, actionQuit}},
		{"printable escape after LF", ParseEscapeKey("~", true), []string{"x\n", "~~"}, "x\n~", []escapeAction{actionHelp, actionDone}},
		{"printable escape twice needs a new line", ParseEscapeKey("~", true), []string{"\r~~~."}, "\r~~.", []escapeAction{actionHelp, actionDone}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := escapeFilter{key: tt.key}
			var sent []byte
			var actions []escapeAction
			for _, r := range tt.reads {
				sent = f.filter(sent, []byte(r), func(a escapeAction) { actions = append(actions, a) })
			}
			if string(sent) != tt.send {
				t.Errorf("sent %q, want %q", sent, tt.send)
			}
			if !slices.Equal(actions, tt.actions) {
				t.Errorf("actions %v, want %v", actions, tt.actions)
			}
		})
	}
}
