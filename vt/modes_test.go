package vt_test

import (
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestModes(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		modes vt.Modes
		check func(fb *vt.Framebuffer) bool
	}{
		{"defaults", "", vt.Modes{AutoWrap: true}, nil},
		{"DECCKM", "\x1b[?1h", vt.Modes{AutoWrap: true, CursorKeysApp: true}, nil},
		{"DECCKM off", "\x1b[?1h\x1b[?1l", vt.Modes{AutoWrap: true}, nil},
		{"keypad", "\x1b=", vt.Modes{AutoWrap: true, KeypadApp: true}, nil},
		{"keypad off", "\x1b=\x1b>", vt.Modes{AutoWrap: true}, nil},
		{"several at once", "\x1b[?1;6;7l\x1b[4;20h", vt.Modes{Insert: true, LNM: true}, nil},
		{"origin", "\x1b[?6h", vt.Modes{AutoWrap: true, Origin: true}, nil},
		{"alt screen", "\x1b[?1049h", vt.Modes{AutoWrap: true, AltScreen: true}, nil},
		{"reverse video", "\x1b[?5h", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.ReverseVideo }},
		{"bracketed paste", "\x1b[?2004h", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.BracketedPaste }},
		{"focus", "\x1b[?1004h", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.FocusEvents }},
		{"mouse", "\x1b[?1000h\x1b[?1002h", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.Mouse == vt.MouseButton }},
		{"mouse x10", "\x1b[?9h", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.Mouse == vt.MouseX10 }},
		{"mouse any reset", "\x1b[?1003h\x1b[?1000l", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.Mouse == vt.MouseNone }},
		{"mouse sgr", "\x1b[?1006h", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.MouseEncoding == vt.MouseEncodingSGR }},
		{"mouse urxvt utf8", "\x1b[?1015h\x1b[?1005h", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.MouseEncoding == vt.MouseEncodingUTF8 }},
		{"mouse encoding reset", "\x1b[?1006h\x1b[?1015l", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return fb.MouseEncoding == vt.MouseEncodingDefault }},
		{"cursor hidden", "\x1b[?25l", vt.Modes{AutoWrap: true}, func(fb *vt.Framebuffer) bool { return !fb.Cursor.Visible }},
		{"unknown ignored", "\x1b[?12h\x1b[?9999h\x1b[99h", vt.Modes{AutoWrap: true}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := vt.NewEmulator(10, 4)
			e.Write([]byte(tc.in))
			if e.Modes() != tc.modes {
				t.Errorf("modes %+v, want %+v", e.Modes(), tc.modes)
			}
			if tc.check != nil && !tc.check(e.Framebuffer()) {
				t.Errorf("framebuffer state wrong: %+v", *e.Framebuffer())
			}
		})
	}
}

func TestModeScreens(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "?3 clears and homes", in: "abc\x1b[2;3r\x1b[3;3H\x1b[?3h", row: 0, col: 0},
		{name: "insert", in: "abc\x1b[1G\x1b[4hx\x1b[4ly", lines: []string{"xybc"}, row: 0, col: 2},
		{name: "insert pushes off", in: "abcdefghij\x1b[1G\x1b[4hxy", lines: []string{"xyabcdefgh"}, row: 0, col: 2},
	})
}

func TestReplies(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\x1b[c", "\x1b[?62c"},
		{"\x1b[0c", "\x1b[?62c"},
		{"\x1b[>c", "\x1b[>1;10;0c"},
		{"\x1b[5n", "\x1b[0n"},
		{"\x1b[3;7H\x1b[6n", "\x1b[3;7R"},
		{"\x1b[6n\x1b[5n", "\x1b[1;1R\x1b[0n"},
		{"\x1b[?6n\x1b]52;c;?\x07\x1b]10;?\x07", ""},
	} {
		e := vt.NewEmulator(10, 4)
		e.Write([]byte(tc.in))
		if got := string(e.TakeReplies()); got != tc.want {
			t.Errorf("%q: replies %q, want %q", tc.in, got, tc.want)
		}
		if got := e.TakeReplies(); len(got) != 0 {
			t.Errorf("%q: replies not cleared: %q", tc.in, got)
		}
		for y := range 4 {
			for x := range 10 {
				if c := e.Framebuffer().Cell(y, x); !c.IsBlank() {
					t.Fatalf("%q: reply drawn on the screen at (%d,%d)", tc.in, y, x)
				}
			}
		}
	}
}
