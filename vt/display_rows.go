package vt

import "unicode/utf8"

// Drawing the rows of a display diff: scroll detection, then each row's
// changed cells, erased runs and wrap flags.

// blankCell is the erased cell of the default rendition, what every cell of
// a blank row holds.
var blankCell Cell

// scroll looks for a block of rows that moved up, as a scrolling terminal
// produces, and moves it on the receiver with line feeds instead of
// repainting it. Like mosh it only looks for the row that is now first
// among the rows that changed; unlike mosh that row need not be the top
// of the screen, so a scroll under fixed header rows is found too.
func (d *differ) scroll() {
	from, to := d.from, d.to
	top := 0
	for top < d.h && (to.rows[top] == from.rows[top] || to.rows[top].Equal(from.rows[top])) {
		top++
	}
	if top >= d.h-1 {
		return
	}
	k := 1
	for top+k < d.h && !to.rows[top].Equal(from.rows[top+k]) {
		k++
	}
	if top+k >= d.h {
		return
	}
	height := 1
	for top+k+height < d.h && to.rows[top+height].Equal(from.rows[top+k+height]) {
		height++
	}
	bottom := top + k + height - 1

	// Scroll only when it saves repainting more rows than it blanks.
	gain, loss := 0, 0
	for y := top; y < top+height; y++ {
		if !rowBlank(to.rows[y]) && !to.rows[y].Equal(from.rows[y]) {
			gain++
		}
	}
	for y := top + height; y <= bottom; y++ {
		if !rowBlank(to.rows[y]) && to.rows[y].Equal(from.rows[y]) {
			loss++
		}
	}
	if gain <= loss {
		return
	}

	// Rows scrolled in are erased with the pen's background.
	d.setSGR(Rendition{}, false)
	if top == 0 && bottom == d.h-1 && d.y == d.h-1 {
		d.b = append(d.b, '\r')
	} else {
		d.b = append(d.b, "\x1b["...)
		d.b = appendInt(d.b, top+1)
		d.b = append(d.b, ';')
		d.b = appendInt(d.b, bottom+1)
		d.b = append(d.b, 'r')
		d.y = -1 // DECSTBM homes the cursor on some terminals
		d.hideCursor()
		d.appendMove(bottom, 0)
	}
	for range k {
		d.b = append(d.b, '\n')
	}
	d.x, d.wrap = 0, wrapClear
	if top != 0 || bottom != d.h-1 || d.y != d.h-1 {
		d.b = append(d.b, "\x1b[r"...)
		d.y = -1
	}
	d.scrollTop, d.scrollBottom, d.scrollBy = top, bottom, k
}

// rowBlank reports whether r is a blank row of the default rendition.
func rowBlank(r *Row) bool {
	if r.Wrapped {
		return false
	}
	for i := range r.Cells {
		if r.Cells[i] != blankCell {
			return false
		}
	}
	return true
}

// oldRow returns the row the receiver shows at y once the scroll is done,
// or nil for a blank row.
func (d *differ) oldRow(y int) *Row {
	if d.from == nil {
		return nil
	}
	if d.scrollBy > 0 && y >= d.scrollTop && y <= d.scrollBottom {
		if y+d.scrollBy > d.scrollBottom {
			return nil
		}
		return d.from.rows[y+d.scrollBy]
	}
	return d.from.rows[y]
}

// cellsOf returns the cells of r, nil for a blank row.
func cellsOf(r *Row) []Cell {
	if r == nil {
		return nil
	}
	return r.Cells
}

// isErased reports whether c is an erased cell as ECH, EL and ED leave it:
// no contents and a rendition that is only a background.
func isErased(c *Cell) bool {
	return c.Rune == 0 && c.Comb == "" && !c.Wide && !c.WideTail &&
		c.Rend.Fg == ColorDefault && c.Rend.Attrs == 0 && c.Rend.Link == 0
}

// cellSpan is the number of columns the cell at x covers: 2 for the left
// half of a complete wide character, else 1.
func cellSpan(cells []Cell, x int) int {
	if cells[x].Wide && x+1 < len(cells) && cells[x+1].WideTail {
		return 2
	}
	return 1
}

// printable reports whether c can be drawn by printing its character,
// which the receiver will measure as n columns wide, as the sender did.
func printable(c *Cell, n int) bool {
	if c.WideTail {
		return false
	}
	switch r := c.Rune; {
	case r >= 0x20 && r < 0x7f, r >= 0xa0 && r < 0x300:
		return n == 1
	case r >= 0x4e00 && r <= 0x9fff, r >= 0xac00 && r <= 0xd7a3:
		// CJK ideographs and Hangul syllables, the bulk of wide text,
		// spared the table search (TestDisplayWidthShortcuts).
		return n == 2
	case r == 0:
		return false
	default:
		return Width(r) == n
	}
}

