package predict

import (
	"time"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/parser"
)

// NewUserInput predicts the effect of one read of user input, p, typed at
// now on top of fb, the newest screen received from the server. Call
// SetLocalFrameSent first.
//
// A read of more than 100 bytes is a paste: the engine resets and predicts
// nothing (as mosh does). Unless MoshCompatible is set, so is everything
// between a bracketed paste's ESC [ 200 ~ and ESC [ 201 ~, whatever its
// length.
func (e *Engine) NewUserInput(p []byte, fb *vt.Framebuffer, now time.Time) {
	if e.opts.Display == Never || len(p) == 0 {
		return
	}
	e.Cull(fb, now)
	e.fb, e.now = fb, now
	defer func() { e.fb = nil }()

	bulk := len(p) > pasteThreshold
	if bulk {
		e.Reset()
		if e.opts.MoshCompatible {
			return
		}
	}
	e.pasting = bulk || e.bracketed
	if e.improved() && !e.pasting && e.opts.Display != Experimental && e.vimKey(p) {
		return
	}
	h := inputHandler{e}
	for i := 0; i < len(p); i++ {
		if e.opts.Display == Experimental {
			e.predictionEpoch = e.confirmedEpoch
		}
		b := p[i]
		if e.lastByte == 0x1b && b == 'O' {
			b = '['
		}
		e.lastByte = b
		switch {
		case b == 0x7f && !e.inSequence:
			if !e.pasting {
				e.backspace(fb)
			}
		case b == 0x1b:
			e.inSequence = true
			e.parser.Parse(h, []byte{b})
		default:
			e.parser.Parse(h, []byte{b})
		}
		e.pasting = bulk || e.bracketed
	}
}

// inputHandler receives the parsed user input.
type inputHandler struct{ e *Engine }

var _ parser.Handler = inputHandler{}

func (h inputHandler) Print(r rune) {
	h.e.inSequence = false
	if !h.e.pasting {
		h.e.printable(r)
	}
}

func (h inputHandler) PrintASCII(s []byte) {
	for _, b := range s {
		h.Print(rune(b))
	}
}

func (h inputHandler) Execute(c byte) {
	e := h.e
	e.inSequence = false
	if e.pasting {
		return
	}
	switch {
	case c == '\r':
		e.carriageReturn()
	case c == 0x03 && e.improved():
		e.interrupt()
	default:
		e.control()
	}
}

func (h inputHandler) ESCDispatch(inter []byte, final byte) {
	e := h.e
	e.inSequence = false
	if !e.pasting {
		e.control()
	}
}

func (h inputHandler) OSCDispatch(data []byte) {
	e := h.e
	e.inSequence = false
	if !e.pasting {
		e.control()
	}
}

func (h inputHandler) CSIDispatch(p *parser.Params, inter []byte, final byte) {
	e := h.e
	e.inSequence = false
	if final == '~' && len(inter) == 0 && p.Len() == 1 && !e.opts.MoshCompatible {
		switch p.Get(0, 0) {
		case 200:
			e.Reset()
			e.bracketed, e.pasting = true, true
			return
		case 201:
			e.bracketed = false
			return
		}
	}
	if e.pasting {
		return
	}
	// mosh treats any CSI C / CSI D as a plain arrow; a modified arrow
	// (ESC [ 1 ; 5 C, a word move) is not one.
	plain := len(inter) == 0 && (e.opts.MoshCompatible || p.Len() == 0 || (p.Len() == 1 && p.Get(0, 1) == 1))
	switch {
	case plain && final == 'C':
		e.arrow(+1)
	case plain && final == 'D':
		e.arrow(-1)
	default:
		e.control()
	}
}

// improved reports whether Roam's improvements over mosh are on.
func (e *Engine) improved() bool { return !e.opts.MoshCompatible }

// control handles input whose effect cannot be predicted: the engine
// becomes tentative, so later predictions are shown only once one of them
// is confirmed.
func (e *Engine) control() {
	if e.await != nil {
		e.abandonAwait()
	}
	e.leaveCommandLine()
	e.unpredictable()
	e.becomeTentative()
}

