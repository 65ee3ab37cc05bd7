package predict

import (
	"time"

	"github.com/roamterm/roam/vt"
)

// validity is the verdict on one prediction against the received screen.
type validity uint8

const (
	// pending: the server has not yet acknowledged having the input
	// for long enough (echo ack < expiry frame).
	pending validity = iota
	// correct: the screen shows what was predicted, and it did not
	// already before, so the prediction earns credit.
	correct
	// correctNoCredit: nothing contradicts the prediction but nothing
	// proves it either (unknown or blank prediction, or the cell already
	// held that character).
	correctNoCredit
	// incorrectOrExpired: the screen shows something else.
	incorrectOrExpired
)

// prediction is what cell and cursor predictions share: when they were
// made, which input frame must be acknowledged before they can be judged,
// and the epoch they belong to.
type prediction struct {
	active bool
	// epoch: the prediction is tentative (not shown) until this epoch is
	// confirmed.
	epoch uint64
	// expiry is the client state number that carries the input; the
	// prediction is judged once echo ack ≥ expiry.
	expiry      uint64
	predictedAt time.Time
}

func (p *prediction) tentative(confirmedEpoch uint64) bool { return p.epoch > confirmedEpoch }

func (p *prediction) expire(frame uint64, now time.Time) {
	p.expiry = frame
	p.predictedAt = now
}

// cellPrediction is mosh's ConditionalOverlayCell: the predicted contents
// of one cell.
type cellPrediction struct {
	prediction
	// unknown: the cell will change but to what is not known (the last
	// column after an insert); it is drawn as it is, underlined.
	unknown     bool
	replacement vt.Cell
	// original holds what the cell showed, or was predicted to show,
	// when each prediction was made over it: a match with any of them
	// earns no credit. originalOverflow is set when there were more than
	// maxOriginals.
	original         []vt.Cell
	originalOverflow bool
	// obsolete: a later key made the prediction moot (the command line
	// it drew has run), so if the screen no longer shows it once judged,
	// it is dropped instead of counted wrong.
	obsolete bool
}

// reset forgets the prediction and its history.
func (c *cellPrediction) reset() {
	*c = cellPrediction{original: c.original[:0]}
}

// resetWithOrig starts a new prediction over the cell, remembering the
// previous replacement as one of the cell's earlier contents.
func (c *cellPrediction) resetWithOrig() {
	if !c.active || c.unknown {
		c.reset()
		return
	}
	c.addOriginal(c.replacement)
	c.prediction = prediction{}
	c.obsolete = false
}

func (c *cellPrediction) addOriginal(cell vt.Cell) {
	if len(c.original) >= maxOriginals {
		c.originalOverflow = true
		return
	}
	c.original = append(c.original, cell)
}

// contentsMatch is mosh's Cell::contents_match: blanks (erased, space,
// NBSP) all match each other; otherwise the characters must be equal.
// Renditions do not count.
func contentsMatch(a, b *vt.Cell) bool {
	if a.IsBlank() && b.IsBlank() {
		return true
	}
	return a.Rune == b.Rune && a.Comb == b.Comb
}

// validity judges the prediction at (row, c's column) against fb once the
// echo ack has reached its expiry frame.
func (c *cellPrediction) validity(fb *vt.Framebuffer, row, col int, lateAck uint64) validity {
	if row >= fb.Height() || col >= fb.Width() {
		return incorrectOrExpired
	}
	if lateAck < c.expiry {
		return pending
	}
	if c.unknown || c.replacement.IsBlank() {
		// A blank is too easily right by accident to earn credit.
		return correctNoCredit
	}
	if !contentsMatch(fb.Cell(row, col), &c.replacement) {
		return incorrectOrExpired
	}
	if c.originalOverflow {
		return correctNoCredit
	}
	for i := range c.original {
		if contentsMatch(&c.original[i], &c.replacement) {
			return correctNoCredit
		}
	}
	return correct
}

// cursorPrediction is mosh's ConditionalCursorMove.
type cursorPrediction struct {
	prediction
	row, col int
}

func (c *cursorPrediction) validity(fb *vt.Framebuffer, lateAck uint64) validity {
	if c.row >= fb.Height() || c.col >= fb.Width() {
		return incorrectOrExpired
	}
	if lateAck < c.expiry {
		return pending
	}
	if fb.Cursor.Row == c.row && fb.Cursor.Col == c.col {
		return correct
	}
	return incorrectOrExpired
}

// predictedRow is mosh's ConditionalOverlayRow: one prediction slot per
// column of a screen row.
type predictedRow struct {
	row   int
	cells []cellPrediction
}
