package predict

import (
	"math"
	"time"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/parser"
)

// DisplayMode says when predictions are shown (mosh's --predict).
type DisplayMode uint8

// Display modes.
const (
	// Adaptive shows predictions when the link is slow (send interval
	// above 30 ms) or after a glitch (a prediction pending ≥ 250 ms).
	Adaptive DisplayMode = iota
	// Always shows predictions whatever the link.
	Always
	// Never turns the engine off: it predicts and shows nothing.
	Never
	// Experimental always shows predictions and never holds them back
	// as tentative; a wrong prediction only drops that cell instead of
	// resetting everything.
	Experimental
)

func (m DisplayMode) String() string {
	switch m {
	case Adaptive:
		return "adaptive"
	case Always:
		return "always"
	case Never:
		return "never"
	case Experimental:
		return "experimental"
	}
	return "unknown"
}

// Options configure an Engine.
type Options struct {
	Display DisplayMode
	// Overwrite predicts typed characters as replacing the cell under
	// the cursor instead of inserting (mosh's --predict-overwrite).
	Overwrite bool
	// MoshCompatible turns off Roam's improvements over mosh 1.4 (see
	// the package documentation) and behaves exactly as mosh does.
	MoshCompatible bool
}

// Engine is the prediction engine. Create it with New.
//
// An Engine is a single-goroutine core: it is not safe for concurrent use,
// reads no clock (callers pass now) and never modifies the framebuffers it
// is given.
type Engine struct {
	opts Options

	rows    []predictedRow
	cursors []cursorPrediction

	predictionEpoch, confirmedEpoch uint64

	frameSent, frameAcked, frameLateAcked uint64
	sendInterval                          time.Duration

	srttTrigger           bool
	flagging              bool
	glitchTrigger         int
	lastQuickConfirmation time.Time
	lastCull              time.Time

	lastWidth, lastHeight int

	// Input decoding: ESC O is read as ESC [ (application cursor keys
	// are predicted as ANSI ones), the parser splits the rest.
	parser   parser.Parser
	lastByte byte
	// inSequence: the parser is inside an escape sequence, where DEL is
	// ignored rather than a backspace.
	inSequence bool
	// pasting: input is pasted text (a bracketed paste, until its end
	// marker, or a large read) and is not predicted.
	pasting   bool
	bracketed bool

	// Per-call context of NewUserInput for the parser callbacks.
	fb  *vt.Framebuffer
	now time.Time

	// line and await implement the Enter-boundary improvement
	// (enter.go).
	line  lineStart
	await *awaitPrompt
	// run is the printable input typed since the last unpredictable
	// key or arrow, for finding where a line's input began (enter.go)
	// and for resynchronising (trust.go).
	run []queued
	// settledFrame is the newest frame carrying input whose effect no
	// prediction describes (an unpredictable key, a dropped prediction):
	// until the echo ack reaches it, the screen may not show everything
	// typed.
	settledFrame uint64
	// rebase is set when the current epoch began with predictions being
	// dropped (kill, reset, an abandoned prompt wait) rather than with an
	// unpredictable key; only then may resync re-predict the run.
	rebase bool
	// knownPrompt is the last shell prompt a new line was seen to start
	// after (trust.go).
	knownPrompt string
	// vimEscaped: the last key was a lone Escape typed in vim's insert
	// mode; cmdline: vim's command line predicted on the bottom row
	// (vim.go).
	vimEscaped bool
	cmdline    *commandLine
	// continuation is the row a typed line wrapped onto (input.go).
	continuation *Position
}

// New returns an engine with no predictions. As in mosh, the first epoch
// is tentative: nothing is shown until a prediction has been confirmed.
func New(opts Options) *Engine {
	return &Engine{opts: opts, predictionEpoch: 1}
}

// Options returns the engine's options.
func (e *Engine) Options() Options { return e.opts }

// SetLocalFrameSent records the number of the newest client state sent.
// Input passed to NewUserInput after this call expires at n+1: it travels
// in the next state.
func (e *Engine) SetLocalFrameSent(n uint64) { e.frameSent = n }

// SetLocalFrameAcked records the newest client state the server has
// acknowledged. Like mosh, the engine does not use it to judge
// predictions: receipt alone does not mean the application has answered.
func (e *Engine) SetLocalFrameAcked(n uint64) { e.frameAcked = n }

// SetLocalFrameLateAcked records the server's echo ack: the newest client
// state whose input the application has had for 50 ms, so that the echo
// of that input is in the screen received with it.
func (e *Engine) SetLocalFrameLateAcked(n uint64) { e.frameLateAcked = n }

// SetSendInterval records the transport's send interval (≈ SRTT/2), which
// drives the display and underline triggers.
func (e *Engine) SetSendInterval(d time.Duration) { e.sendInterval = d }