// unpredictable records a key whose effect is not predicted: it ends the
// typed run, and the screen is not trusted until the server has had it.
func (e *Engine) unpredictable() {
	e.continuation = nil
	e.run = e.run[:0]
	e.unsettle(e.frameSent + 1)
	e.rebase = false
}

// printable predicts a graphic character typed by the user.
func (e *Engine) printable(r rune) {
	w := vt.Width(r)
	if len(e.run) >= maxQueue {
		// The forgotten start of the run no longer describes its
		// input.
		cut := len(e.run) - maxQueue/2
		e.unsettle(e.run[cut-1].frame)
		e.run = append(e.run[:0], e.run[cut:]...)
	}
	if w == 1 || w == 2 {
		trusted := len(e.run) > 0 && e.run[len(e.run)-1].trusted || e.echoingContext(e.fb)
		e.run = append(e.run, queued{r: r, w: w, frame: e.frameSent + 1, at: e.now, trusted: trusted})
	} else {
		e.unpredictable()
	}
	if e.await != nil {
		if (w == 1 || w == 2) && e.queue(r, w) {
			return
		}
		e.abandonAwait()
	}
	if w == 1 || (w == 2 && e.improved()) {
		e.place(r, w, e.fb, e.frameSent+1, e.now)
		return
	}
	// Combining, unprintable or (for mosh) wide: unknown effect.
	e.becomeTentative()
}

// place predicts character r of width w at the predicted cursor, with
// the predictions expiring at frame.
func (e *Engine) place(r rune, w int, fb *vt.Framebuffer, frame uint64, now time.Time) {
	e.initCursor(fb)
	width := fb.Width()
	cur := e.cursor()
	if w > width {
		e.becomeTentative()
		return
	}
	if e.improved() && cur.col+w > width {
		// A wide character does not fit: the emulator wraps first.
		e.becomeTentative()
		e.wrap(fb, frame, now)
		cur = e.cursor()
	}
	e.noteLineStart(cur.row, cur.col, fb)
	// The character reaches the last column, where applications differ
	// (a shell prints it, emacs a continuation mark); vim's insert mode
	// wraps the line onto a new row below, unless that is its status
	// row (then it scrolls).
	// (vimInsert reads the bottom row: only at the margin.)
	atMargin := cur.col+w >= width
	vimWraps := atMargin && e.improved() && w == 1 && vimInsert(fb) && cur.row+1 < fb.Height()-1
	if atMargin && !vimWraps {
		e.becomeTentative()
	}
	row := e.rowFor(cur.row, width)
	if e.onContinuation(row) && cur.col == 0 {
		e.continueLine(fb, row, frame, now)
	}
	if !e.overwriteAt(fb, row, cur.col) {
		e.shiftRight(fb, row, cur.col, w, frame, now)
	}
	rend := fb.Pen
	if cur.col > 0 {
		if left := &row.cells[cur.col-1]; left.active && !left.unknown {
			rend = left.replacement.Rend
		} else {
			rend = fb.Cell(cur.row, cur.col-1).Rend
		}
	}
	e.set(fb, row, cur.col, vt.Cell{Rune: r, Rend: rend, Wide: w == 2}, frame, now)
	if w == 2 {
		e.set(fb, row, cur.col+1, vt.Cell{Rend: rend, WideTail: true}, frame, now)
	}
	cur = e.cursor()
	cur.expire(frame, now)
	if cur.col+w < width {
		cur.col += w
		return
	}
	if !vimWraps {
		e.becomeTentative()
	}
	if e.improved() {
		e.wrap(fb, frame, now)
		return
	}
	e.newlineCarriageReturn(fb, frame, now)
}

// wrap predicts typing past the right margin: the cursor moves to the
// start of the next row, which becomes the line's continuation: it holds
// only what is typed there (continueLine). A shell's rows below its
// prompt are blank anyway; vim inserts a new screen row for the
// continuation once a character is on it, pushing the next line down, so
// inserting into (and shifting) the row's old contents would be wrong
// (mosh does that).
func (e *Engine) wrap(fb *vt.Framebuffer, frame uint64, now time.Time) {
	e.newlineCarriageReturn(fb, frame, now)
	e.continuation = &Position{e.cursor().row, 0}
}

