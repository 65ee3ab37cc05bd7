package predict

import (
	"strings"
	"testing"
)

// vimInsertHarness returns a harness showing vim in insert mode on a 30×6
// screen, with "hello" typed on the first row and confirmed.
func vimInsertHarness(t *testing.T) *harness {
	h := newHarness(t, Options{}, 30, 6)
	h.server("hell\r\n~\r\n~\r\n~\r\n~\r\n-- INSERT --\x1b[1;5H")
	h.confirm("o")
	return h
}

func TestVimCommandLine(t *testing.T) {
	for _, key := range []string{":", "/", "?"} {
		t.Run(key, func(t *testing.T) {
			h := vimInsertHarness(t)
			h.keys("\x1b")
			esc := h.send()
			h.keys(key)
			h.wantRow(5, key)
			h.wantCursor(5, 1)
			h.keys("wq")
			h.wantRow(5, key+"wq")
			h.wantCursor(5, 3)
			// The command is underlined until confirmed, and so are
			// the cells of "-- INSERT --" it blanks.
			if u := underlined(h.display(), 5); u != "_________.__" {
				t.Fatalf("underlined %q", u)
			}
			// vim draws the command line: the predictions are right.
			cmd := h.send()
			h.server("\x1b[6;1H\x1b[K" + key + "wq")
			h.echoAck(esc)
			h.echoAck(cmd)
			h.wantRow(5, key+"wq")
			h.wantRow(0, "hello")
			// Enter runs the command: its predictions are dropped,
			// whatever vim shows next.
			h.keys("\r")
			h.wantRow(5, key+"wq")
			enter := h.send()
			h.server("\x1b[6;1H\x1b[K\"notes.txt\" written\x1b[1;5H")
			h.echoAck(enter)
			h.wantRow(5, `"notes.txt" written`)
		})
	}
}

func TestVimCommandLineOnlyAfterEscapeInInsertMode(t *testing.T) {
	for _, tc := range []struct {
		name   string
		insert bool     // the screen shows "-- INSERT --"
		reads  []string // after which ":" is typed
	}{
		{"not in insert mode", false, []string{"\x1b"}},
		{"a key between", true, []string{"\x1b", "j"}},
		{"Alt-: in one read", true, []string{"\x1b:"}},
		{"no Escape", true, []string{"x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := vimInsertHarness(t)
			if !tc.insert {
				h.server("\x1b[6;1H\x1b[K\x1b[1;5H")
			}
			for _, r := range tc.reads {
				h.keys(r)
			}
			h.keys(":")
			if got := h.row(5); got == ":" {
				t.Fatalf("command line predicted: row 5 = %q", got)
			}
		})
	}
}

func TestVimCommandLineBackspace(t *testing.T) {
	// Backspace over the ":" leaves the command line (vim returns to
	// normal mode): nothing more is predicted there, and what was is
	// dropped without counting as wrong once the server has had it.
	h := vimInsertHarness(t)
	h.keys("\x1b")
	h.keys(":")
	h.keys("w")
	h.keys("\x7f")
	h.wantRow(5, ":")
	h.wantCursor(5, 1)
	h.keys("\x7f")
	h.keys("x")
	// The ":" stays drawn until the server has had the keys: taking
	// it back would show the stale "-- INSERT --" again.
	h.wantRow(5, ":")
	n := h.send()
	h.server("\x1b[6;1H\x1b[K\x1b[1;5H")
	h.echoAck(n)
	h.wantRow(5, "")
	h.wantRow(0, "hello")
}

