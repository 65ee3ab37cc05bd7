package vt

import (
	"sync/atomic"
	"unicode/utf8"

	"github.com/roamterm/roam/vt/parser"
)

// print draws one graphic character at the cursor.
func (e *Emulator) print(r rune) {
	if r < 0x80 {
		r = e.charsets[e.shift].mapRune(r)
	}
	switch w := Width(r); w {
	case 1, 2:
		e.lastChar = r
		e.printWidth(r, w)
	case 0:
		e.lastChar = 0
		e.combine(r)
	}
}

// printWidth draws r, of width w (1 or 2), with the deferred-wrap rules of
// mosh: a pending wrap is taken first, and a wide character that does not
// fit in the last column wraps early, leaving the column blank and the row
// not marked as wrapped.
func (e *Emulator) printWidth(r rune, w int) {
	fb := e.fb
	if w > fb.width {
		return // a wide character on a one-column screen
	}
	if e.wrapNext && e.modes.AutoWrap {
		e.wrapLine()
	}
	e.wrapNext = false
	cur := &fb.Cursor
	if w == 2 && cur.Col == fb.width-1 {
		if !e.modes.AutoWrap {
			return
		}
		row := fb.MutableRow(cur.Row)
		e.eraseCells(row, cur.Col, cur.Col+1, Cell{})
		row.Wrapped = false
		cur.Col = 0
		e.index()
	}
	row := fb.MutableRow(cur.Row)
	if e.modes.Insert {
		e.insertCells(row, cur.Col, w, Cell{})
	}
	fixWideEdges(row, cur.Col, cur.Col+w, Cell{})
	setCell(&row.Cells[cur.Col], r, fb.Pen, w == 2, false)
	if w == 2 {
		setCell(&row.Cells[cur.Col+1], 0, fb.Pen, false, true)
	}
	e.combRow, e.combCol = cur.Row, cur.Col
	e.advance(w)
}

// advance moves the cursor right after printing w columns, setting the
// pending-wrap flag at the right margin.
func (e *Emulator) advance(w int) {
	cur := &e.fb.Cursor
	cur.Col += w
	if cur.Col >= e.fb.width {
		cur.Col = e.fb.width - 1
		e.wrapNext = true
	}
}

// wrapLine takes a pending wrap: it marks the row as soft-wrapped and moves
// to the start of the next one, scrolling if needed.
func (e *Emulator) wrapLine() {
	e.fb.MutableRow(e.fb.Cursor.Row).Wrapped = true
	e.fb.Cursor.Col = 0
	e.index()
}

// printASCII draws a run of printable ASCII, the fast path: whole spans of
// a row are filled at once.
func (e *Emulator) printASCII(s []byte) {
	if e.charsets[e.shift] != charsetASCII || e.modes.Insert || !e.modes.AutoWrap {
		for _, b := range s {
			e.print(rune(b))
		}
		return
	}
	fb := e.fb
	pen := fb.Pen
	cur := &fb.Cursor
	for len(s) > 0 {
		if e.wrapNext {
			e.wrapLine()
			e.wrapNext = false
		}
		row := fb.MutableRow(cur.Row)
		n := min(len(s), fb.width-cur.Col)
		fixWideEdges(row, cur.Col, cur.Col+n, Cell{})
		cells := row.Cells[cur.Col : cur.Col+n]
		for i, b := range s[:n] {
			setCell(&cells[i], rune(b), pen, false, false)
		}
		e.combRow, e.combCol = cur.Row, cur.Col+n-1
		e.lastChar = rune(s[n-1])
		s = s[n:]
		e.advance(n)
	}
}

// printText draws the text at the start of s and returns how many bytes
// it took (see parser.TextPrinter): the fast path for printing, which
// decodes and stores the characters that fit on the cursor's row in one
// loop. What that loop cannot do simply (the first character, a wrap, a
// combining mark, a wide character at the margin) goes through print, one
// character at a time; in the rarer modes it takes nothing.
func (e *Emulator) printText(s []byte) int {
	fb := e.fb
	if e.charsets[e.shift] != charsetASCII || e.modes.Insert || !e.modes.AutoWrap {
		return 0
	}
	pen, width, cur := fb.Pen, fb.width, &fb.Cursor
	// The row being written, while the loop owns the cursor: col is the
	// next column, width itself when a wrap is pending; last and lastCol
	// are the character printed last and its column.
	var cells []Cell
	col, lastCol, last := 0, 0, rune(0)
	wrote := false      // whether the loop printed the character at lastCol
	splitsWide := false // whether cells[col] is the right half of a wide character, to erase before printing there
	i := 0
	for i < len(s) {
		b := s[i]
		if b >= 0x20 && b < 0x7f && cells != nil && col < width {
			// A run of ASCII, the commonest text: no decoding, and one
			// column each.
			if splitsWide {
				cells[col-1], cells[col], splitsWide = Cell{}, Cell{}, false
			}
			j, end := i, i+min(len(s)-i, width-col)
			for ; j < end && s[j] >= 0x20 && s[j] < 0x7f; j++ {
				setCell(&cells[col], rune(s[j]), pen, false, false)
				col++
			}
			last, lastCol, wrote = rune(s[j-1]), col-1, true
			i = j
			continue
		}
		r, n, w := rune(b), 1, 1
		if b >= 0x80 {
			if r, n = parser.DecodeText(s[i:]); n == 0 {
				break
			}
			w = Width(r)
		} else if b < 0x20 || b == 0x7f {
			break
		}
		if cells != nil && w > 0 && col+w <= width {
			if splitsWide {
				cells[col-1], cells[col], splitsWide = Cell{}, Cell{}, false
			}
			setCell(&cells[col], r, pen, w == 2, false)
			if w == 2 {
				setCell(&cells[col+1], 0, pen, false, true)
			}
			last, lastCol, wrote = r, col, true
			col += w
			i += n
			continue
		}
		if cells != nil && w == 0 && wrote {
			// A combining mark on the character the loop printed last
			// (combine, without its cases for other cells).
			if c := &cells[lastCol]; len(c.Comb)+n <= MaxCombiningBytes {
				c.Comb = internComb(c.Comb, r)
			}
			last = 0
			i += n
			continue
		}
		if cells != nil {
			e.endText(cells, col, lastCol, last)
			cells = nil
		}
		e.print(r)
		i += n
		wrote = false
		if !e.wrapNext {
			// The loop goes on from the cursor, which stays inside the row
			// until it wraps. Its cell is the right half of a wide
			// character only when print took no column (a combining mark,
			// a character it drops) and the cursor was moved there: that
			// character is erased when the loop prints over its half, as
			// printWidth does, and not before (a mark may come first, and
			// the text may end).
			col = cur.Col
			cells = fb.MutableRow(cur.Row).Cells
			lastCol, last = e.combCol, e.lastChar
			splitsWide = col > 0 && cells[col].WideTail
		}
	}
	if cells != nil {
		e.endText(cells, col, lastCol, last)
	}
	return i
}

