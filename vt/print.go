package vt

import (
	"sync/atomic"
	"unicode/utf8"
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
