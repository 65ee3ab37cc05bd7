package predict

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roamterm/roam/vt"
)

// This file is Roam's Enter-boundary improvement over mosh.
//
// mosh starts a new, tentative epoch at every Enter (and Ctrl-C) and shows
// nothing typed after it until one of the new predictions is confirmed, a
// full round trip after the first key of the next line. Its guess for the
// new line (column 0 of the next row) is wrong for every shell prompt, so
// in practice the first round trip's worth of every line is never shown
// early.
//
// Roam instead waits for the screen to show where the new line starts.
// When Enter (or Ctrl-C) ends a line whose start is known (see inputStart),
// the engine "awaits the prompt": characters typed meanwhile are queued,
// not predicted. At each Cull, once the line's own predictions were
// confirmed (the line was echoed normally) and the server has had the
// Enter for 50 ms (echo ack ≥ its frame) or the real cursor has left the
// Enter's row, the engine looks at the real cursor row:
// if the text left of the cursor is the same prompt as the one the line
// was typed after, followed by the first k queued characters (type-ahead
// the application has already echoed), a new prompt has appeared. The
// engine then starts a fresh epoch that counts as confirmed, predicts the
// rest of the queue at the real cursor and shows it at once, as it shows
// everything typed afterwards.
//
// The prompt matches if it is the same text, or if both end in the same
// shell prompt terminator ("$ ", "# ", "% ", "> ", "❯ ", "» ") so that a
// prompt showing the current directory still matches after cd. An
// editor-like line typed from column 0 (vim insert mode, cat) has an
// empty prompt and matches only a cursor that is again at column 0.
// A password prompt ("Password: ", "[sudo] password for …: ") matches
// neither, so its silent input is never shown; neither is anything after a
// line that was not echoed.
//
// After an Enter typed in vim's insert mode (the bottom row shows
// "-- INSERT --"), a new line at column 0 in insert mode also counts,
// whatever the previous line began with.
//
// If the prompt does not appear by the time the server has had the first
// queued character for 50 ms, or the user types anything but printable
// characters and Backspace, the engine gives up: the queued characters are
// not predicted at all (mosh would guess them at column 0 of the next
// row, which is wrong for a prompt), and typing goes on as after any
// unpredictable key.

// promptTerminators are the characters that, followed by a space, end a
// shell or REPL prompt.
const promptTerminators = "$#%>❯»"

// maxQueue bounds the characters queued while awaiting a prompt, and the
// typed run.
const maxQueue = 64

// lineStart is where the user's input on the current line began: the
// prompt is the text left of it.
type lineStart struct {
	row, col int
	known    bool
}

// awaitPrompt is the state between an Enter and the new prompt.
type awaitPrompt struct {
	// frame carries the Enter.
	frame uint64
	// prompt is the text left of where the line's input began, in
	// columns [0, promptEnd).
	prompt    string
	promptEnd int
	// lineEpoch is the epoch of the line's predictions, which must be
	// confirmed before the prompt is trusted.
	lineEpoch uint64
	// cursor is the predicted cursor when the Enter was typed.
	cursor Position
	// editor: the Enter was typed in vim's insert mode, so a new line at
	// column 0 continues the text.
	editor bool
	// lineText is the Enter's row as predicted, when that is the bottom
	// row and no row above shows the same: finding it higher up later
	// means the screen scrolled (see scrolledLine).
	lineText string
	queue    []queued
}

// queued is a typed character: queued while awaiting the prompt, or part
// of the typed run.
type queued struct {
	r     rune
	w     int
	frame uint64
	at    time.Time
	// trusted: typed while the screen showed a context known to echo
	// (trust.go), or right after such a character.
	trusted bool
}

// noteLineStart records (row, col) as the start of the line's input when a
// character is predicted there, if the start of this row's input is not
// known yet and the prediction is made at the real cursor with nothing
// else predicted on the row: then everything left of it was on screen
// before the user typed.
func (e *Engine) noteLineStart(row, col int, fb *vt.Framebuffer) {
	if e.line.known && e.line.row == row {
		return
	}
	e.line.known = false
	if fb.Cursor.Row != row || fb.Cursor.Col != col {
		return
	}
	for i := range e.rows {
		if e.rows[i].row != row {
			continue
		}
		for j := range e.rows[i].cells {
			if e.rows[i].cells[j].active {
				return
			}
		}
	}
	e.line = lineStart{row: row, col: col, known: true}
}