func TestVimCommandLineDroppedOnceRun(t *testing.T) {
	// ":wq" and Enter in one frame: once the server has received it
	// and its screen shows the command line closed (vim left, the
	// shell's prompt is back), the command line's predictions are not
	// drawn over it, although the echo ack has not judged them yet.
	for _, tc := range []struct {
		name   string
		screen string // the server's screen after receiving the frame
		want   string // row 5
	}{
		{"vim left", "\x1b[H\x1b[2J\x1b[6;1H$ ", "$"},
		{"command line still open", "\x1b[6;1H\x1b[K:wq", ":wq"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := vimInsertHarness(t)
			h.keys("\x1b")
			h.keys(":")
			h.keys("wq")
			h.keys("\r")
			n := h.send()
			h.wantRow(5, ":wq")
			h.server(tc.screen)
			h.e.SetLocalFrameAcked(n)
			h.cull()
			h.wantRow(5, tc.want)
		})
	}
}

func TestVimWrapsAtMargin(t *testing.T) {
	// In vim's insert mode a line typed past the margin continues on a
	// new row below, so typing there is shown at once (mosh, not
	// knowing the application, waits for the echo); the continuation
	// row holds only what is typed on it.
	h := newHarness(t, Options{}, 14, 5)
	h.server("abcdefghijk\r\nnext\r\n~\r\n~\r\n-- INSERT --\x1b[1;12H")
	h.confirm("l")
	h.keys("mno")
	h.wantRow(0, "abcdefghijklmn")
	h.wantRow(1, "o")
	h.wantCursor(1, 1)
	// On the status row's doorstep vim scrolls instead: not predicted.
	h2 := newHarness(t, Options{}, 14, 5)
	h2.server("~\r\n~\r\n~\r\nabcdefghijk\r\n-- INSERT --\x1b[4;12H")
	h2.confirm("l")
	h2.keys("mn")
	h2.wantRow(3, "abcdefghijklm")
}

func TestVimNewLine(t *testing.T) {
	// Enter at the end of a line in vim's insert mode: the next row is
	// the new, empty line, and typing there is shown at once where that
	// is certain; elsewhere the engine waits for the new line as after
	// any Enter.
	for _, tc := range []struct {
		name   string
		line   string // row 0, typed up to its end
		status string // the bottom row
		want   string // row 1 after Enter and "ab"
	}{
		{"predicted", "hello", "-- INSERT --", "ab"},
		{"over text below", "hello\r\nnext", "-- INSERT --", "ab"},
		{"not in insert mode", "hello", "", "~"},
		{"indented", "  hello", "-- INSERT --", "~"},
		{"comment leader", "# hello", "-- INSERT --", "~"},
		{"smartindent", "if x {", "-- INSERT --", "~"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The line's last character is typed and confirmed.
			first, rest, _ := strings.Cut(tc.line, "\r\n")
			h := newHarness(t, Options{}, 30, 6)
			h.server("\x1b[2;1H~\r\n~\r\n~\r\n~\x1b[2;1H" + rest + "\x1b[6;1H" + tc.status)
			h.server("\x1b[1;1H" + first[:len(first)-1])
			h.confirm(first[len(first)-1:])
			h.keys("\r")
			h.keys("ab")
			if got := h.row(1); !strings.HasPrefix(got, tc.want) || tc.want == "~" && strings.Contains(got, "ab") {
				t.Fatalf("row 1 = %q, want %q", got, tc.want)
			}
			if tc.want == "ab" {
				h.wantRow(1, "ab")
				h.wantCursor(1, 2)
			}
		})
	}
}

func TestVimCommandLineRunUnechoed(t *testing.T) {
	// Given "wq" and Enter at once, vim runs the command without
	// echoing it: judged against ":" alone, the command stays drawn
	// until the command line closes, rather than flicker back to ":".
	h := vimInsertHarness(t)
	h.keys("\x1b")
	h.keys(":")
	colon := h.send()
	h.server("\x1b[6;1H\x1b[K:")
	h.echoAck(colon)
	h.keys("wq")
	h.keys("\r")
	n := h.send()
	h.echoAck(n)
	h.wantRow(5, ":wq")
	h.server("\x1b[6;1H\x1b[K\"notes.txt\" written\x1b[1;5H")
	h.cull()
	h.wantRow(5, `"notes.txt" written`)
}
