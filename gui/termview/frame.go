package termview

import (
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/predict"
)

// Frame is one picture of a session for the view to show.
type Frame struct {
	// Screen is the terminal's screen. It must be a snapshot that is no
	// longer written (a Clone of the emulator's framebuffer): the view
	// keeps its rows to find, by pointer, the rows that did not change.
	Screen *vt.Framebuffer
	// Overlay is what the prediction engine draws over Screen; unconfirmed
	// predictions are underlined.
	Overlay predict.Overlay
	// Banner, when not empty, is drawn over the top row: the connection's
	// state ("Last contact 12 s ago…") and how to quit.
	Banner string
	// History is the scrollback above Screen: its line End() would be
	// Screen's top row had that scrolled off (see session.History). The
	// view scrolls back through it and searches it; empty when there is
	// none.
	History vt.HistoryView
	// HistoryIncomplete says that lines of History may be missing; a
	// scrolled-back view says so.
	HistoryIncomplete bool
	// AltScreen says that the remote application is on the alternate
	// screen (see session.Frame): the wheel then sends it arrow keys, as
	// terminals do for pagers, unless it asked for the mouse. False when
	// unknown.
	AltScreen bool
}

// CursorShape is how the cursor is drawn.
type CursorShape uint8

// Cursor shapes.
const (
	CursorBlock CursorShape = iota
	CursorBar
	CursorUnderline
)

// cursorLook is the cursor as it is drawn in one frame.
type cursorLook uint8

const (
	cursorHidden cursorLook = iota
	cursorBlock
	cursorBar
	cursorUnderline
	cursorHollow // the block of an unfocused window
)

// cellPos is a cell's position: a virtual row (see lines) and a column.
type cellPos struct{ Row, Col int }

// before reports whether p comes before o in reading order.
func (p cellPos) before(o cellPos) bool {
	return p.Row < o.Row || p.Row == o.Row && p.Col < o.Col
}

// look is the view's state beyond the frame that changes how it is drawn.
type look struct {
	// shape and blink are the user's cursor settings, used when the
	// application has not asked for a shape (DECSCUSR 0).
	shape   CursorShape
	blink   bool
	focused bool
	// blinkOn is the blink phase: blinking text and a blinking cursor
	// are shown when it is set.
	blinkOn bool
	// selFrom and selTo bound the selection in reading order, selTo
	// excluded; equal when nothing is selected.
	selFrom, selTo cellPos
	// top is the virtual row shown on the view's first row (see lines).
	top int
	// newOutput is set while output that arrived after the view was
	// scrolled back is out of sight: the new-output badge shows.
	newOutput bool
	// marks are the search matches in view.
	marks []mark
}

// cursorLookOf returns how the cursor c is drawn under lk.
func cursorLookOf(c vt.Cursor, lk *look) cursorLook {
	if !c.Visible {
		return cursorHidden
	}
	shape, blink := lk.shape, lk.blink
	switch c.Style {
	case vt.CursorBlinkingBlock, vt.CursorSteadyBlock:
		shape, blink = CursorBlock, c.Style == vt.CursorBlinkingBlock
	case vt.CursorBlinkingUnderline, vt.CursorSteadyUnderline:
		shape, blink = CursorUnderline, c.Style == vt.CursorBlinkingUnderline
	case vt.CursorBlinkingBar, vt.CursorSteadyBar:
		shape, blink = CursorBar, c.Style == vt.CursorBlinkingBar
	}
	switch {
	case !lk.focused:
		return cursorHollow
	case blink && !lk.blinkOn:
		return cursorHidden
	case shape == CursorBar:
		return cursorBar
	case shape == CursorUnderline:
		return cursorUnderline
	}
	return cursorBlock
}

// cursorBlinks reports whether the cursor c blinks under lk's settings.
func cursorBlinks(c vt.Cursor, lk *look) bool {
	switch c.Style {
	case vt.CursorBlinkingBlock, vt.CursorBlinkingUnderline, vt.CursorBlinkingBar:
		return c.Visible
	case vt.CursorDefault:
		return c.Visible && lk.blink
	}
	return false
}
