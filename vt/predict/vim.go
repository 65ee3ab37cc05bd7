package predict

import (
	"strings"
	"time"
	"unicode"

	"github.com/roamterm/roam/vt"
)

// This file is Roam's vim improvements over mosh: the command line, and
// Enter in insert mode. (Typing past the margin in insert mode is in
// input.go: place, wrap.)
//
// Leaving vim's insert mode with Escape and typing ":" (or "/", "?") is
// among the most common things done in vim, and mosh predicts none of it:
// the Escape starts a new epoch, and the ":" with the command after it
// (":wq") is on screen only a round trip later. Yet what vim does is
// certain once the screen shows its insert mode when Escape is pressed:
// Escape returns to normal mode, and ":" clears the bottom row, draws ":"
// in column 0 and puts the cursor after it, where the command is echoed.
//
// So a lone Escape (one read of just ESC: a terminal sends an escape
// sequence in one piece) typed while the bottom row shows
// "-- INSERT --", followed directly by ":", "/" or "?" (one read of
// just that), predicts the command line at once, in an epoch that counts
// as confirmed, and the command typed after it is shown as it is typed.
// Enter (or Escape, an arrow, Tab, Backspace past the ":") ends the
// command line: the command runs, and vim redraws the row or leaves. Its
// predictions stay drawn until the screen shows the command line closed,
// and are then dropped without credit or blame; typing goes on as after
// any unpredictable key.
//
// Enter at the end of a line in insert mode opens a new, empty line
// below; where no indent or comment leader can follow (vimNewLine), that
// is predicted too, instead of waiting for the new line as after a shell
// command.

// vimCommandKeys open vim's command line (":") or search line ("/", "?")
// from normal mode.
const vimCommandKeys = ":/?"

// vimKey handles p if it is a lone Escape key, or the key that opens the
// command line after one, and reports whether it did.
func (e *Engine) vimKey(p []byte) bool {
	escaped := e.vimEscaped
	e.vimEscaped = false
	switch {
	case len(p) == 1 && p[0] == 0x1b:
		e.escapeKey(e.fb)
		return true
	case escaped && len(p) == 1 && strings.IndexByte(vimCommandKeys, p[0]) >= 0:
		e.openCommandLine(rune(p[0]), e.fb, e.now)
		return true
	}
	return false
}

// escapeKey handles a lone Escape key.
func (e *Engine) escapeKey(fb *vt.Framebuffer) {
	// Not the start of a sequence: the next read starts afresh.
	e.parser.Reset()
	e.lastByte, e.inSequence = 0, false
	e.control()
	e.vimEscaped = vimInsert(fb) && !e.tentativeActive()
}

// tentativeActive reports whether a prediction of an epoch not yet
// confirmed is outstanding.
func (e *Engine) tentativeActive() bool {
	for i := range e.rows {
		for j := range e.rows[i].cells {
			if c := &e.rows[i].cells[j]; c.active && c.tentative(e.confirmedEpoch) {
				return true
			}
		}
	}
	return false
}

// commandLine is vim's command line as predicted.
type commandLine struct {
	row int
	key rune // ":", "/" or "?"
	// left: a key ended it (in frame), but its predictions are still
	// drawn.
	left  bool
	frame uint64
}

// inCommandLine reports whether typing goes to a predicted command line.
func (e *Engine) inCommandLine() bool { return e.cmdline != nil && !e.cmdline.left }

// openCommandLine predicts vim's command line opened by key (":", "/" or
// "?") on the bottom row, shown at once.
func (e *Engine) openCommandLine(key rune, fb *vt.Framebuffer, now time.Time) {
	e.unpredictable()
	e.becomeTentative()
	e.confirmedEpoch = e.predictionEpoch
	frame, y := e.frameSent+1, fb.Height()-1
	row := e.rowFor(y, fb.Width())
	for x := range row.cells {
		cell := vt.Cell{}
		if x == 0 {
			cell.Rune = key
		}
		e.set(fb, row, x, cell, frame, now)
	}
	e.pushCursor(y, 1)
	e.cursor().expire(frame, now)
	e.cmdline = &commandLine{row: y, key: key}
}

