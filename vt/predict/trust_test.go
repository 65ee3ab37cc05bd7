package predict

import (
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestEchoedRun(t *testing.T) {
	for _, tc := range []struct {
		name   string
		screen string // the row; the cursor ends after it
		run    string
		acked  int // characters of the run the server has had for 50 ms
		want   int
		ok     bool
	}{
		{"nothing echoed", "$ ", "ab", 0, 0, true},
		{"acked part echoed", "$ a", "ab", 1, 1, true},
		{"more than the acked part echoed", "$ ab", "abc", 1, 2, true},
		{"acked part missing", "$ x", "ab", 1, 0, false},
		{"echo or coincidence", "$ a", "ab", 0, 0, false},
		{"repeated letter", "$ l", "ll", 0, 0, false},
		{"repeated letter, acked", "$ l", "ll", 1, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emu := vt.NewEmulator(20, 3)
			emu.Write([]byte(tc.screen))
			fb := emu.Framebuffer()
			e := New(Options{})
			for _, r := range tc.run {
				e.run = append(e.run, queued{r: r, w: 1})
			}
			got, ok := e.echoedRun(fb, fb.Cursor.Row, fb.Cursor.Col, tc.acked)
			if got != tc.want || ok != tc.ok {
				t.Errorf("echoedRun = %d, %v; want %d, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestStartsWithPrompt(t *testing.T) {
	for _, tc := range []struct {
		text, known string
		want        bool
	}{
		{"$ ", "$ ", true},
		{"$ m", "$ ", true},
		{"~/src$ ls", "~$ ", true}, // cd changed the directory
		{"x", "$ ", false},
		{"Password: ab", "$ ", false},
		{"ab: x", "$ ", false},
	} {
		if got := startsWithPrompt(tc.text, tc.known); got != tc.want {
			t.Errorf("startsWithPrompt(%q, %q) = %v, want %v", tc.text, tc.known, got, tc.want)
		}
	}
}

func TestLineEchoed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		screen string // the rows; the cursor ends after them
		run    string
		acked  int
		want   bool
	}{
		{"run after the prompt", "$ ma", "mak", 2, true},
		{"run after earlier text", "$ ma", "ak", 1, true},
		{"nothing acked", "$ ma", "mak", 0, false},
		{"no prompt", "Password: ma", "mak", 2, false},
		{"vim insert mode", "ab\r\n\r\n-- INSERT --\x1b[1;3H", "abc", 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emu := vt.NewEmulator(20, 3)
			emu.Write([]byte(tc.screen))
			fb := emu.Framebuffer()
			e := New(Options{})
			e.knownPrompt = "$ "
			for _, r := range tc.run {
				e.run = append(e.run, queued{r: r, w: 1})
			}
			k, ok := e.echoedRun(fb, fb.Cursor.Row, fb.Cursor.Col, tc.acked)
			if got := ok && e.lineEchoed(fb, fb.Cursor.Row, fb.Cursor.Col, tc.acked, k); got != tc.want {
				t.Errorf("lineEchoed = %v, want %v", got, tc.want)
			}
		})
	}
}

// promptHarness returns a harness whose engine has learnt the prompt
// "$ " from an echoed line and the new prompt after it on row 1.
func promptHarness(t *testing.T) *harness {
	h, enter := enterHarness(t, Options{}, 40, 8)
	h.server("\r\n$ ")
	h.echoAck(enter)
	if h.e.knownPrompt != "$ " {
		t.Fatalf("known prompt %q", h.e.knownPrompt)
	}
	return h
}

func TestResyncTypeAheadAfterPassword(t *testing.T) {
	// Type-ahead after a password's Enter (not awaited: the line was
	// not echoed) is shown once the screen shows the known prompt,
	// either before the shell has had any of it or with the part it
	// has had echoed after the prompt.
	for _, tc := range []struct {
		name string
		// echoed: the first frame with the prompt already echoes
		// "ma".
		echoed bool
	}{{"prompt first", false}, {"prompt with echo", true}} {
		t.Run(tc.name, func(t *testing.T) {
			h := promptHarness(t)
			h.server("[sudo] password for u: ")
			h.keys("pw\r")
			enter := h.send()
			h.keys("ma") // typed before the prompt is back
			first := h.send()
			h.keys("k")
			h.send()
			h.wantRow(2, "")
			ack := enter
			h.server("\r\n$ ")
			if tc.echoed {
				h.server("ma")
				ack = first
			}
			h.echoAck(ack)
			h.wantRow(2, "$ mak")
			h.keys("e")
			h.wantRow(2, "$ make")
			h.wantCursor(2, 6)
		})
	}
}

func TestResyncVimAppend(t *testing.T) {
	// vim's "A" and text typed before "-- INSERT --" showed: once the
	// first of the text is echoed in insert mode, the rest is shown.
	h := newHarness(t, Options{}, 30, 6)
	h.server("hello\r\n~\r\n~\r\n~\r\n~\r\n\x1b[1;1H")
	h.keys("A")
	a := h.send()
	h.keys(" w")
	space := h.send()
	h.keys("o")
	h.send()
	h.server("\x1b[6;1H-- INSERT --\x1b[1;6H")
	h.echoAck(a)
	h.wantRow(0, "hello")
	h.server(" w")
	h.echoAck(space)
	h.wantRow(0, "hello wo")
	h.keys("r")
	h.wantRow(0, "hello wor")
	h.wantCursor(0, 9)
}

func TestResyncWaitsForBackspace(t *testing.T) {
	// vim's "A" and "f" in one frame, then a typo and its Backspace:
	// when the wrong guess for "A" is killed, the run holds only what
	// follows, but the screen shows the typo until the server has had
	// the Backspace, so the run is not placed after it.
	h := newHarness(t, Options{}, 30, 6)
	h.server("hello\r\n~\r\n~\r\n~\r\n~\x1b[1;5H")
	h.keys("A")
	h.keys("f")
	a := h.send()
	h.keys("s")
	h.send()
	h.keys("\x7f")
	bs := h.send()
	h.server("\x1b[6;1H-- INSERT --\x1b[1;6H")
	h.cull()
	h.keys("o") // typed in insert mode
	h.send()
	h.server("fs")
	h.echoAck(a)
	if got := h.row(0); got != "hellofs" {
		t.Fatalf("row 0 = %q before the Backspace is processed", got)
	}
	h.server("\b \b")
	h.echoAck(bs)
	h.wantRow(0, "hellofo")
}
