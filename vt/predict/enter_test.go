package predict

import (
	"strings"
	"testing"
)

// enterHarness returns a harness whose shell has echoed "ls" at the
// prompt "$ " on row 0 in a confirmed epoch, with Enter typed and sent.
func enterHarness(t *testing.T, opts Options, width, height int) (*harness, uint64) {
	h := newHarness(t, opts, width, height)
	h.server("$ ")
	h.confirm("l")
	h.confirm("s")
	h.keys("\r")
	return h, h.send()
}

func TestEnterBoundaryNewPrompt(t *testing.T) {
	for _, tc := range []struct {
		name   string
		compat bool
		// echoed: the shell has already echoed the type-ahead.
		echoed bool
		want   string
	}{
		{"prompt, type-ahead not yet echoed", false, false, "$ cd"},
		{"prompt, type-ahead echoed", false, true, "$ cd"},
		{"mosh", true, false, "$"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, enter := enterHarness(t, Options{MoshCompatible: tc.compat}, 30, 6)
			h.keys("cd") // typed before the prompt is back
			h.wantRow(1, "")
			h.wantRow(2, "")
			h.send()
			h.server("\r\nfile\r\n$ ")
			if tc.echoed {
				h.server("cd")
			}
			h.echoAck(enter)
			h.wantRow(2, tc.want)
			h.keys("x")
			if tc.compat {
				h.wantRow(2, "$")
				return
			}
			h.wantRow(2, "$ cdx")
			h.wantCursor(2, 5)
		})
	}
}

func TestEnterBoundaryPromptChanges(t *testing.T) {
	// The directory in the prompt changes after cd: the terminator
	// still matches.
	h := newHarness(t, Options{}, 40, 6)
	h.server("~$ ")
	h.confirm("c")
	h.keys("\r")
	n := h.send()
	h.server("\r\n~/src$ ")
	h.echoAck(n)
	h.keys("m")
	h.wantRow(1, "~/src$ m")
}

func TestEnterBoundaryPasswordPrompt(t *testing.T) {
	h, enter := enterHarness(t, Options{}, 40, 6)
	h.keys("hunter2")
	last := h.send()
	h.server("\r\n[sudo] password for u: ")
	for ack := enter; ack <= last; ack++ {
		h.echoAck(ack)
		for y, row := range screenText(h.display()) {
			if strings.Contains(row, "hunter") {
				t.Fatalf("password shown on row %d: %q", y, row)
			}
		}
	}
	h.keys("2")
	if got := h.row(1); strings.Contains(got, "2") {
		t.Fatalf("password shown: %q", got)
	}
}

func TestEnterBoundaryAfterUnechoedLine(t *testing.T) {
	// A line the application did not echo (typed in a fresh, tentative
	// epoch) never vouches for the next prompt: type-ahead stays hidden.
	h := newHarness(t, Options{}, 40, 6)
	h.server("Password: ")
	h.keys("secret")
	h.keys("\r")
	n := h.send()
	h.keys("l")
	h.send()
	h.server("\r\n$ ")
	h.echoAck(n)
	h.wantRow(1, "$")
	if h.e.await != nil || h.e.knownPrompt != "" {
		t.Fatalf("await %v, learnt prompt %q after an unechoed line", h.e.await, h.e.knownPrompt)
	}
}

func TestResyncAtKnownPrompt(t *testing.T) {
	// After anything unpredictable, once the server has had all input
	// and the cursor sits after a shell prompt, typing shows at once.
	h := newHarness(t, Options{}, 40, 6)
	h.server("$ ")
	h.keys("ls\t") // Tab: unpredictable
	n := h.send()
	h.server("ls -la\r\nx\r\n$ ")
	h.echoAck(n)
	h.keys("p")
	h.wantRow(2, "$ p")
	// Not before the server has had the Tab.
	h2 := newHarness(t, Options{}, 40, 6)
	h2.server("$ ")
	h2.keys("ls\t")
	h2.send()
	h2.keys("p")
	h2.wantRow(0, "$")
}

func TestResyncInVimInsertMode(t *testing.T) {
	// vim: "o" is a command, judged wrong and killed; text typed after
	// it is predicted from the real cursor once the screen has caught up
	// with everything typed before.
	h := newHarness(t, Options{}, 30, 6)
	h.server("hello\r\n~\r\n~\r\n~\r\n~\r\n\x1b[1;3H")
	h.keys("o")
	n := h.send()
	h.keys("ab")
	h.send()
	h.server("\x1b[2;1H\x1b[K\x1b[6;1H-- INSERT --\x1b[2;1H") // 'o' processed
	h.echoAck(n)
	h.keys("c")
	h.send()
	h.wantRow(1, "") // "ab" not yet on screen: not trusted
	h.server("ab")
	h.echoAck(n + 1)
	h.wantRow(1, "abc")
	h.wantCursor(1, 3)
	h.keys("d")
	h.wantRow(1, "abcd")
}

func TestEnterOnBottomRowScrolls(t *testing.T) {
	// The line's last character is still waiting for its echo ack when
	// the frame with the scrolled screen and the new prompt arrives: it
	// must not be drawn over the new prompt.
	h := newHarness(t, Options{}, 20, 3)
	h.server("\r\n\r\n$ ")
	h.confirm("l")
	h.keys("s")
	h.keys("\r")
	enter := h.send()
	h.wantRow(2, "$ ls")
	h.server("s\r\n$ ")
	h.cull()
	h.wantRow(1, "$ ls")
	h.wantRow(2, "$")
	h.echoAck(enter)
	h.keys("x")
	h.wantRow(2, "$ x")
}

func TestEnterInVimSplitsLine(t *testing.T) {
	// Enter in vim's insert mode moves the rest of the line down: the
	// predictions of the shifted cells no longer describe the row.
	h := newHarness(t, Options{}, 30, 5)
	h.server("abc\x1b[5;1H-- INSERT --\x1b[1;2H")
	h.keys("x")
	n := h.send()
	h.server("xbc\x1b[1;3H")
	h.echoAck(n)
	h.keys("y")
	h.wantRow(0, "axybc")
	h.keys("\r")
	enter := h.send()
	h.server("y\x1b[K\r\nbc\x1b[2;1H")
	h.cull()
	h.wantRow(0, "axy")
	h.wantRow(1, "bc")
	h.echoAck(enter)
	h.keys("z")
	h.wantRow(1, "zbc")
}

func TestEnterRedrawnLine(t *testing.T) {
	// "vim notes.txt" and Enter in one frame: vim redraws the screen
	// before the echo ack has judged the line's last characters. They
	// must not be drawn over vim's screen meanwhile.
	h := newHarness(t, Options{}, 30, 6)
	h.server("$ ")
	h.confirm("v")
	h.keys("im")
	h.keys("\r")
	n := h.send()
	h.wantRow(0, "$ vim")
	h.server("\x1b[H\x1b[2Jnotes\r\n~\r\n~\x1b[H")
	h.e.SetLocalFrameAcked(n) // received, not yet judged
	h.cull()
	h.wantRow(0, "notes")
}