// inputStart returns the column where the input of the line ending at
// cur began: the recorded line start, or, further left, the start of the
// longest run of just-typed characters that the row (as predicted) shows
// left of cur. The latter finds the start of a line whose first
// characters were typed before the engine could predict them.
func (e *Engine) inputStart(fb *vt.Framebuffer, cur Position) (int, bool) {
	start, ok := -1, false
	if e.line.known && e.line.row == cur.Row && e.line.col <= cur.Col {
		start, ok = e.line.col, true
	}
	row := e.rowFor(cur.Row, fb.Width())
	col := cur.Col
	for i := len(e.run) - 1; i >= 0; i-- {
		next := col - e.run[i].w
		if next < 0 {
			break
		}
		c, known := predicted(fb, row, next)
		if !known || c.Rune != e.run[i].r {
			break
		}
		col = next
	}
	if col < cur.Col && (!ok || col < start) {
		start, ok = col, true
	}
	return start, ok
}

// carriageReturn handles Enter.
func (e *Engine) carriageReturn() {
	if e.inCommandLine() {
		e.runCommandLine()
		return
	}
	if e.vimNewLine() {
		return
	}
	if !e.awaitNewPrompt() {
		e.newlineCarriageReturn(e.fb, e.frameSent+1, e.now)
	}
}

// interrupt handles Ctrl-C, after which a shell prints a new prompt.
func (e *Engine) interrupt() { e.awaitNewPrompt() }

// awaitNewPrompt starts awaiting the prompt that follows Enter or Ctrl-C
// and reports whether it does; if the line's start is unknown, the engine
// becomes tentative instead, as mosh's does.
func (e *Engine) awaitNewPrompt() bool {
	if e.await != nil {
		e.abandonAwait()
	}
	armed := e.armAwait()
	e.unpredictable()
	if !armed {
		e.becomeTentative()
	}
	return armed
}

// armAwait starts awaiting the prompt, if the line's start is known.
func (e *Engine) armAwait() bool {
	fb := e.fb
	if !e.improved() || e.opts.Display == Experimental {
		return false
	}
	cur := Position{fb.Cursor.Row, fb.Cursor.Col}
	if len(e.cursors) > 0 {
		cur = Position{e.cursor().row, e.cursor().col}
	}
	if cur.Row >= fb.Height() || cur.Col > fb.Width() {
		return false
	}
	start, ok := e.inputStart(fb, cur)
	if !ok {
		return false
	}
	e.await = &awaitPrompt{
		frame:     e.frameSent + 1,
		prompt:    rowText(fb, cur.Row, 0, start),
		promptEnd: start,
		lineEpoch: e.predictionEpoch,
		cursor:    cur,
		editor:    vimInsert(fb),
	}
	if e.await.editor {
		e.splitLine(cur)
	}
	if cur.Row == fb.Height()-1 {
		if text, ok := e.predictedRowText(fb, cur.Row); ok && text != "" && !rowShown(fb, text, cur.Row) {
			e.await.lineText = text
		}
	}
	e.line.known = false
	e.becomeTentative()
	return true
}

// splitLine handles Enter in vim's insert mode: the text right of the
// cursor moves to a new line, so the predictions there no longer describe
// the row and are dropped (the screen's cells stand until the echo).
func (e *Engine) splitLine(cur Position) {
	for i := range e.rows {
		if e.rows[i].row != cur.Row {
			continue
		}
		for col := cur.Col; col < len(e.rows[i].cells); col++ {
			e.rows[i].cells[col].reset()
		}
	}
}

