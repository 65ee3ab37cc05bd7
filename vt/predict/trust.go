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
//     enter.go), or the bottom row shows vim's "-- INSERT --"; and
//   - what was typed since (the run) is text: it was typed while the
//     screen showed that context, or, for the known shell prompt, none of
//     it has reached the application yet (type-ahead into the prompt);
//     or else the screen proves it: the part the application has had is
//     echoed at the cursor, on a row that starts with the known prompt or
//     in vim's insert mode (lineEchoed).
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
	if row >= fb.Height() || col > fb.Width() {
		return
	}
	for i := range e.rows {
		for j := range e.rows[i].cells {
			if c := &e.rows[i].cells[j]; c.active && c.epoch != e.predictionEpoch {
				return // an older epoch is still being judged
			}
		}
	}
	acked := 0
	for acked < len(e.run) && e.run[acked].frame <= e.frameLateAcked {
		acked++
	}
	k, ok := e.echoedRun(fb, row, col, acked)
	if !ok || !e.contextEchoes(fb, acked) && !e.lineEchoed(fb, row, col, acked, k) {
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

// contextEchoes reports whether the cursor is in a context known to echo
// (echoingContext) and the run, as far as the application has not had it
// for 50 ms (from the acked-th character on), can be trusted to be text:
// it was typed while the screen showed such a context, or none of it has
// reached the application yet and the cursor is right after the shell
// prompt learnt from an echoed line, so all of it is type-ahead into that
// prompt (the screen is up to date with every key before the run, so the
// prompt belongs to whatever reads them next).
func (e *Engine) contextEchoes(fb *vt.Framebuffer, acked int) bool {
	if !e.echoingContext(fb) {
		return false
	}
	return e.runTrusted(acked) || acked == 0 && e.knownPrompt != "" && !vimInsert(fb)
}

// runTrusted reports whether the characters of the run from the n-th on
// were all typed while the screen showed a context known to echo. One
// typed before may have been a command (vim's "o"), not text.
func (e *Engine) runTrusted(n int) bool {
	for _, q := range e.run[n:] {
		if !q.trusted {
			return false
		}
	}
	return true
}

// lineEchoed reports whether the screen proves that the run is being
// echoed as text, although some of it was typed before the screen showed
// a context known to echo (type-ahead after a password's Enter, text
// typed right after vim's "A"): the application has had at least one
// character of the run (acked) for 50 ms, the first k characters are on
// screen ending at (row, col), and the row begins with the known shell
// prompt or vim shows its insert mode. Had a command key (vim's "o",
// readline's vi mode) been among them, the echo would not line up with
// the run; the rest of the run, all printable, goes where the echoed
// part went.
func (e *Engine) lineEchoed(fb *vt.Framebuffer, row, col, acked, k int) bool {
	if acked == 0 {
		return false
	}
	if vimInsert(fb) {
		return true
	}
	if e.knownPrompt == "" {
		return false
	}
	start := col
	for _, q := range e.run[:k] {
		start -= q.w
	}
	return start >= 0 && startsWithPrompt(rowText(fb, row, 0, start), e.knownPrompt)
}

// startsWithPrompt reports whether text begins with a shell prompt that
// matches known (promptMatches): known itself, or the text up to its
// first prompt terminator and space.
func startsWithPrompt(text, known string) bool {
	if strings.HasPrefix(text, known) {
		return true
	}
	for i, r := range text {
		if strings.ContainsRune(promptTerminators, r) {
			end := i + utf8.RuneLen(r)
			if strings.HasPrefix(text[end:], " ") {
				return promptMatches(text[:end+1], known)
			}
		}
	}
	return false
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
