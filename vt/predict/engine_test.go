package predict

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestFirstEpochIsTentative(t *testing.T) {
	h := newHarness(t, Options{}, 20, 4)
	h.server("$ ")
	h.keys("a")
	h.wantRow(0, "$") // nothing shown before a confirmation
	n := h.send()
	h.server("a")
	h.echoAck(n)
	h.keys("b")
	h.wantRow(0, "$ ab")
	h.wantCursor(0, 4)
	if got := underlined(h.display(), 0); got != "..._" {
		t.Errorf("underline = %q, want the prediction underlined on a slow link", got)
	}
}

func TestSendIntervalTriggers(t *testing.T) {
	steps := []struct {
		interval    time.Duration
		active      bool
		srtt, flag  bool
		explanation string
	}{
		{20 * time.Millisecond, false, false, false, "fast link"},
		{30 * time.Millisecond, false, false, false, "30 is not above HIGH"},
		{31 * time.Millisecond, false, true, false, "above HIGH"},
		{25 * time.Millisecond, false, true, false, "hysteresis"},
		{20 * time.Millisecond, true, true, false, "LOW but a prediction is active"},
		{20 * time.Millisecond, false, false, false, "LOW and nothing active"},
		{80 * time.Millisecond, false, true, false, "80 is not above FLAG HIGH"},
		{81 * time.Millisecond, false, true, true, "above FLAG HIGH"},
		{51 * time.Millisecond, false, true, true, "flag hysteresis"},
		{50 * time.Millisecond, false, true, false, "FLAG LOW"},
	}
	h := newHarness(t, Options{}, 20, 4)
	for _, s := range steps {
		h.e.SetSendInterval(s.interval)
		h.e.cursors = h.e.cursors[:0]
		if s.active {
			h.e.pushCursor(0, 0)
		}
		h.cull()
		if h.e.srttTrigger != s.srtt || h.e.flagging != s.flag {
			t.Fatalf("%v (%s): srtt=%v flag=%v, want %v %v", s.interval, s.explanation,
				h.e.srttTrigger, h.e.flagging, s.srtt, s.flag)
		}
	}
}

func TestGlitchTrigger(t *testing.T) {
	h := newHarness(t, Options{}, 20, 4)
	h.e.SetSendInterval(20 * time.Millisecond) // fast link: not shown by SRTT
	h.server("$ ")
	h.confirm("a")
	h.keys("b")
	h.wantRow(0, "$ a")

	h.advance(249 * time.Millisecond)
	h.cull()
	if h.e.glitchTrigger != 0 {
		t.Fatalf("glitch = %d after 249 ms", h.e.glitchTrigger)
	}
	h.advance(time.Millisecond)
	h.cull()
	if h.e.glitchTrigger != glitchRepairCount {
		t.Fatalf("glitch = %d after 250 ms, want %d", h.e.glitchTrigger, glitchRepairCount)
	}
	h.wantRow(0, "$ ab") // shown now
	if got := underlined(h.display(), 0); got != "" {
		t.Fatalf("underline = %q at glitch level 10", got)
	}

	h.advance(5*time.Second - 250*time.Millisecond)
	h.cull()
	if h.e.glitchTrigger != 2*glitchRepairCount {
		t.Fatalf("glitch = %d after 5 s, want %d", h.e.glitchTrigger, 2*glitchRepairCount)
	}
	h.cull() // the trigger takes effect on flagging at the next Cull
	if got := underlined(h.display(), 0); got != "..._" {
		t.Fatalf("underline = %q after a 5 s glitch", got)
	}
	if w := h.e.WaitTime(h.now); w != math.MaxInt64 {
		t.Fatalf("WaitTime = %v with every trigger fired", w)
	}

	// A late confirmation does not repair; quick ones do, one step per
	// 150 ms at most.
	n := h.send()
	h.server("b")
	h.echoAck(n)
	if h.e.glitchTrigger != 20 {
		t.Fatalf("glitch = %d after a slow confirmation", h.e.glitchTrigger)
	}
	quick := func(c string, wait time.Duration) {
		h.advance(wait)
		h.keys(c)
		n := h.send()
		h.advance(100 * time.Millisecond)
		h.server(c)
		h.echoAck(n)
	}
	quick("c", 0)
	if h.e.glitchTrigger != 19 {
		t.Fatalf("glitch = %d after a quick confirmation, want 19", h.e.glitchTrigger)
	}
	quick("d", 0) // 100 ms after the last repair
	if h.e.glitchTrigger != 19 {
		t.Fatalf("glitch = %d, repaired within 150 ms", h.e.glitchTrigger)
	}
	quick("e", 0) // 200 ms after
	if h.e.glitchTrigger != 18 {
		t.Fatalf("glitch = %d, want 18", h.e.glitchTrigger)
	}
}

