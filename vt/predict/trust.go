package predict

import (
	"strings"
	"unicode/utf8"

	"github.com/roamterm/roam/vt"
)

// This file is Roam's "trusted context" improvement over mosh.
//
// After anything unpredictable (a control key, a wrong guess, a reset)
// mosh shows no prediction until one made afterwards is confirmed, a round
// trip after the first key. Roam skips that wait when typing resumes in a
// context known to echo at the cursor:
//
//   - everything sent has been acknowledged past its unpredictable keys
//     (echo ack ≥ the frame of the newest one), no cell prediction is
//     outstanding and the predicted cursor is the real one: the screen is
//     up to date and the character goes where the screen says; and
//   - the text left of the cursor is a shell prompt seen before, one that
//     a new line was confirmed to start after (an Enter boundary, see
//     enter.go), or the bottom row shows vim's "-- INSERT --".
//
// Then the current epoch counts as confirmed at once. A password prompt
// never qualifies. Everything else (judging, kill, reset) is unchanged, so
// a wrong guess is still gone within a round trip.

// vimInsertMode is what vim (with 'showmode', the default) shows at the
// start of the bottom row in insert mode.
const vimInsertMode = "-- INSERT --"

// isShellPrompt reports whether p looks like a shell or REPL prompt: it
// ends in a prompt terminator and a space.
func isShellPrompt(p string) bool {
	if !strings.HasSuffix(p, " ") || utf8.RuneCountInString(p) < 2 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p[:len(p)-1])
	return strings.ContainsRune(promptTerminators, r)
}

// resync trusts the screen again after something unpredictable, when it
// is up to date and the cursor is in a context known to echo: the
// current epoch counts as confirmed, and the characters typed since that
// the server has not had long enough are predicted afresh from the real
// cursor (the tentative predictions made for them were based on an older
// screen). Those it has had must show left of the cursor.
func (e *Engine) resync(fb *vt.Framebuffer) {
	if !e.improved() || e.opts.Display == Experimental || !e.rebase ||
		e.predictionEpoch <= e.confirmedEpoch || e.frameLateAcked < e.settledFrame {
		return
	}
	row, col := fb.Cursor.Row, fb.Cursor.Col
	if !e.echoingContext(fb) {
		return
	}
	for i := range e.rows {
		for j := range e.rows[i].cells {
			if c := &e.rows[i].cells[j]; c.active && c.epoch != e.predictionEpoch {
				return // an older epoch is still being judged
			}
		}
	}
	k := 0
	for k < len(e.run) && e.run[k].frame <= e.frameLateAcked {
		k++
	}
	for _, q := range e.run[k:] {
		if !q.trusted {
			// Typed before the screen showed this context: maybe a
			// command (vim's "o"), not text.
			return
		}
	}
	k, ok := e.echoedRun(fb, row, col, k)
	if !ok {
		return
	}
	for i := range e.rows {
		for j := range e.rows[i].cells {
			e.rows[i].cells[j].reset()
		}
	}
	e.cursors = e.cursors[:0]
	e.pushCursor(row, col)
	e.confirmedEpoch = e.predictionEpoch
	e.rebase = false
	for _, q := range e.run[k:] {
		e.place(q.r, q.w, fb, q.frame, q.at)
	}
}

// echoedRun returns how many characters of the run the screen already
// shows, ending at (row, col): at least the k the server has had for
// 50 ms, perhaps some more that it echoed since. It reports false if the
// screen does not show the first k, or if it could show more than one
// number of them (typing "ll" while one "l" is on screen): then it is not
// known where the rest goes, until the echo ack says.
func (e *Engine) echoedRun(fb *vt.Framebuffer, row, col, k int) (int, bool) {
	n, found := 0, false
	for j := k; j <= len(e.run); j++ {
		if !e.runEndsAt(fb, row, col, j) {
			continue
		}
		if found {
			return 0, false
		}
		n, found = j, true
	}
	return n, found
}

// runEndsAt reports whether the first n characters of the run, as many as
// fit, are on the screen ending at (row, col).
func (e *Engine) runEndsAt(fb *vt.Framebuffer, row, col, n int) bool {
	x := col
	for i := n - 1; i >= 0 && x-e.run[i].w >= 0; i-- {
		x -= e.run[i].w
		if c := fb.Cell(row, x); c.Rune != e.run[i].r {
			return false
		}
	}
	return true
}

// echoingContext reports whether the real cursor is where typed text
// echoes: after the known shell prompt, or anywhere in vim's insert mode.
func (e *Engine) echoingContext(fb *vt.Framebuffer) bool {
	row, col := fb.Cursor.Row, fb.Cursor.Col
	if row >= fb.Height() || col > fb.Width() {
		return false
	}
	seen := rowText(fb, row, 0, col)
	if e.knownPrompt != "" && promptMatches(seen, e.knownPrompt) ||
		e.knownPrompt == "" && isShellPrompt(seen) {
		return true
	}
	return vimInsert(fb)
}

// vimInsert reports whether the bottom row shows vim's insert mode.
func vimInsert(fb *vt.Framebuffer) bool {
	return strings.HasPrefix(rowText(fb, fb.Height()-1, 0, len(vimInsertMode)), vimInsertMode)
}