// leaveCommandLine ends the prediction of vim's command line, if typing
// goes there: the command runs (or is cancelled), and vim redraws the row
// or leaves the screen. Its predictions stay drawn until the server has
// had the key that ends it and shows the command line closed
// (dropLeftCommandLine), and are then dropped without credit or blame:
// taking them back at once would show the stale row again for a round
// trip, and vim, given the command and Enter at once, runs it without
// echoing it.
func (e *Engine) leaveCommandLine() {
	l := e.cmdline
	if l == nil || l.left {
		return
	}
	l.left, l.frame = true, e.frameSent+1
	for i := range e.rows {
		if e.rows[i].row != l.row {
			continue
		}
		for x := range e.rows[i].cells {
			if c := &e.rows[i].cells[x]; c.active {
				c.obsolete = true
				c.expiry = max(c.expiry, l.frame)
			}
		}
	}
	e.cursors = e.cursors[:0]
}

// dropLeftCommandLine drops the predictions of a command line that was
// left, once the server has received the key that left it and the screen
// no longer shows the command line open (the cursor is off its row, or
// the row no longer starts with the command key): vim has run the command
// or left the screen, and the predictions would be drawn over what is
// there now until the echo ack judged them.
func (e *Engine) dropLeftCommandLine(fb *vt.Framebuffer) {
	l := e.cmdline
	if l == nil || !l.left || e.frameAcked < l.frame || e.commandLineOpen(fb) {
		return
	}
	e.cmdline = nil
	for i := range e.rows {
		if e.rows[i].row != l.row {
			continue
		}
		for x := range e.rows[i].cells {
			if c := &e.rows[i].cells[x]; c.obsolete {
				c.reset()
			}
		}
	}
}

// smartIndentAfter are the characters after which vim's 'smartindent' and
// 'cindent' indent the next line.
const smartIndentAfter = "{([:"

// vimNewLine predicts Enter typed at the end of a line in vim's insert
// mode, and reports whether it did: the cursor moves to column 0 of the
// next row, which vim inserts blank (pushing the lines below down). Only
// where that is certain: the current epoch is confirmed, the line starts
// in column 0 with a letter or digit (no indent for 'autoindent' to copy,
// no comment leader to continue) and does not end in an opening bracket
// or colon ('smartindent'), nothing follows the cursor, and the new row is
// above vim's status row (else vim scrolls).
func (e *Engine) vimNewLine() bool {
	fb := e.fb
	if !e.improved() || e.opts.Display == Experimental || e.await != nil || !vimInsert(fb) ||
		e.predictionEpoch != e.confirmedEpoch || e.tentativeActive() {
		return false
	}
	e.initCursor(fb)
	cur := e.cursor()
	if cur.row+1 >= fb.Height()-1 || cur.col >= fb.Width() {
		return false
	}
	row := e.rowFor(cur.row, fb.Width())
	if !restIsFiller(fb, row, cur.col) || !e.startsLine(fb, row) {
		return false
	}
	if cur.col > 0 {
		if c, ok := predicted(fb, row, cur.col-1); !ok || strings.ContainsRune(smartIndentAfter, c.Rune) {
			return false
		}
	}
	frame := e.frameSent + 1
	e.run = e.run[:0]
	e.continuation = nil
	cur.row, cur.col = cur.row+1, 0
	cur.expire(frame, e.now)
	next := e.rowFor(cur.row, fb.Width())
	for x := range next.cells {
		e.set(fb, next, x, vt.Cell{}, frame, e.now)
	}
	e.line = lineStart{row: cur.row, col: 0, known: true}
	return true
}

// startsLine reports whether row, as predicted, is the first row of a
// line that starts in column 0 with a letter or digit, or is empty: not
// the continuation of a line wrapped from the row above.
func (e *Engine) startsLine(fb *vt.Framebuffer, row *predictedRow) bool {
	if row.row > 0 && !fb.Cell(row.row-1, fb.Width()-1).IsBlank() {
		return false
	}
	if e.onContinuation(row) {
		return false
	}
	c, ok := predicted(fb, row, 0)
	if !ok {
		return false
	}
	return c.IsBlank() && restIsFiller(fb, row, 0) || unicode.IsLetter(c.Rune) || unicode.IsDigit(c.Rune)
}

// commandLineOpen reports whether fb shows the predicted command line
// open: the cursor on its row, which starts with the command key.
func (e *Engine) commandLineOpen(fb *vt.Framebuffer) bool {
	l := e.cmdline
	return l != nil && l.row < fb.Height() && fb.Cursor.Row == l.row && fb.Cell(l.row, 0).Rune == l.key
}

// runCommandLine handles Enter on vim's command line: the command runs,
// and what it shows is unknown. Once the screen is up to date, typing is
// trusted again as after a prompt that did not appear (resync).
func (e *Engine) runCommandLine() {
	e.leaveCommandLine()
	e.unpredictable()
	e.becomeTentative()
	e.rebase = true
}