func TestWaitTime(t *testing.T) {
	h := newHarness(t, Options{}, 20, 4)
	if w := h.e.WaitTime(h.now); w != math.MaxInt64 {
		t.Fatalf("idle WaitTime = %v", w)
	}
	h.keys("a")
	if w := h.e.WaitTime(h.now); w != reevaluateInterval {
		t.Fatalf("WaitTime = %v, want %v", w, reevaluateInterval)
	}
	if w := h.e.WaitTime(h.now.Add(30 * time.Millisecond)); w != 20*time.Millisecond {
		t.Fatalf("WaitTime 30 ms later = %v", w)
	}
	if w := h.e.WaitTime(h.now.Add(time.Second)); w != 0 {
		t.Fatalf("overdue WaitTime = %v", w)
	}
}

func TestControlsMakeTentative(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		compat      bool
	}{
		{"tab", "\t", false},
		{"enter (mosh)", "\r", true},
		{"escape", "\x1bx", false},
		{"ctrl-c (mosh)", "\x03", true},
		{"up arrow", "\x1bOA", false},
		{"ctrl-right", "\x1b[1;5C", false},
		{"wide char (mosh)", "漢", true},
		{"combining", "\u0301", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{MoshCompatible: tc.compat}, 20, 4)
			h.server("$ ")
			h.confirm("a")
			before := h.e.predictionEpoch
			h.keys(tc.input)
			if h.e.predictionEpoch <= before {
				t.Fatalf("epoch %d → %d: not tentative", before, h.e.predictionEpoch)
			}
			h.keys("z")
			if strings.Contains(h.row(0), "z") || strings.Contains(h.row(1), "z") {
				t.Fatalf("tentative prediction shown: %q", screenText(h.display()))
			}
		})
	}
}

func TestUnechoedInputVanishes(t *testing.T) {
	// read -s: the application stops echoing. Predictions in the
	// confirmed epoch are shown, then vanish at the first Cull after
	// the echo ack passes their frame; the screen itself never changes.
	h := newHarness(t, Options{}, 20, 4)
	h.server("$ ")
	h.confirm("a")
	before := h.fb().Clone()
	h.keys("secret")
	h.wantRow(0, "$ asecret")
	n := h.send()
	h.advance(500 * time.Millisecond)
	h.echoAck(n - 1)
	h.wantRow(0, "$ asecret")
	h.echoAck(n)
	h.wantRow(0, "$ a")
	if !h.fb().Equal(before) {
		t.Fatal("the engine modified the framebuffer")
	}
	h.keys("x") // reset: a new tentative epoch
	h.wantRow(0, "$ a")
}

func TestUnechoedTentativeNeverShown(t *testing.T) {
	h := newHarness(t, Options{MoshCompatible: true}, 30, 4)
	h.server("$ ")
	h.confirm("read -s x")
	h.keys("\r")
	h.send()
	h.server("\r\n")
	h.keys("pw")
	n := h.send()
	for _, ack := range []uint64{n - 1, n} {
		h.echoAck(ack)
		if got := h.row(1); got != "" {
			t.Fatalf("silent input shown: %q", got)
		}
	}
}

func TestWrongPredictionResets(t *testing.T) {
	h := newHarness(t, Options{}, 20, 4)
	h.server("$ ")
	h.confirm("a")
	h.keys("bc")
	h.wantRow(0, "$ abc")
	n := h.send()
	h.server("bX")
	h.echoAck(n)
	h.wantRow(0, "$ abX")
	if h.e.Active() {
		t.Fatal("predictions survived a wrong one")
	}
	h.keys("d")
	h.wantRow(0, "$ abX") // new tentative epoch
}