// predictedRowText returns row y as predicted, right-trimmed, and false
// if a cell's future is unknown. A cell made unknown by an insert that
// pushed only blanks off the end of the row is blank.
func (e *Engine) predictedRowText(fb *vt.Framebuffer, y int) (string, bool) {
	row := e.rowFor(y, fb.Width())
	var b strings.Builder
	for x := 0; x < fb.Width(); x++ {
		c, known := predicted(fb, row, x)
		switch {
		case !known && fb.Cell(y, x).IsBlank() && blankFrom(fb, row, x):
			b.WriteByte(' ')
		case !known:
			return "", false
		case c.WideTail:
		case c.IsBlank():
			b.WriteByte(' ')
		default:
			b.WriteRune(c.Rune)
			b.WriteString(c.Comb)
		}
	}
	return strings.TrimRight(b.String(), " "), true
}

// blankFrom reports whether the screen's cells x… of row are all blank,
// so that shifting them right loses nothing.
func blankFrom(fb *vt.Framebuffer, row *predictedRow, x int) bool {
	for ; x < len(row.cells); x++ {
		if !fb.Cell(row.row, x).IsBlank() {
			return false
		}
	}
	return true
}

// rowShown reports whether a row above row `below` shows text (trimmed).
func rowShown(fb *vt.Framebuffer, text string, below int) bool {
	for y := range below {
		if strings.TrimRight(rowText(fb, y, 0, fb.Width()), " ") == text {
			return true
		}
	}
	return false
}

// scrolledLine handles an Enter typed on the bottom row once the screen
// shows the line one or more rows higher: the screen scrolled, and the
// line's predictions, still waiting for their echo ack, would otherwise
// be drawn over whatever is on the bottom row now (the new prompt). They
// were right; they are dropped without credit.
func (e *Engine) scrolledLine(fb *vt.Framebuffer) {
	a := e.await
	if a.lineText == "" || !rowShown(fb, a.lineText, a.cursor.Row) {
		return
	}
	a.lineText = ""
	for i := range e.rows {
		if e.rows[i].row != a.cursor.Row {
			continue
		}
		for col := range e.rows[i].cells {
			e.rows[i].cells[col].reset()
		}
	}
}

// redrawnLine handles a line whose prompt is gone from its row and every
// row above (where scrolling would have moved it) once the server has
// received the Enter: what ran redrew the screen (vim, clear, less), and
// the line's predictions still waiting for their echo ack would be drawn
// over it. The engine resets at once, as it would once they were judged
// wrong.
func (e *Engine) redrawnLine(fb *vt.Framebuffer) {
	a := e.await
	if e.confirmedEpoch < a.lineEpoch || e.frameAcked < a.frame || a.cursor.Row >= fb.Height() {
		// Not drawn (the line has earned no credit yet: judging
		// decides), or not known to have run.
		return
	}
	for y := a.cursor.Row; y >= 0; y-- {
		if rowText(fb, y, 0, a.promptEnd) == a.prompt {
			return
		}
	}
	// No prompt will follow the line either; what was typed meanwhile
	// went to what ran (vim's "A" is a command).
	e.Reset()
}

// queue records a character typed while awaiting the prompt. It returns
// false if the queue is full.
func (e *Engine) queue(r rune, w int) bool {
	a := e.await
	if len(a.queue) >= maxQueue {
		return false
	}
	a.queue = append(a.queue, queued{r: r, w: w, frame: e.frameSent + 1, at: e.now})
	return true
}

// unqueue handles Backspace while awaiting the prompt: it takes back the
// last queued character and reports whether there was one.
func (e *Engine) unqueue() bool {
	a := e.await
	if len(a.queue) == 0 {
		return false
	}
	a.queue = a.queue[:len(a.queue)-1]
	return true
}

