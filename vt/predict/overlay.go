package predict

import "github.com/roamterm/roam/vt"

// Overlay is what the predictions add to a received screen, for a front end
// to draw on top of it. It never changes the framebuffer it was made from.
type Overlay struct {
	// Cells are the predicted cells, at most one per position. A front
	// end draws each in place of the screen's cell.
	Cells []Cell
	// Cursor is the predicted cursor position; it is meaningful only
	// when HasCursor is set, otherwise the screen's cursor stands.
	Cursor    Position
	HasCursor bool
}

// Position is a 0-based screen position.
type Position struct{ Row, Col int }

// Cell is one predicted cell.
type Cell struct {
	Position
	// Cell is what to draw. For a cell whose future contents are
	// unknown it is the screen's own cell, drawn underlined.
	Cell vt.Cell
	// Underlined marks an unconfirmed prediction shown while the link is
	// slow or glitchy ("flagging"); front ends draw it underlined.
	Underlined bool
}

// shown reports whether predictions are displayed at all.
func (e *Engine) shown() bool {
	switch e.opts.Display {
	case Never:
		return false
	case Always, Experimental:
		return true
	}
	return e.srttTrigger || e.glitchTrigger > 0
}

// Overlay returns the predictions to draw over fb, the screen the last
// Cull saw. Call Cull first: Overlay does not judge predictions.
func (e *Engine) Overlay(fb *vt.Framebuffer) Overlay {
	var o Overlay
	if !e.shown() {
		return o
	}
	for i := range e.cursors {
		c := &e.cursors[i]
		if !c.active || c.tentative(e.confirmedEpoch) || c.row >= fb.Height() || c.col >= fb.Width() {
			continue
		}
		o.Cursor, o.HasCursor = Position{c.row, c.col}, true
	}
	for i := range e.rows {
		r := &e.rows[i]
		if r.row < 0 || r.row >= fb.Height() {
			continue
		}
		start := len(o.Cells)
		for col := range r.cells {
			if col >= fb.Width() {
				break
			}
			if cell, ok := e.drawCell(fb, r.row, col, &r.cells[col]); ok {
				o.Cells = append(o.Cells, cell)
			}
		}
		o.Cells = repairWidePairs(fb, r.row, o.Cells, start)
	}
	return o
}

// drawCell is mosh's ConditionalOverlayCell::apply.
func (e *Engine) drawCell(fb *vt.Framebuffer, row, col int, p *cellPrediction) (Cell, bool) {
	if !p.active || p.tentative(e.confirmedEpoch) {
		return Cell{}, false
	}
	actual := fb.Cell(row, col)
	flag := e.flagging
	if p.replacement.IsBlank() && actual.IsBlank() {
		flag = false
	}
	if p.unknown {
		if flag && col != fb.Width()-1 {
			return Cell{Position{row, col}, *actual, true}, true
		}
		return Cell{}, false
	}
	if *actual == p.replacement {
		return Cell{}, false
	}
	return Cell{Position{row, col}, p.replacement, flag}, true
}

// repairWidePairs blanks the other half of a double-width character on
// the screen when a prediction covers only one half of it, so that no
// half character is left drawn. cells[start:] are the row's predictions,
// in column order.
func repairWidePairs(fb *vt.Framebuffer, row int, cells []Cell, start int) []Cell {
	own := cells[start:]
	covered := func(col int) bool {
		for i := range own {
			if own[i].Col == col {
				return true
			}
		}
		return false
	}
	n := len(own)
	for i := 0; i < n; i++ {
		col := own[i].Col
		actual := fb.Cell(row, col)
		partner := -1
		switch {
		case actual.Wide && !own[i].Cell.Wide && col+1 < fb.Width():
			partner = col + 1
		case actual.WideTail && !own[i].Cell.WideTail && col > 0:
			partner = col - 1
		}
		if partner < 0 || covered(partner) {
			continue
		}
		blank := vt.Cell{Rend: fb.Cell(row, partner).Rend}
		cells = append(cells, Cell{Position{row, partner}, blank, own[i].Underlined})
		own = cells[start:]
	}
	return cells
}

// ApplyTo returns a clone of fb with the overlay drawn into it, underlined
// cells with the underline attribute: the screen a front end that cannot
// layer (a terminal) should show. fb itself is not modified.
func (e *Engine) ApplyTo(fb *vt.Framebuffer) *vt.Framebuffer {
	return Draw(fb, e.Overlay(fb))
}

// Draw returns a clone of fb with o drawn into it.
func Draw(fb *vt.Framebuffer, o Overlay) *vt.Framebuffer {
	out := fb.Clone()
	for _, c := range o.Cells {
		if c.Row >= out.Height() || c.Col >= out.Width() {
			continue
		}
		cell := c.Cell
		if c.Underlined {
			cell.Rend.Attrs |= vt.AttrUnderline
		}
		out.MutableRow(c.Row).Cells[c.Col] = cell
	}
	if o.HasCursor && o.Cursor.Row < out.Height() && o.Cursor.Col < out.Width() {
		out.Cursor.Row, out.Cursor.Col = o.Cursor.Row, o.Cursor.Col
	}
	return out
}