func TestExperimentalMode(t *testing.T) {
	h := newHarness(t, Options{Display: Experimental}, 20, 4)
	h.server("$ ")
	h.keys("ab") // shown at once, no confirmation needed
	h.wantRow(0, "$ ab")
	n := h.send()
	h.keys("\rc") // never tentative
	h.wantRow(1, "c")
	h.send()
	h.server("aX")
	h.echoAck(n)
	// The wrong cell is dropped, the rest stays.
	h.wantRow(0, "$ aX")
	if !h.e.Active() {
		t.Fatal("experimental mode reset everything")
	}
}

func TestNeverMode(t *testing.T) {
	h := newHarness(t, Options{Display: Never}, 20, 4)
	h.server("$ ")
	h.keys("abc")
	h.cull()
	if h.e.Active() || len(h.e.Overlay(h.fb()).Cells) != 0 {
		t.Fatal("never mode predicted")
	}
	if w := h.e.WaitTime(h.now); w != math.MaxInt64 {
		t.Fatalf("WaitTime = %v", w)
	}
}

func TestAlwaysModeOnFastLink(t *testing.T) {
	h := newHarness(t, Options{Display: Always}, 20, 4)
	h.e.SetSendInterval(20 * time.Millisecond)
	h.server("$ ")
	h.confirm("a")
	h.keys("b")
	h.wantRow(0, "$ ab")
	if got := underlined(h.display(), 0); got != "" {
		t.Fatalf("underlined on a fast link: %q", got)
	}
}

func TestAdaptiveHiddenOnFastLink(t *testing.T) {
	h := newHarness(t, Options{}, 20, 4)
	h.e.SetSendInterval(20 * time.Millisecond)
	h.server("$ ")
	h.confirm("a")
	h.keys("b")
	h.wantRow(0, "$ a")
}

func TestEditing(t *testing.T) {
	// The server's screen is "$ hello world!" with the cursor after
	// "hello" (column 7); the epoch is confirmed.
	tests := []struct {
		name      string
		opts      Options
		keys      string
		want      string
		cursorCol int
	}{
		{"insert", Options{}, "X", "$ helloX world!", 8},
		{"overwrite", Options{Overwrite: true}, "X", "$ helloXworld!", 8},
		{"backspace insert", Options{}, "\x7f", "$ hell world!", 6},
		{"backspace overwrite", Options{Overwrite: true}, "\x7f", "$ hell  world!", 6},
		{"two backspaces", Options{}, "\x7f\x7f", "$ hel world!", 5},
		{"left arrow then insert", Options{}, "\x1bODX", "$ hellXo world!", 7},
		{"csi left arrow", Options{}, "\x1b[DX", "$ hellXo world!", 7},
		{"right arrow then insert", Options{}, "\x1bOCX", "$ hello Xworld!", 9},
		{"mosh insert", Options{MoshCompatible: true}, "X", "$ helloX world!", 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.opts, 20, 4)
			h.server("$ hello world")
			h.confirm("!")
			h.server("\x1b[1;8H")
			h.cull()
			h.keys(tt.keys)
			h.wantRow(0, tt.want)
			h.wantCursor(0, tt.cursorCol)
		})
	}
}

func TestInsertAtLastColumn(t *testing.T) {
	h := newHarness(t, Options{}, 10, 4)
	h.server("$ 12345")
	h.confirm("6")
	h.keys("7")               // column 8
	h.keys("8")               // column 9, the last
	h.wantRow(0, "$ 1234567") // tentative: mosh does not guess the margin
	if c := h.e.cursor(); c.row != 1 || c.col != 0 {
		t.Fatalf("predicted cursor = (%d,%d), want CR LF to (1,0)", c.row, c.col)
	}
}

func TestBackspaceShiftMarksLastColumnsUnknown(t *testing.T) {
	h := newHarness(t, Options{MoshCompatible: true}, 13, 4)
	h.server("$ abcdefghi")
	h.confirm("j")
	h.server("\x1b[1;4H") // cursor on 'b'
	h.cull()
	h.keys("\x7f")
	h.wantRow(0, "$ bcdefghijj") // the unknown column shows the old cell
	r := h.e.rowFor(0, 13)
	for col := 11; col < 13; col++ {
		if !r.cells[col].unknown {
			t.Errorf("column %d not unknown", col)
		}
	}
	if got := underlined(h.display(), 0); got != "..__________" {
		t.Errorf("underline = %q, want unknown columns flagged except the last", got)
	}
}