// drawRow brings row y of the receiver up to date.
func (d *differ) drawRow(y int) {
	row := d.to.rows[y]
	if len(row.Cells) != d.w {
		return // not a row a Framebuffer makes; nothing sensible to draw
	}
	old := d.oldRow(y)
	d.forceFirst, d.forceLast = false, false
	// A wrap flag can only be cleared by erasing the whole row.
	clear := old != nil && (old.Wrapped && !row.Wrapped || len(old.Cells) != d.w)

	x := 0
	if d.cross {
		x = d.crossWrap(y, row, old, clear)
	}
	if !d.forceFirst && old != nil && (old == row || old.Wrapped == row.Wrapped && sameCells(old.Cells, row.Cells)) {
		return
	}
	if clear {
		if d.y != y {
			d.moveTo(y, 0)
		} else if d.wrap == wrapSet {
			d.wrap = wrapMaybe
		}
		d.setSGR(Rendition{}, false)
		d.b = append(d.b, "\x1b[2K"...)
		old = nil
	}
	d.receiverWrapped = old != nil && old.Wrapped
	if y == d.h-1 && row.Wrapped && !d.receiverWrapped {
		d.wrapBottomRow(y, row)
		x = 0 // the placeholder overwrote whatever the crossing drew
	}

	cells := row.Cells
	oldCells := cellsOf(old)
	for x < d.w {
		c := &cells[x]
		n := cellSpan(cells, x)
		if !(x == 0 && d.forceFirst) && !(x+n == d.w && d.forceLast) && unchanged(cells, oldCells, x, n) {
			x += n
			continue
		}
		if isErased(c) {
			end := x + 1
			for end < d.w && cells[end].Rend == c.Rend && isErased(&cells[end]) {
				end++
			}
			d.erase(y, x, end, c.Rend.Bg, row.Wrapped)
			x = end
			continue
		}
		d.drawCell(y, x, c, n)
		x += n
		if d.y == y && d.x == x && d.wrap == wrapClear {
			x = d.putASCIIRun(cells, oldCells, x)
		}
	}
	d.endRow(y, row)
}

// unchanged reports whether the n-column cell at x is the same in cells
// and in the receiver's oldCells (nil for a blank row).
func unchanged(cells, oldCells []Cell, x, n int) bool {
	if oldCells == nil {
		return n == 1 && sameCell(&cells[x], &blankCell)
	}
	return sameCell(&cells[x], &oldCells[x]) && (n == 1 || sameCell(&cells[x+1], &oldCells[x+1]))
}

// sameCells reports whether a and b hold the same cells.
func sameCells(a, b []Cell) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameCell(&a[i], &b[i]) {
			return false
		}
	}
	return true
}

// sameCell is a == b, cheapest test first.
func sameCell(a, b *Cell) bool {
	return a.Rune == b.Rune && a.Rend == b.Rend && a.Wide == b.Wide && a.WideTail == b.WideTail && a.Comb == b.Comb
}

// putASCIIRun is the fast path for the bulk of most screens: with the
// cursor at x, it writes the changed plain ASCII characters that follow in
// the pen's rendition straight out, and returns the column after them.
func (d *differ) putASCIIRun(cells, oldCells []Cell, x int) int {
	if !d.linkKnown {
		return x
	}
	rend := d.pen
	rend.Link = d.link
	start := x
	for ; x < d.w; x++ {
		c := &cells[x]
		if c.Rune < 0x20 || c.Rune >= 0x7f || c.Rend != rend || c.Comb != "" || c.Wide || c.WideTail ||
			(oldCells != nil && sameCell(c, &oldCells[x])) {
			break
		}
		d.b = append(d.b, byte(c.Rune))
	}
	if x > start {
		d.advance(x - start)
	}
	return x
}

// erase erases columns x to end-1 of row y with background bg: EL when the
// run reaches the end of a row that does not wrap, ECH otherwise (EL could
// drop the wrap flag on some terminals).
func (d *differ) erase(y, x, end int, bg Color, wrapped bool) {
	d.moveTo(y, x)
	if d.pen.Bg != bg {
		r := d.pen
		r.Bg = bg
		d.setSGR(r, false)
	}
	if end == d.w && !wrapped {
		d.b = append(d.b, "\x1b[K"...)
	} else {
		d.b = appendCSI(d.b, "", end-x, 'X')
	}
}

// drawCell draws the n-column cell c at (y, x).
func (d *differ) drawCell(y, x int, c *Cell, n int) {
	switch {
	case c.Rune == 0 && c.Comb != "" && n == 1:
		// A fallback cell: combining marks written on an empty cell
		// right after an explicit move join that cell, in mosh's
		// emulator and ours.
		d.hideCursor()
		if d.y != y || d.x != x || d.wrap != wrapClear || d.combAway {
			d.appendMove(y, x)
		}
		d.setSGR(c.Rend, false)
		d.setLink(c.Rend.Link)
		d.b = append(d.b, "\x1b[X"...)
		d.b = appendMarks(d.b, c.Comb)
		d.advance(1)
	case printable(c, n):
		d.moveTo(y, x)
		d.setSGR(c.Rend, false)
		d.setLink(c.Rend.Link)
		d.putCell(c, n)
	default:
		// Not something an emulator produces (an orphaned half of a
		// wide character, a control character): show blanks in its
		// rendition rather than let the receiver's cursor drift.
		d.moveTo(y, x)
		d.setSGR(c.Rend, false)
		d.setLink(c.Rend.Link)
		for range n {
			d.b = append(d.b, ' ')
		}
		d.advance(n)
	}
}

