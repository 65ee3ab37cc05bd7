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
}

// bounds returns the selected range in reading order, to excluded, on
// screen fb. Nothing is selected when from == to.
func (s *selection) bounds(fb *vt.Framebuffer) (from, to cellPos) {
	if !s.active || fb == nil {
		return
	}
	a, h := s.anchor, s.head
	if h.before(a) {
		a, h = h, a
	}
	w := fb.Width()
	clampPos := func(p cellPos) cellPos {
		return cellPos{min(max(p.Row, 0), fb.Height()-1), min(max(p.Col, 0), w)}
	}
	from, to = clampPos(a), clampPos(h)
	switch s.mode {
	case selectChars:
		if from == to {
			return cellPos{}, cellPos{}
		}
		// Cover whole double-width characters.
		if from.Col < w && fb.Cell(from.Row, from.Col).WideTail && from.Col > 0 {
			from.Col--
		}
		if to.Col > 0 && to.Col < w && fb.Cell(to.Row, to.Col).WideTail {
			to.Col++
		}
	case selectWords:
		from.Col = wordStart(fb, from)
		to.Col = wordEnd(fb, cellPos{to.Row, min(to.Col, w-1)})
	case selectLines:
		for from.Row > 0 && fb.Row(from.Row-1).Wrapped {
			from.Row--
		}
		for to.Row < fb.Height()-1 && fb.Row(to.Row).Wrapped {
			to.Row++
		}
		from.Col, to.Col = 0, w
	}
	return from, to
}

// isWordRune reports whether r belongs to a word for double-click
// selection: letters, digits and the punctuation of paths and URLs.
func isWordRune(r rune) bool {
	if r == 0 || r == ' ' || r == 0xa0 || r == '\t' {
		return false
	}
	return !strings.ContainsRune("\"'`()[]{}<>|;,", r)
}

// wordStart returns the first column of the word at p (p's column if the
// cell there is not part of a word).
func wordStart(fb *vt.Framebuffer, p cellPos) int {
	row := fb.Row(p.Row).Cells
	col := min(p.Col, len(row)-1)
	if !isWordRune(cellRune(row, col)) {
		return col
	}
	for col > 0 && isWordRune(cellRune(row, col-1)) {
		col--
	}
	return col
}

// wordEnd returns the column after the word at p.
func wordEnd(fb *vt.Framebuffer, p cellPos) int {
	row := fb.Row(p.Row).Cells
	col := p.Col
	if !isWordRune(cellRune(row, col)) {
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

// selectedText returns the text of fb between from and to (reading order,
// to excluded): a double-width character once, combining marks kept, a
// soft-wrapped row joined to the next, trailing blanks of every line
// trimmed, and lines separated by "\n".
func selectedText(fb *vt.Framebuffer, from, to cellPos) string {
	if fb == nil || !from.before(to) {
		return ""
	}
	var out []byte
	for y := from.Row; y <= to.Row && y < fb.Height(); y++ {
		row := fb.Row(y)
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
