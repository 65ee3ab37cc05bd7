package termview

import (
	"strings"
	"unicode/utf8"

	"github.com/roamterm/roam/vt"
)

// selectMode is what a selection grows by as the mouse moves.
type selectMode uint8

const (
	selectChars selectMode = iota // a drag
	selectWords                   // a double click, then drag
	selectLines                   // a triple click, then drag
)

// selection is the local text selection: an anchor (where the button went
// down) and a head (where the mouse is), grown to whole words or lines by
// mode.
type selection struct {
	active       bool
	mode         selectMode
	anchor, head cellPos

	// fromBuf and toBuf keep the cells of history lines decoded by
	// bounds, which runs on every frame drawn.
	fromBuf, toBuf []vt.Cell
}

// bounds returns the selected range of src in reading order, to
// excluded. Nothing is selected when from == to.
func (s *selection) bounds(src lines) (from, to cellPos) {
	if !s.active || src.screen == nil {
		return
	}
	a, h := s.anchor, s.head
	if h.before(a) {
		a, h = h, a
	}
	clampPos := func(p cellPos) cellPos {
		return cellPos{min(max(p.Row, src.first()), src.end()-1), max(p.Col, 0)}
	}
	from, to = clampPos(a), clampPos(h)
	fromRow, toRow := src.cells(from.Row, &s.fromBuf), src.cells(to.Row, &s.toBuf)
	from.Col, to.Col = min(from.Col, len(fromRow)), min(to.Col, len(toRow))
	switch s.mode {
	case selectChars:
		if from == to {
			return cellPos{}, cellPos{}
		}
		// Cover whole double-width characters.
		if from.Col < len(fromRow) && fromRow[from.Col].WideTail && from.Col > 0 {
			from.Col--
		}
		if to.Col > 0 && to.Col < len(toRow) && toRow[to.Col].WideTail {
			to.Col++
		}
	case selectWords:
		from.Col = wordStart(fromRow, from.Col)
		to.Col = wordEnd(toRow, min(to.Col, len(toRow)-1))
	case selectLines:
		for from.Row > src.first() && src.wrapped(from.Row-1) {
			from.Row--
		}
		for to.Row < src.end()-1 && src.wrapped(to.Row) {
			to.Row++
		}
		from.Col, to.Col = 0, markToEnd
	}
	return from, to
}

// follow keeps the selection on its text as frame next replaces the
// frame shown (old), or clears it when that text is gone, as terminals
// clear a selection that output overwrote: copying it would no longer
// give what the user saw selected.
//
// History lines keep their virtual rows, so only the part of the
// selection on old's screen can move or change. When output scrolls the
// screen, its rows go into the history under the same virtual rows (see
// lines), and the selection stays. But when history lines arrive after
// the screen they scrolled off (a backlog catching up), the screen's
// rows are renumbered by the late lines while their text stays, and the
// selection must move with them. The rows tell which happened: when the
// selection's rows of the screen are unchanged, it moves by the late
// lines; otherwise it stays if its text is still at its rows, or moves
// by the late lines if its text is there, and is cleared if neither. (A
// screen that scrolled by another number of rows than lines arrived, as
// in a burst, loses the selection.)
func (s *selection) follow(old, next lines) {
	if !s.active || old.screen == nil || next.screen == nil {
		return
	}
	from, to := s.bounds(old)
	if from == to {
		return
	}
	if from.Row < next.first() {
		s.active = false // its first lines left the history
		return
	}
	top := old.screenTop()
	if to.Row < top {
		return // history lines only
	}
	if from.Row < top {
		from = cellPos{top, 0}
	}
	late := next.screenTop() - top
	shifts := []int{0}
	switch {
	case late != 0 && sameRows(old.screen, next.screen, from.Row-top, to.Row-top):
		shifts = []int{late}
	case late != 0:
		shifts = append(shifts, late)
	}
	text := selectedText(old, from, to)
	for _, d := range shifts {
		if selectedText(next, cellPos{from.Row + d, from.Col}, cellPos{to.Row + d, to.Col}) != text {
			continue
		}
		for _, p := range []*cellPos{&s.anchor, &s.head} {
			if p.Row >= top {
				p.Row += d
			}
		}
		return
	}
	s.active = false
}

// sameRows reports whether screens a and b hold the same rows y0 … y1
// (within both), as screens do when nothing was written to those rows.
func sameRows(a, b *vt.Framebuffer, y0, y1 int) bool {
	if y1 >= a.Height() || y1 >= b.Height() {
		return false
	}
	for y := y0; y <= y1; y++ {
		if !a.Row(y).Equal(b.Row(y)) {
			return false
		}
	}
	return true
}

// isWordRune reports whether r belongs to a word for double-click
// selection: letters, digits and the punctuation of paths and URLs.
func isWordRune(r rune) bool {
	if r == 0 || r == ' ' || r == 0xa0 || r == '\t' {
		return false
	}
	return !strings.ContainsRune("\"'`()[]{}<>|;,", r)
}

// wordStart returns the first column of the word at column col of row
// (col if the cell there is not part of a word).
func wordStart(row []vt.Cell, col int) int {
	col = min(col, len(row)-1)
	if col < 0 || !isWordRune(cellRune(row, col)) {
		return max(col, 0)
	}
	for col > 0 && isWordRune(cellRune(row, col-1)) {
		col--
	}
	return col
}

// wordEnd returns the column after the word at column col of row.
func wordEnd(row []vt.Cell, col int) int {
	if col < 0 || !isWordRune(cellRune(row, col)) {
		return col + 1
	}
	for col+1 < len(row) && isWordRune(cellRune(row, col+1)) {
		col++
	}
	return col + 1
}

// cellRune returns the character shown in a cell, treating the right half
// of a double-width character as that character.
func cellRune(row []vt.Cell, col int) rune {
	if row[col].WideTail && col > 0 {
		return row[col-1].Rune
	}
	return row[col].Rune
}

// selectedText returns the text of src between from and to (virtual
// positions in reading order, to excluded): a double-width character
// once, combining marks kept, a soft-wrapped row joined to the next,
// trailing blanks of every line trimmed, and lines separated by "\n".
func selectedText(src lines, from, to cellPos) string {
	if src.screen == nil || !from.before(to) {
		return ""
	}
	var out []byte
	for y := max(from.Row, src.first()); y <= to.Row && y < src.end(); y++ {
		row := src.row(y)
		c0, c1 := 0, len(row.Cells)
		if y == from.Row {
			c0 = from.Col
		}
		if y == to.Row {
			c1 = min(to.Col, c1)
		}
		start := len(out)
		for x := c0; x < c1; x++ {
			cell := &row.Cells[x]
			switch {
			case cell.WideTail:
			case cell.Rune == 0 && cell.Comb == "":
				out = append(out, ' ')
			default:
				r := cell.Rune
				if r == 0 {
					r = 0xa0
				}
				out = utf8.AppendRune(out, r)
				out = append(out, cell.Comb...)
			}
		}
		if row.Wrapped && c1 == len(row.Cells) && y < to.Row {
			continue // a soft wrap: the line goes on in the next row
		}
		for len(out) > start && out[len(out)-1] == ' ' {
			out = out[:len(out)-1]
		}
		if y < to.Row {
			out = append(out, '\n')
		}
	}
	return string(out)
}