func TestVimFiller(t *testing.T) {
	// vim: line 1 "hello", then "~" filler rows. In experimental mode
	// (never tentative) Enter + "ab" is drawn at once: mosh pushes the
	// "~" right, which is wrong; Roam overwrites the filler.
	for _, tc := range []struct {
		compat bool
		want   string
	}{
		{true, "ab~"},
		{false, "ab"},
	} {
		h := newHarness(t, Options{Display: Experimental, MoshCompatible: tc.compat}, 20, 5)
		h.server("hello\r\n~\r\n~\r\n~\r\n-- INSERT --\x1b[1;6H")
		h.cull()
		h.keys("\rab")
		h.wantRow(1, tc.want)
		h.wantRow(2, "~")
	}
}

func TestWideCharacters(t *testing.T) {
	t.Run("predicted", func(t *testing.T) {
		h := newHarness(t, Options{}, 20, 4)
		h.server("$ ")
		h.confirm("a")
		h.keys("漢字")
		h.wantRow(0, "$ a漢字")
		h.wantCursor(0, 7)
		d := h.display()
		if c := d.Cell(0, 3); !c.Wide || c.Rune != '漢' {
			t.Fatalf("cell 3 = %+v", *c)
		}
		if c := d.Cell(0, 4); !c.WideTail {
			t.Fatalf("cell 4 = %+v", *c)
		}
		n := h.send()
		h.server("漢字")
		h.echoAck(n)
		if h.e.Active() {
			t.Fatal("echoed wide characters not confirmed")
		}
		h.keys("x")
		h.wantRow(0, "$ a漢字x")
	})
	t.Run("backspace and arrows step over", func(t *testing.T) {
		h := newHarness(t, Options{}, 20, 4)
		h.server("$ 漢字")
		h.confirm("a")
		h.keys("\x1bOD\x1bOD")
		h.wantCursor(0, 4)
		h.keys("\x7f")
		h.wantCursor(0, 2)
		h.wantRow(0, "$ 字a")
		h.keys("\x1bOC")
		h.wantCursor(0, 4)
	})
	t.Run("wraps at the margin", func(t *testing.T) {
		h := newHarness(t, Options{}, 10, 4)
		h.server("$ 123456")
		h.confirm("7") // cursor at column 9, the last
		h.keys("漢")
		if c := h.e.cursor(); c.row != 1 || c.col != 2 {
			t.Fatalf("predicted cursor = (%d,%d), want (1,2)", c.row, c.col)
		}
		h.wantRow(1, "") // wrapping is tentative
	})
	t.Run("mosh does not predict", func(t *testing.T) {
		h := newHarness(t, Options{MoshCompatible: true}, 20, 4)
		h.server("$ ")
		h.confirm("a")
		h.keys("漢")
		h.wantRow(0, "$ a")
	})
}

func TestPaste(t *testing.T) {
	long := strings.Repeat("x", pasteThreshold+1)
	for _, tc := range []struct {
		name   string
		compat bool
		input  string
		shown  string
	}{
		{"large read", false, long, "$ a"},
		{"large read (mosh)", true, long, "$ a"},
		{"exactly 100 bytes is typing", false, long[:pasteThreshold], "$ a" + long[:16]},
		{"bracketed", false, "\x1b[200~ls\x1b[201~", "$ a"},
		{"bracketed split over reads", false, "\x1b[200~l|s\x1b[201~", "$ a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{MoshCompatible: tc.compat}, 20, 4)
			h.server("$ ")
			h.confirm("a")
			for _, part := range strings.Split(tc.input, "|") {
				h.keys(part)
			}
			h.wantRow(0, tc.shown)
		})
	}
	t.Run("typing after a bracketed paste", func(t *testing.T) {
		h := newHarness(t, Options{}, 20, 4)
		h.server("$ ")
		h.confirm("a")
		h.keys("\x1b[200~ls\x1b[201~")
		n := h.send()
		h.server("ls")
		h.echoAck(n)
		h.confirm("b")
		h.keys("c")
		h.wantRow(0, "$ alsbc")
	})
}