// Reset drops every prediction and starts a new, tentative epoch. Callers
// reset on window resize; the engine resets itself on a paste, a screen
// size change and a wrong prediction that was shown.
func (e *Engine) Reset() {
	e.rows = e.rows[:0]
	e.cursors = e.cursors[:0]
	e.await = nil
	e.line = lineStart{}
	e.run = e.run[:0]
	e.unsettle(e.frameSent + 1)
	e.rebase = true
	e.vimEscaped, e.cmdline, e.continuation = false, nil, nil
	e.becomeTentative()
}

// unsettle records that input up to frame is not described by a
// prediction.
func (e *Engine) unsettle(frame uint64) { e.settledFrame = max(e.settledFrame, frame) }

// Active reports whether any prediction is outstanding.
func (e *Engine) Active() bool {
	if len(e.cursors) > 0 {
		return true
	}
	for i := range e.rows {
		for j := range e.rows[i].cells {
			if e.rows[i].cells[j].active {
				return true
			}
		}
	}
	return false
}

// timingTestsNecessary reports whether a timing trigger could still fire.
func (e *Engine) timingTestsNecessary() bool {
	return !(e.glitchTrigger > 0 && e.flagging)
}

// WaitTime returns how long the caller may sleep before it must run Cull
// and redraw again: 50 ms after the last Cull while predictions are active
// and a glitch trigger could still fire, otherwise forever
// (math.MaxInt64).
func (e *Engine) WaitTime(now time.Time) time.Duration {
	if e.opts.Display == Never || !e.timingTestsNecessary() || !e.Active() {
		return math.MaxInt64
	}
	return max(0, e.lastCull.Add(reevaluateInterval).Sub(now))
}

func (e *Engine) becomeTentative() {
	if e.opts.Display != Experimental {
		e.predictionEpoch++
	}
}

// cursor returns the newest cursor prediction; callers ensure one exists
// (initCursor).
func (e *Engine) cursor() *cursorPrediction { return &e.cursors[len(e.cursors)-1] }

// initCursor makes sure the newest cursor prediction belongs to the
// current epoch, starting from the real cursor when there is none.
func (e *Engine) initCursor(fb *vt.Framebuffer) {
	switch {
	case len(e.cursors) == 0:
		e.pushCursor(fb.Cursor.Row, fb.Cursor.Col)
	case e.cursor().epoch != e.predictionEpoch:
		c := e.cursor()
		e.pushCursor(c.row, c.col)
	}
}

func (e *Engine) pushCursor(row, col int) {
	e.cursors = append(e.cursors, cursorPrediction{
		prediction: prediction{active: true, epoch: e.predictionEpoch, expiry: e.frameSent + 1},
		row:        row,
		col:        col,
	})
}

// rowFor returns the predictions of screen row y, creating an empty set.
func (e *Engine) rowFor(y, width int) *predictedRow {
	for i := range e.rows {
		if e.rows[i].row == y {
			return &e.rows[i]
		}
	}
	r := predictedRow{row: y, cells: make([]cellPrediction, width)}
	for i := range r.cells {
		r.cells[i].epoch = e.predictionEpoch
	}
	e.rows = append(e.rows, r)
	return &e.rows[len(e.rows)-1]
}

// killEpoch drops the predictions of epoch and later ones (a tentative
// prediction for input in frame wrongFrame was wrong) and restarts the
// cursor from the real one. The typed run forgets the input up to
// wrongFrame, which evidently was not text; the later characters stay in
// the run, which still describes them, so that resync can place them
// again once the screen has caught up. (Everything the run cannot
// describe unsettled the screen when it was typed.)
func (e *Engine) killEpoch(epoch, wrongFrame uint64, fb *vt.Framebuffer) {
	kept := e.run[:0]
	for _, q := range e.run {
		if q.frame > wrongFrame {
			kept = append(kept, q)
		}
	}
	e.run = kept
	e.rebase = true
	keptCursors := e.cursors[:0]
	for _, c := range e.cursors {
		if !c.tentative(epoch - 1) {
			keptCursors = append(keptCursors, c)
		}
	}
	e.cursors = keptCursors
	e.pushCursor(fb.Cursor.Row, fb.Cursor.Col)
	for i := range e.rows {
		for j := range e.rows[i].cells {
			if c := &e.rows[i].cells[j]; c.tentative(epoch - 1) {
				c.reset()
			}
		}
	}
	if e.await != nil {
		// The line was not what was predicted, so its prompt is not
		// awaited. The type-ahead is not on screen yet; it stays in
		// the run for resync to place once the screen shows where it
		// goes.
		e.await = nil
	}
	e.becomeTentative()
}
