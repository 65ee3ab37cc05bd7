package predict

import (
	"time"

	"github.com/roamterm/roam/vt"
)

// Cull judges the predictions against fb, the newest screen received
// from the server, at time now, and updates the display triggers. Run it
// before every Overlay. It is mosh's PredictionEngine::cull:
//
//   - a prediction whose input the server has had for 50 ms (echo ack ≥
//     its expiry frame) is judged: a correct one confirms its epoch, so
//     the rest of that epoch is shown; a wrong tentative one kills its
//     epoch; a wrong one that was shown resets everything, so a wrong
//     guess is on screen for at most one round trip;
//   - a prediction still pending after 250 ms (5 s) turns display
//     (and underlining) on through the glitch trigger.
func (e *Engine) Cull(fb *vt.Framebuffer, now time.Time) {
	if e.opts.Display == Never {
		return
	}
	e.lastCull = now
	if fb.Width() != e.lastWidth || fb.Height() != e.lastHeight {
		e.lastWidth, e.lastHeight = fb.Width(), fb.Height()
		e.Reset()
	}
	e.updateTriggers()
	if e.await != nil {
		e.scrolledLine(fb)
		e.redrawnLine(fb)
	}
	e.dropLeftCommandLine(fb)
	if !e.cullCells(fb, now) {
		return
	}
	if !e.cullCursors(fb) {
		return
	}
	if e.await != nil {
		e.checkAwait(fb, now)
	}
	if e.await == nil {
		e.resync(fb)
	}
}

// updateTriggers applies the send-interval thresholds, with hysteresis.
func (e *Engine) updateTriggers() {
	if e.sendInterval > srttTriggerHigh {
		e.srttTrigger = true
	} else if e.srttTrigger && e.sendInterval <= srttTriggerLow && !e.Active() {
		// Only turn off when no prediction is being shown.
		e.srttTrigger = false
	}
	if e.sendInterval > flagTriggerHigh {
		e.flagging = true
	} else if e.sendInterval <= flagTriggerLow {
		e.flagging = false
	}
	// Really big glitches also turn underlining on.
	if e.glitchTrigger > glitchRepairCount {
		e.flagging = true
	}
}

// cullCells judges the cell predictions. It returns false if it reset the
// engine.
func (e *Engine) cullCells(fb *vt.Framebuffer, now time.Time) bool {
	kept := e.rows[:0]
	for _, r := range e.rows {
		if r.row >= 0 && r.row < fb.Height() {
			kept = append(kept, r)
		}
	}
	e.rows = kept
	for i := 0; i < len(e.rows); i++ {
		r := &e.rows[i]
		if e.improved() && e.scrolledAway(fb, r) {
			continue
		}
		for col := range r.cells {
			c := &r.cells[col]
			if !c.active {
				continue
			}
			switch c.validity(fb, r.row, col, e.frameLateAcked) {
			case incorrectOrExpired:
				switch {
				case c.obsolete:
					// vim may run the command without ever
					// echoing it (typeahead): keep drawing it
					// until the command line closes.
					if !e.commandLineOpen(fb) {
						c.reset()
					}
				case e.opts.Display == Experimental:
					c.reset()
				case c.tentative(e.confirmedEpoch):
					e.killEpoch(c.epoch, c.expiry, fb)
				default:
					e.Reset()
					return false
				}
			case correct:
				if c.epoch > e.confirmedEpoch {
					e.confirmedEpoch = c.epoch
				}
				// Quick confirmations slowly take the glitch
				// trigger away.
				if now.Sub(c.predictedAt) < glitchThreshold && e.glitchTrigger > 0 &&
					now.Sub(e.lastQuickConfirmation) >= glitchRepairMinInterval {
					e.glitchTrigger--
					e.lastQuickConfirmation = now
				}
				// The rest of the row takes the renditions the
				// server actually used.
				rend := fb.Cell(r.row, col).Rend
				for k := col; k < len(r.cells); k++ {
					r.cells[k].replacement.Rend = rend
				}
				c.reset()
			case correctNoCredit:
				c.reset()
			case pending:
				// A prediction that takes long to confirm turns
				// display on even on a fast link.
				switch age := now.Sub(c.predictedAt); {
				case age >= glitchFlagThreshold:
					e.glitchTrigger = 2 * glitchRepairCount
				case age >= glitchThreshold && e.glitchTrigger < glitchRepairCount:
					e.glitchTrigger = glitchRepairCount
				}
			}
		}
	}
	return true
}

// cullCursors judges the cursor predictions. It returns false if it reset
// the engine.
func (e *Engine) cullCursors(fb *vt.Framebuffer) bool {
	if len(e.cursors) > 0 && e.cursor().validity(fb, e.frameLateAcked) == incorrectOrExpired {
		switch {
		case e.opts.Display == Experimental:
			e.cursors = e.cursors[:0]
		case e.await != nil:
			// The cursor of the line before Enter: the Enter has
			// moved the real one on, which proves nothing wrong.
		default:
			e.Reset()
			return false
		}
	}
	kept := e.cursors[:0]
	for _, c := range e.cursors {
		if c.validity(fb, e.frameLateAcked) == pending {
			kept = append(kept, c)
		}
	}
	e.cursors = kept
	return true
}

// scrolledAway handles a row whose judged predictions are all found one or
// more rows higher on the screen: the screen scrolled (typically Enter on
// the bottom row) after the input was echoed. mosh would call them wrong
// and reset; they were right, so they are dropped without credit. It
// reports whether it dropped the row's predictions.
func (e *Engine) scrolledAway(fb *vt.Framebuffer, r *predictedRow) bool {
	judged, wrong := 0, false
	for col := range r.cells {
		c := &r.cells[col]
		if !c.active || c.unknown || c.replacement.IsBlank() || e.frameLateAcked < c.expiry {
			continue
		}
		judged++
		if !contentsMatch(fb.Cell(r.row, col), &c.replacement) {
			wrong = true
		}
	}
	// One matching character is weak evidence of a scroll unless Enter
	// was just typed on this row.
	need := 2
	if e.await != nil && e.await.cursor.Row == r.row {
		need = 1
	}
	if !wrong || judged < need {
		return false
	}
	for up := 1; up <= r.row; up++ {
		if e.rowMatches(fb, r, r.row-up) {
			for col := range r.cells {
				r.cells[col].reset()
			}
			return true
		}
	}
	return false
}

// rowMatches reports whether every judged, non-blank prediction of r
// matches screen row y.
func (e *Engine) rowMatches(fb *vt.Framebuffer, r *predictedRow, y int) bool {
	for col := range r.cells {
		c := &r.cells[col]
		if !c.active || c.unknown || c.replacement.IsBlank() || e.frameLateAcked < c.expiry {
			continue
		}
		if !contentsMatch(fb.Cell(y, col), &c.replacement) {
			return false
		}
	}
	return true
}