// endText gives the cursor back after printText's loop wrote the row
// cells up to column col: the cell there, if the right half of a wide
// character whose left half the loop overwrote, is erased, and a loop
// that reached the margin leaves a wrap pending.
func (e *Emulator) endText(cells []Cell, col, lastCol int, last rune) {
	cur := &e.fb.Cursor
	if col > 0 && col < len(cells) && cells[col].WideTail && !cells[col-1].Wide {
		cells[col] = Cell{}
	}
	if col >= e.fb.width {
		col = e.fb.width - 1
		e.wrapNext = true
	}
	cur.Col = col
	e.combRow, e.combCol = cur.Row, lastCol
	e.lastChar = last
}

// combine adds a zero-width character to the cell it belongs to (see
// combRow). An empty cell becomes a fallback cell, drawn on a no-break
// space, and the cursor moves past it as mosh does.
func (e *Emulator) combine(r rune) {
	fb := e.fb
	if e.combRow >= fb.height || e.combCol >= fb.width {
		return
	}
	row := fb.MutableRow(e.combRow)
	c := &row.Cells[e.combCol]
	if c.WideTail {
		return
	}
	if c.Rune == 0 && c.Comb == "" {
		e.advance(1)
	}
	if len(c.Comb)+utf8.RuneLen(r) <= MaxCombiningBytes {
		c.Comb = internComb(c.Comb, r)
	}
}

// combSlots is the size of the cache of combining sequences (see
// internComb), an even number.
const combSlots = 1024

// combSlot records that prev followed by r is s. Slots are immutable once
// stored.
type combSlot struct {
	prev string
	r    rune
	s    string
}

// combCache is shared by every emulator of the process: its slots are
// replaced whole, atomically, so emulators on any goroutine may use it.
var combCache [combSlots]atomic.Pointer[combSlot]

// internComb returns comb followed by r, which must fit in
// MaxCombiningBytes. Text that uses combining marks repeats a few
// sequences over and over, so each is built once and then shared by the
// cells that hold it, instead of allocated for every mark printed. The
// cache is direct-mapped: a sequence that collides with another is built
// again, and memory stays bounded whatever the marks.
func internComb(comb string, r rune) string {
	h := uint32(r)
	for i := 0; i < len(comb); i++ {
		h = h*0x01000193 ^ uint32(comb[i])
	}
	// Two ways: a sequence is in the even slot or the odd one after it,
	// so that two that collide, both in use, do not evict each other.
	i := (h * 0x9e3779b1) >> 22 % combSlots &^ 1
	first, second := &combCache[i], &combCache[i+1]
	for _, slot := range [2]*atomic.Pointer[combSlot]{first, second} {
		if c := slot.Load(); c != nil && c.r == r && c.prev == comb {
			return c.s
		}
	}
	var buf [MaxCombiningBytes]byte
	n := copy(buf[:], comb)
	n += utf8.EncodeRune(buf[n:], r)
	c := &combSlot{prev: comb, r: r, s: string(buf[:n])}
	second.Store(first.Load())
	first.Store(c)
	return c.s
}

// setCell stores a printed cell field by field: assigning a whole Cell
// literal, which holds a string, writes the string's pointer (with a write
// barrier check) even when it stays empty, and this is the hottest store of
// the emulator.
func setCell(c *Cell, r rune, rend Rendition, wide, tail bool) {
	if c.Comb != "" {
		c.Comb = ""
	}
	c.Rune, c.Rend, c.Wide, c.WideTail = r, rend, wide, tail
}

// fixWideEdges makes the columns [from, to) of row safe to overwrite: a wide
// character with one half inside and one half outside the range is erased
// to blank, as xterm and tmux do.
func fixWideEdges(row *Row, from, to int, blank Cell) {
	cells := row.Cells
	if from > 0 && from < len(cells) && cells[from].WideTail {
		cells[from-1] = blank
		cells[from] = blank
	}
	if to > 0 && to < len(cells) && cells[to].WideTail {
		cells[to-1] = blank
		cells[to] = blank
	}
}