func TestResizeResets(t *testing.T) {
	h := newHarness(t, Options{}, 20, 4)
	h.server("$ ")
	h.confirm("a")
	h.keys("b")
	h.emu.Resize(30, 4)
	h.cull()
	if h.e.Active() {
		t.Fatal("predictions survived a size change")
	}
}

func TestOverlayDoesNotModifyFramebuffer(t *testing.T) {
	h := newHarness(t, Options{}, 20, 4)
	h.server("$ 漢")
	h.confirm("a")
	h.server("\x1b[1;3H")
	h.cull()
	before := h.fb().Clone()
	h.keys("xy\x7f")
	_ = h.display()
	_ = h.e.Overlay(h.fb())
	if !h.fb().Equal(before) {
		t.Fatal("framebuffer modified")
	}
}

func TestOverlayRepairsHalfWideCharacters(t *testing.T) {
	h := newHarness(t, Options{Overwrite: true}, 20, 4)
	h.server("$ 漢字")
	h.confirm("a")
	h.server("\x1b[1;4H") // cursor on the tail of 漢
	h.cull()
	h.keys("x")
	d := h.display()
	if c := d.Cell(0, 2); c.Wide || c.Rune != 0 {
		t.Fatalf("head of the overwritten wide character left: %+v", *c)
	}
	if c := d.Cell(0, 3); c.Rune != 'x' {
		t.Fatalf("cell 3 = %+v", *c)
	}
}

func TestWrapContinuationOverwrites(t *testing.T) {
	// vim: typing past the margin wraps the line onto a continuation
	// row that vim inserts above the next line. Until the echo shows
	// it, the row still shows the next line: typing there must not
	// push that line right (mosh does, and is wrong).
	h := newHarness(t, Options{}, 10, 5)
	h.server("abcdefg\r\nnext line\x1b[1;8H")
	h.confirm("h")
	h.keys("ij") // "j" reaches the margin: the line wraps
	wrapped := h.send()
	h.keys("k")
	k := h.send()
	h.server("ij\x1b[2;1H") // the continuation row is not drawn yet
	h.echoAck(wrapped)
	h.keys("l")
	h.server("\x1b[L") // vim inserts the continuation row
	h.server("k")
	h.echoAck(k)
	h.wantRow(0, "abcdefghij")
	h.wantRow(1, "kl")
	h.wantRow(2, "next line")
	h.wantCursor(1, 2)
}

func TestBackspaceAtColumnZeroIsUnpredictable(t *testing.T) {
	// Backspace at column 0 may go back to the end of the row above (a
	// wrapped line) or nowhere: what is typed next waits for the echo.
	h := newHarness(t, Options{}, 10, 5)
	h.server("abcdefgh")
	h.confirm("i")
	h.keys("jk") // "j" wraps the line, "k" continues it on row 1
	n := h.send()
	h.server("jk")
	h.echoAck(n)
	h.keys("\x7f")
	h.wantRow(1, "")
	h.wantCursor(1, 0)
	h.keys("\x7f")
	h.keys("x")
	if got := h.row(1); strings.Contains(got, "x") {
		t.Fatalf("row 1 = %q: typed at column 0 as if Backspace did nothing", got)
	}
	h.wantRow(0, "abcdefghij")
}

func TestEnterOnBottomRowAfterInsert(t *testing.T) {
	// An insert in the middle of the line pushes blanks off the end of
	// the row: the line is still known, so once the screen scrolls its
	// predictions are not drawn over the new prompt.
	h := newHarness(t, Options{}, 20, 3)
	h.server("\r\n\r\n$ helo")
	h.confirm("!")
	h.server("\x1b[3;6H")
	h.cull()
	h.keys("l")
	h.wantRow(2, "$ hello!")
	h.keys("\r")
	h.send()
	h.server("lo!\r\nhello!\r\n$ ")
	h.cull()
	h.wantRow(0, "$ hello!")
	h.wantRow(2, "$")
}
