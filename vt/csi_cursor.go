package vt

import "github.com/roamterm/roam/vt/parser"

// moveTo moves the cursor to (row, col), clamped to the screen, as an
// explicit move: the pending wrap is cancelled and a following combining
// character joins the cell under the cursor.
func (e *Emulator) moveTo(row, col int) {
	cur := &e.fb.Cursor
	cur.Row = min(max(row, 0), e.fb.height-1)
	cur.Col = min(max(col, 0), e.fb.width-1)
	e.wrapNext = false
	e.combRow, e.combCol = cur.Row, cur.Col
}

// index moves the cursor down one row, scrolling the region up when it is
// on the region's bottom row. It does not touch the pending-wrap flag.
func (e *Emulator) index() {
	cur := &e.fb.Cursor
	switch {
	case cur.Row == e.bottom:
		e.scrollRegionUp(1)
	case cur.Row < e.fb.height-1:
		cur.Row++
	}
}

// lineFeed is LF, IND and the line part of NEL: index as an explicit move.
func (e *Emulator) lineFeed() {
	e.index()
	e.moveTo(e.fb.Cursor.Row, e.fb.Cursor.Col)
}

// reverseIndex moves the cursor up one row, scrolling the region down when
// it is on the region's top row.
func (e *Emulator) reverseIndex() {
	cur := &e.fb.Cursor
	switch {
	case cur.Row == e.top:
		e.scrollDown(e.top, e.bottom, 1)
	case cur.Row > 0:
		cur.Row--
	}
	e.moveTo(cur.Row, cur.Col)
}

// cursorUp moves up n rows, stopping at the top margin when the cursor is
// inside the scroll region (as xterm and tmux do), else at the top row.
func (e *Emulator) cursorUp(n int) {
	row := e.fb.Cursor.Row
	limit := 0
	if row >= e.top {
		limit = e.top
	}
	e.moveTo(max(row-n, limit), e.fb.Cursor.Col)
}

// cursorDown moves down n rows, stopping at the bottom margin when the
// cursor is inside the scroll region, else at the bottom row.
func (e *Emulator) cursorDown(n int) {
	row := e.fb.Cursor.Row
	limit := e.fb.height - 1
	if row <= e.bottom {
		limit = e.bottom
	}
	e.moveTo(min(row+n, limit), e.fb.Cursor.Col)
}

// originRow converts a 1-based row parameter to a screen row, relative to
// and clamped in the scroll region in origin mode.
func (e *Emulator) originRow(p int) int {
	if e.modes.Origin {
		return min(e.top+p-1, e.bottom)
	}
	return p - 1
}

// csiCursor performs the cursor-motion control functions; it reports
// whether final was one of them.
func (e *Emulator) csiCursor(p *parser.Params, final byte) bool {
	cur := e.fb.Cursor
	n := p.Get(0, 1)
	switch final {
	case 'A': // CUU
		e.cursorUp(n)
	case 'B', 'e': // CUD, VPR
		e.cursorDown(n)
	case 'C', 'a': // CUF, HPR
		e.moveTo(cur.Row, cur.Col+n)
	case 'D': // CUB
		e.moveTo(cur.Row, cur.Col-n)
	case 'E': // CNL
		e.cursorDown(n)
		e.moveTo(e.fb.Cursor.Row, 0)
	case 'F': // CPL
		e.cursorUp(n)
		e.moveTo(e.fb.Cursor.Row, 0)
	case 'G', '`': // CHA, HPA
		e.moveTo(cur.Row, n-1)
	case 'd': // VPA
		e.moveTo(e.originRow(n), cur.Col)
	case 'H', 'f': // CUP, HVP
		e.moveTo(e.originRow(n), p.Get(1, 1)-1)
	default:
		return false
	}
	return true
}