// continueLine predicts the rest of a continuation row blank when the
// first character is typed on it (until then, vim shows the cursor over
// the next line, which stays where it is). Typing on the row overwrites
// until the line ends, also once these blanks have been judged and
// dropped, perhaps before the echo shows the row.
func (e *Engine) continueLine(fb *vt.Framebuffer, row *predictedRow, frame uint64, now time.Time) {
	for x := 1; x < len(row.cells); x++ {
		if !row.cells[x].active {
			e.set(fb, row, x, vt.Cell{Rend: fb.Cell(row.row, x).Rend}, frame, now)
		}
	}
}

// set predicts the contents of one cell in the current epoch.
func (e *Engine) set(fb *vt.Framebuffer, row *predictedRow, col int, cell vt.Cell, frame uint64, now time.Time) {
	c := &row.cells[col]
	c.resetWithOrig()
	c.active = true
	c.epoch = e.predictionEpoch
	c.expire(frame, now)
	c.addOriginal(*fb.Cell(row.row, col))
	c.replacement = cell
}

// predicted returns what cell col of row is predicted to hold (its
// prediction, or the screen's cell), and false if that is unknown.
func predicted(fb *vt.Framebuffer, row *predictedRow, col int) (vt.Cell, bool) {
	if c := &row.cells[col]; c.active {
		return c.replacement, !c.unknown
	}
	return *fb.Cell(row.row, col), true
}

// overwriteAt reports whether a character typed at col replaces the cell
// instead of pushing the rest of the row right: always with the Overwrite
// option, and (an improvement over mosh) when everything from col to the
// end of the row is blank or is a vim "~" filler row, where inserting and
// overwriting look the same except that mosh's shift would push the
// filler right and make the prediction wrong (mosh issue #197).
func (e *Engine) overwriteAt(fb *vt.Framebuffer, row *predictedRow, col int) bool {
	if e.opts.Overwrite {
		return true
	}
	if !e.improved() {
		return false
	}
	return e.onContinuation(row) || restIsFiller(fb, row, col)
}

// onContinuation reports whether row continues a line that wrapped there
// (wrap), as far as the predictions know.
func (e *Engine) onContinuation(row *predictedRow) bool {
	return e.continuation != nil && e.continuation.Row == row.row
}

// restIsFiller reports whether cells col… of row are all blank, treating
// a "~" in column 0 of an otherwise blank row (vim's filler for lines past
// the end of the buffer) as blank.
func restIsFiller(fb *vt.Framebuffer, row *predictedRow, col int) bool {
	for i := col; i < len(row.cells); i++ {
		c, known := predicted(fb, row, i)
		if !known {
			return false
		}
		if c.IsBlank() || (i == 0 && c.Rune == '~' && c.Comb == "") {
			continue
		}
		return false
	}
	return true
}

// shiftRight predicts the insert of w cells at col: the cells to the right
// move w columns right and the last w columns become unknown.
func (e *Engine) shiftRight(fb *vt.Framebuffer, row *predictedRow, col, w int, frame uint64, now time.Time) {
	width := len(row.cells)
	for i := width - 1; i >= col+w; i-- {
		c := &row.cells[i]
		c.resetWithOrig()
		c.active = true
		c.epoch = e.predictionEpoch
		c.expire(frame, now)
		c.addOriginal(*fb.Cell(row.row, i))
		if i >= width-w {
			c.unknown = true
			continue
		}
		if from := &row.cells[i-w]; from.active {
			c.unknown = from.unknown
			if !from.unknown {
				c.replacement = from.replacement
			}
		} else {
			c.unknown = false
			c.replacement = *fb.Cell(row.row, i-w)
		}
	}
}

