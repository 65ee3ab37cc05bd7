package vt

import "github.com/roamterm/roam/vt/parser"

// blank returns an erased cell of the current background (background
// colour erase).
func (e *Emulator) blank() Cell { return Cell{Rend: Rendition{Bg: e.fb.Pen.Bg}} }

// eraseCells sets the columns [from, to) of row to blank, also erasing the
// other half of a wide character cut by either edge.
func (e *Emulator) eraseCells(row *Row, from, to int, blank Cell) {
	from, to = max(from, 0), min(to, len(row.Cells))
	if from >= to {
		return
	}
	fixWideEdges(row, from, to, blank)
	cells := row.Cells[from:to]
	if blank == (Cell{}) {
		clear(cells)
		return
	}
	for i := range cells {
		cells[i] = blank
	}
}

// insertCells shifts the cells from column at on right by n, dropping those
// pushed past the right margin, and blanks the n cells opened up.
func (e *Emulator) insertCells(row *Row, at, n int, blank Cell) {
	w := len(row.Cells)
	n = min(n, w-at)
	fixWideEdges(row, at, at, blank)
	copy(row.Cells[at+n:], row.Cells[at:w-n])
	if last := &row.Cells[w-1]; last.Wide {
		*last = blank // its tail was pushed off
	}
	e.eraseCells(row, at, at+n, blank)
}

// deleteCells removes n cells from column at on, shifting the rest left and
// blanking the cells opened up at the right margin.
func (e *Emulator) deleteCells(row *Row, at, n int, blank Cell) {
	w := len(row.Cells)
	n = min(n, w-at)
	fixWideEdges(row, at, at+n, blank)
	copy(row.Cells[at:], row.Cells[at+n:])
	e.eraseCells(row, w-n, w, blank)
}

// eraseRows blanks the whole rows [from, to).
func (e *Emulator) eraseRows(from, to int) {
	for y := from; y < to; y++ {
		e.fb.ClearRow(y, e.fb.Pen.Bg)
	}
}

// csiErase performs the erase, insert, delete and scroll control
// functions; it reports whether final was one of them. Like mosh and xterm,
// and unlike tmux, a pending wrap leaves the cursor on the last column, so
// EL there erases it.
func (e *Emulator) csiErase(p *parser.Params, final byte) bool {
	fb := e.fb
	cur := fb.Cursor
	blank := e.blank()
	switch final {
	case 'J': // ED
		switch p.Get(0, 0) {
		case 0:
			row := fb.MutableRow(cur.Row)
			e.eraseCells(row, cur.Col, fb.width, blank)
			row.Wrapped = false
			e.eraseRows(cur.Row+1, fb.height)
		case 1:
			e.eraseRows(0, cur.Row)
			e.eraseCells(fb.MutableRow(cur.Row), 0, cur.Col+1, blank)
		case 2:
			e.eraseRows(0, fb.height)
		case 3:
			// Erase saved lines (xterm): the scrollback goes, the screen
			// stays. Mosh has no scrollback and ignores it, so a stock
			// mosh-client sees the same screen either way.
			if e.history != nil {
				e.history.Clear()
			}
		}
	case 'K': // EL
		row := fb.MutableRow(cur.Row)
		switch p.Get(0, 0) {
		case 0:
			e.eraseCells(row, cur.Col, fb.width, blank)
			row.Wrapped = false
		case 1:
			e.eraseCells(row, 0, cur.Col+1, blank)
		case 2:
			e.eraseCells(row, 0, fb.width, blank)
			row.Wrapped = false
		}
	case 'X': // ECH
		e.eraseCells(fb.MutableRow(cur.Row), cur.Col, cur.Col+p.Get(0, 1), blank)
	case '@': // ICH
		e.insertCells(fb.MutableRow(cur.Row), cur.Col, p.Get(0, 1), blank)
	case 'P': // DCH
		e.deleteCells(fb.MutableRow(cur.Row), cur.Col, p.Get(0, 1), blank)
	// IL and DL leave the cursor where it is, as tmux 3.3a does; mosh
	// moves it to column 0.
	case 'L': // IL
		if cur.Row >= e.top && cur.Row <= e.bottom {
			e.scrollDown(cur.Row, e.bottom, p.Get(0, 1))
		}
	case 'M': // DL
		if cur.Row >= e.top && cur.Row <= e.bottom {
			e.scrollUp(cur.Row, e.bottom, p.Get(0, 1))
		}
	case 'S': // SU
		e.scrollRegionUp(p.Get(0, 1))
	case 'T': // SD
		if p.Len() <= 1 { // with more parameters it is xterm's mouse tracking
			e.scrollDown(e.top, e.bottom, p.Get(0, 1))
		}
	case 'b': // REP
		e.repeat(p.Get(0, 1))
	default:
		return false
	}
	return true
}

// repeat is REP: print the last graphic character n more times, n capped
// at the screen size so that a huge count cannot loop long.
func (e *Emulator) repeat(n int) {
	r := e.lastChar
	if r == 0 {
		return
	}
	n = min(n, e.fb.width*e.fb.height)
	w := Width(r)
	for range n {
		e.printWidth(r, w)
	}
}

// alignmentTest is DECALN: fill the screen with 'E', reset the scroll
// region and home the cursor.
func (e *Emulator) alignmentTest() {
	fb := e.fb
	for y := range fb.height {
		row := fb.MutableRow(y)
		for x := range row.Cells {
			row.Cells[x] = Cell{Rune: 'E'}
		}
		row.Wrapped = false
	}
	e.top, e.bottom = 0, fb.height-1
	e.moveTo(0, 0)
}