// putCell prints c, which printable accepted, at the cursor.
func (d *differ) putCell(c *Cell, n int) {
	if c.Rune < utf8.RuneSelf {
		d.b = append(d.b, byte(c.Rune))
	} else {
		d.b = utf8.AppendRune(d.b, c.Rune)
	}
	if c.Comb != "" {
		d.b = appendMarks(d.b, c.Comb)
	}
	d.advance(n)
}

// appendMarks appends the combining marks of s, dropping anything that is
// not a zero-width character (which would move the receiver's cursor).
func appendMarks(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if n > 1 && Width(r) == 0 {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// advance moves the tracked cursor past n printed columns; at the end of
// the row it stays in the last column with the deferred wrap pending.
func (d *differ) advance(n int) {
	d.x += n
	if d.x >= d.w {
		d.x, d.wrap = d.w-1, wrapSet
	}
	d.combAway = true
}

// endRow finishes a soft-wrapped row: the receiver's wrap flag is set by
// printing the row's last character and then the next row's first one with
// nothing but SGR in between, so the cursor wraps by itself. If the last
// character was just printed, the crossing is left to the next row;
// otherwise the last character (or a placeholder, for an erased cell) is
// printed again first. The bottom row is handled by wrapBottomRow.
func (d *differ) endRow(y int, row *Row) {
	if !row.Wrapped || y == d.h-1 {
		return
	}
	if d.wrap == wrapSet && d.y == y {
		d.cross, d.crossFlagNeeded = true, !d.receiverWrapped
		return
	}
	if d.receiverWrapped {
		return
	}
	d.printLast(y, row)
	d.cross, d.crossFlagNeeded = true, true
}

// printLast prints the last character of row y so that the cursor is left
// waiting to wrap. An erased or unprintable last cell is replaced by a space
// and marked for repair (crossFixLast or forceLast).
func (d *differ) printLast(y int, row *Row) {
	lx := d.w - 1
	if lx > 0 && row.Cells[lx].WideTail && row.Cells[lx-1].Wide {
		lx--
	}
	c := &row.Cells[lx]
	if printable(c, d.w-lx) {
		d.moveTo(y, lx)
		d.setSGR(c.Rend, false)
		d.setLink(c.Rend.Link)
		d.putCell(c, d.w-lx)
		return
	}
	d.moveTo(y, d.w-1)
	d.b = append(d.b, ' ')
	d.advance(1)
	if y == d.h-1 {
		d.forceLast = true
	} else {
		d.crossFixLast = true
	}
}

// crossWrap completes the crossing endRow prepared: it prints row y's first
// cell if that is due anyway, else a placeholder space if the previous
// row's flag still needs setting (the cell is then redrawn), and repairs
// the previous row's last cell if it held a placeholder. It returns the
// column drawing continues from.
func (d *differ) crossWrap(y int, row, old *Row, clear bool) int {
	d.cross = false
	x := 0
	c := &row.Cells[0]
	n := cellSpan(row.Cells, 0)
	changed := !unchanged(row.Cells, cellsOf(old), 0, n)
	switch {
	case !clear && changed && printable(c, n) && d.linkKnown && d.link == c.Rend.Link:
		d.setSGR(c.Rend, false)
		d.y, d.x, d.wrap = y, 0, wrapClear
		d.putCell(c, n)
		x = n
	case d.crossFlagNeeded:
		d.y, d.x, d.wrap = y, 0, wrapClear
		d.b = append(d.b, ' ')
		d.advance(1)
		d.forceFirst = true
	}
	if d.crossFixLast {
		d.crossFixLast = false
		d.repairCell(y-1, d.w-1)
	}
	return x
}

// repairCell redraws the narrow cell at (y, x) over a placeholder.
func (d *differ) repairCell(y, x int) {
	c := &d.to.rows[y].Cells[x]
	if isErased(c) {
		d.erase(y, x, x+1, c.Rend.Bg, true)
		return
	}
	d.drawCell(y, x, c, 1)
}

// wrapBottomRow sets the wrap flag of the bottom row, which cannot be done
// by wrapping into the next row. With a scrolling region that leaves the
// bottom row out, a wrap there moves the cursor to column 0 of the same
// row. Both cells touched are redrawn afterwards. A screen of fewer than
// three rows has no such region; the flag is then left clear.
func (d *differ) wrapBottomRow(y int, row *Row) {
	if d.h < 3 {
		return
	}
	d.b = append(d.b, "\x1b[1;"...)
	d.b = appendInt(d.b, d.h-1)
	d.b = append(d.b, 'r')
	d.y, d.wrap = -1, wrapClear
	d.hideCursor()
	d.printLast(y, row)
	d.b = append(d.b, ' ')
	d.b = append(d.b, "\x1b[r"...)
	d.y, d.wrap = -1, wrapClear
	d.forceFirst = true
	d.receiverWrapped = true
}