// backspace predicts DEL: the cursor moves left and the rest of the row
// moves left with it (insert mode) or the cell is blanked (overwrite).
func (e *Engine) backspace(fb *vt.Framebuffer) {
	if e.inCommandLine() && len(e.cursors) > 0 && e.cursor().col <= 1 {
		// Backspace over the ":" leaves the command line.
		e.control()
		return
	}
	if n := len(e.run); n > 0 {
		e.run = e.run[:n-1]
	}
	// The run no longer describes the erased character, which the
	// screen may show until the server has had the Backspace too.
	e.unsettle(e.frameSent + 1)
	if e.await != nil {
		if e.unqueue() {
			return
		}
		e.abandonAwait()
	}
	e.initCursor(fb)
	cur := e.cursor()
	row := e.rowFor(cur.row, fb.Width())
	if cur.col == 0 {
		if e.improved() {
			// Where the cursor goes is not known: back to the end of
			// the row above, if the line wrapped there (vim, a
			// shell), or nowhere. mosh predicts nothing and goes on
			// typing at column 0, in the same epoch.
			e.control()
		}
		return
	}
	w := 1
	if e.improved() && cur.col >= 2 {
		if c, ok := predicted(fb, row, cur.col-1); ok && c.WideTail {
			w = 2
		}
	}
	frame, now := e.frameSent+1, e.now
	cur.col -= w
	cur.expire(frame, now)
	if e.opts.Overwrite || (e.improved() && (e.onContinuation(row) || restIsFiller(fb, row, cur.col+w))) {
		for i := cur.col; i < cur.col+w; i++ {
			blank := *fb.Cell(row.row, i)
			blank.Rune, blank.Comb, blank.Wide, blank.WideTail = ' ', "", false, false
			e.set(fb, row, i, blank, frame, now)
		}
		return
	}
	width := fb.Width()
	for i := cur.col; i < width; i++ {
		c := &row.cells[i]
		c.resetWithOrig()
		c.active = true
		c.epoch = e.predictionEpoch
		c.expire(frame, now)
		c.addOriginal(*fb.Cell(row.row, i))
		if i+w+1 >= width {
			c.unknown = true
			continue
		}
		if from := &row.cells[i+w]; from.active {
			c.unknown = from.unknown
			if !from.unknown {
				c.replacement = from.replacement
			}
		} else {
			c.unknown = false
			c.replacement = *fb.Cell(row.row, i+w)
		}
	}
}

// arrow predicts a left (-1) or right (+1) cursor key.
func (e *Engine) arrow(dir int) {
	fb := e.fb
	if e.await != nil {
		e.abandonAwait()
	}
	e.run = e.run[:0]
	// The run no longer describes where typing goes.
	e.unsettle(e.frameSent + 1)
	e.initCursor(fb)
	cur := e.cursor()
	step := 1
	if e.improved() {
		row := e.rowFor(cur.row, fb.Width())
		// readline and vim step over a double-width character at once.
		if dir > 0 {
			if c, ok := predicted(fb, row, cur.col); ok && c.Wide {
				step = 2
			}
		} else if cur.col >= 2 {
			if c, ok := predicted(fb, row, cur.col-1); ok && c.WideTail {
				step = 2
			}
		}
	}
	switch {
	case dir > 0 && cur.col+step <= fb.Width()-1:
		cur.col += step
	case dir < 0 && cur.col-step >= 0:
		cur.col -= step
	default:
		return
	}
	cur.expire(e.frameSent+1, e.now)
}

// newlineCarriageReturn predicts the cursor moving to the start of the
// next row. On the bottom row it predicts a blank row instead of a scroll,
// as mosh does.
func (e *Engine) newlineCarriageReturn(fb *vt.Framebuffer, frame uint64, now time.Time) {
	e.initCursor(fb)
	cur := e.cursor()
	cur.col = 0
	if cur.row < fb.Height()-1 {
		cur.row++
		return
	}
	row := e.rowFor(cur.row, fb.Width())
	for i := range row.cells {
		c := &row.cells[i]
		c.active = true
		c.epoch = e.predictionEpoch
		c.expire(frame, now)
		c.replacement.Rune, c.replacement.Comb = 0, ""
		c.replacement.Wide, c.replacement.WideTail = false, false
	}
}