// checkAwait looks for the new prompt (Cull, after the predictions were
// judged).
func (e *Engine) checkAwait(fb *vt.Framebuffer, now time.Time) {
	a := e.await
	// The prompt can be trusted once the server has had the Enter for
	// 50 ms, or as soon as the cursor has left the Enter's row (proof
	// that the Enter was processed) if the line already earned credit.
	movedOn := fb.Cursor.Row > a.cursor.Row && e.confirmedEpoch >= a.lineEpoch
	if e.frameLateAcked < a.frame && !movedOn {
		return
	}
	if e.confirmedEpoch < a.lineEpoch {
		// Every prediction of the line has been judged and none was
		// confirmed: the line was not echoed (a password?).
		e.abandonAwait()
		return
	}
	if anchor, k, ok := e.findPrompt(fb, a); ok {
		e.await = nil
		e.becomeTentative()
		e.confirmedEpoch = e.predictionEpoch
		e.cursors = e.cursors[:0]
		e.pushCursor(fb.Cursor.Row, fb.Cursor.Col)
		e.line = lineStart{row: fb.Cursor.Row, col: anchor, known: true}
		if p := rowText(fb, fb.Cursor.Row, 0, anchor); isShellPrompt(p) {
			e.knownPrompt = p
		}
		for _, q := range a.queue[k:] {
			e.place(q.r, q.w, fb, q.frame, now)
		}
		return
	}
	if len(a.queue) > 0 && a.queue[0].frame <= e.frameLateAcked {
		// The application has had type-ahead for 50 ms and it does
		// not follow a prompt.
		e.abandonAwait()
	}
}

// findPrompt looks for the prompt followed by already echoed queued
// characters left of the real cursor. It returns the column where the new
// line's input starts and how many queued characters are already on
// screen.
func (e *Engine) findPrompt(fb *vt.Framebuffer, a *awaitPrompt) (anchor, k int, ok bool) {
	row, col := fb.Cursor.Row, fb.Cursor.Col
	if row >= fb.Height() || col > fb.Width() {
		return 0, 0, false
	}
	echoed := 0
	for _, q := range a.queue {
		echoed += q.w
	}
	for k = len(a.queue); k >= 0; k-- {
		if k < len(a.queue) {
			// Characters the application has had for 50 ms must
			// be on screen already.
			if a.queue[k].frame <= e.frameLateAcked {
				return 0, 0, false
			}
			echoed -= a.queue[k].w
		}
		anchor = col - echoed
		if anchor < 0 || !queuedOnScreen(fb, row, anchor, a.queue[:k]) {
			continue
		}
		seen := rowText(fb, row, 0, anchor)
		if promptMatches(seen, a.prompt) || (a.editor && seen == "" && vimInsert(fb)) {
			return anchor, k, true
		}
	}
	return 0, 0, false
}

// queuedOnScreen reports whether row shows qs from column col on.
func queuedOnScreen(fb *vt.Framebuffer, row, col int, qs []queued) bool {
	for _, q := range qs {
		if col+q.w > fb.Width() {
			return false
		}
		c := fb.Cell(row, col)
		if c.Rune != q.r || c.Comb != "" || c.Wide != (q.w == 2) {
			return false
		}
		col += q.w
	}
	return true
}

// promptMatches reports whether seen, the text left of a new line's input,
// is the prompt want that the previous line was typed after.
func promptMatches(seen, want string) bool {
	if seen == want {
		return true
	}
	if utf8.RuneCountInString(seen) < 2 || utf8.RuneCountInString(want) < 2 ||
		!strings.HasSuffix(seen, " ") || !strings.HasSuffix(want, " ") {
		return false
	}
	s, _ := utf8.DecodeLastRuneInString(seen[:len(seen)-1])
	w, _ := utf8.DecodeLastRuneInString(want[:len(want)-1])
	return s == w && strings.ContainsRune(promptTerminators, s)
}

// rowText returns the text of cells [from, to) of row y, blanks as spaces.
func rowText(fb *vt.Framebuffer, y, from, to int) string {
	var b strings.Builder
	for x := from; x < to && x < fb.Width(); x++ {
		c := fb.Cell(y, x)
		switch {
		case c.WideTail:
		case c.IsBlank():
			b.WriteByte(' ')
		default:
			b.WriteRune(c.Rune)
			b.WriteString(c.Comb)
		}
	}
	return b.String()
}

// abandonAwait gives up waiting for the prompt. The queued characters are
// not predicted: where they went is unknown, and mosh's guess (column 0 of
// the next row) is wrong for a prompt and dangerous for a password. They
// show when echoed, or once the screen proves where they go: they are
// still the typed run, which resync places only after the ones the server
// has had are seen echoed (trust.go). The line's cursor predictions, made
// obsolete by the Enter, are dropped.
func (e *Engine) abandonAwait() {
	e.await = nil
	e.cursors = e.cursors[:0]
	e.rebase = true
}
