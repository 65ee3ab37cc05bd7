package vt

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Jump scroll for an emulator that keeps a History.
//
// jumpScroll may not skip lines that go to a History, which a Roam client
// shows as scrollback. But the commonest lines of bulk output, printable
// ASCII and tabs ended by CR LF, printed from the first column of a blank
// row in the default rendition, make rows whose cells are those bytes or
// erased: their encodings (appendPlainRow) come straight from the bytes,
// and which rows scroll off meanwhile is known. So a run of such lines
// goes into the History without being drawn, and only the rows the
// screen shows at the end of the run are: for a log or the `cat` of a
// big file, most of the lines, and most of what drawing and then
// encoding them cost.

var crlf = []byte("\r\n")

// writeKeepingHistory is Write for an emulator with a History: it parses
// p up to each run of plain lines long enough to be worth jumping
// (nextPlainRun), and jumps it (jumpHistory) if the emulator then stands
// where that can be done. A run it cannot jump because of how the
// emulator prints (printsPlain) is parsed whole, since nothing in it can
// change that; one it cannot jump yet (the cursor still on its way down
// the screen) is tried again a line on.
func (e *Emulator) writeKeepingHistory(p []byte) {
	hd := (*handler)(e)
	for len(p) > 0 {
		if jumped := e.jumpHistory(p); jumped > 0 {
			p = p[jumped:]
			continue
		}
		n := 0
		if !e.printsPlain() {
			n = plainRun(p)
		}
		n += nextPlainRun(p[n:], e.fb.height)
		e.parser.Parse(hd, p[:n])
		p = p[n:]
	}
}

// plainRun returns the length of the plain lines (plainLine) at the start
// of p.
func plainRun(p []byte) int {
	end := 0
	for {
		_, next := plainLine(p[end:])
		if next < 0 {
			return end
		}
		end += next
	}
}

// nextPlainRun returns where in p, after a CR LF, the next run of at
// least n plain lines (plainLine) starts, or len(p) if none does.
func nextPlainRun(p []byte, n int) int {
	i := bytes.Index(p, crlf)
	for i >= 0 {
		start := i + len(crlf)
		end, lines := start, 0
		for ; lines < n; lines++ {
			_, next := plainLine(p[end:])
			if next < 0 {
				break
			}
			end += next
		}
		if lines == n {
			return start
		}
		// The line at end is not plain (or p ends): look after it.
		j := bytes.Index(p[end:], crlf)
		if j < 0 {
			break
		}
		i = end + j
	}
	return len(p)
}

// jumpScratch is what jumpHistory works in, kept between writes: the row
// being filled and the rows of the run not yet known to scroll off, a
// ring of the last height-1. Each row is width bytes, a byte per cell: an
// ASCII character, or 0 for an erased cell. All are zero between runs.
type jumpScratch struct {
	width  int
	row    []byte
	ring   [][]byte
	ends   []int  // how many of each ring row's cells come before its trailing erased ones
	wraps  []bool // whether each ring row is soft-wrapped
	oldest int    // the ring slot of the oldest row once the ring is full, else of the next row
	filled int    // how many slots hold rows
}

func (e *Emulator) jumpScratch(w, h int) *jumpScratch {
	j := e.jump
	if j == nil || j.width != w || len(j.ring) != h-1 {
		j = &jumpScratch{width: w, row: make([]byte, w), ring: make([][]byte, h-1), ends: make([]int, h-1), wraps: make([]bool, h-1)}
		for i := range j.ring {
			j.ring[i] = make([]byte, w)
		}
		e.jump = j
	}
	j.oldest, j.filled = 0, 0
	return j
}

// jumpHistory handles the run of plain lines (plainLine) at the start of
// p when the emulator stands where a CR LF on the bottom row leaves it,
// on a blank row in the default rendition (canJumpHistory), and the run
// fills more rows than the screen has above the cursor: it pushes to the
// History the rows above the cursor and then the rows of the run that
// scroll off, encoded from their bytes, draws the rest on the rows above
// the cursor, and returns the run's length. The emulator is then as if
// it had parsed the run. Otherwise it changes nothing and returns 0.
func (e *Emulator) jumpHistory(p []byte) int {
	if !e.canJumpHistory() {
		return 0
	}
	fb := e.fb
	w, h := fb.width, fb.height
	j := e.jumpScratch(w, h)
	// Each row printed on the bottom row scrolls the top row off, by a
	// wrap or by the CR LF: first the h-1 rows above the cursor, then,
	// once those are gone, the rows of the run itself, oldest first. The
	// ring holds the last h-1, which stay on the screen.
	scrolled := false
	plain := 0
	emit := func(end int, wrapped bool) {
		if j.filled < len(j.ring) {
			j.filled++
		} else {
			if !scrolled {
				for _, r := range fb.rows[:h-1] {
					e.history.Push(r)
				}
				scrolled = true
			}
			if len(j.ring) == 0 {
				e.history.pushPlainRow(w, j.row[:end], wrapped)
				clear(j.row[:end])
				return
			}
			old := j.ring[j.oldest]
			e.history.pushPlainRow(w, old[:j.ends[j.oldest]], j.wraps[j.oldest])
			clear(old[:j.ends[j.oldest]])
		}
		j.ring[j.oldest], j.row = j.row, j.ring[j.oldest]
		j.ends[j.oldest], j.wraps[j.oldest] = end, wrapped
		j.oldest = (j.oldest + 1) % len(j.ring)
	}
	for {
		n, next := plainLine(p[plain:])
		if n < 0 {
			break
		}
		// Print the line as printText and tabForward would, from the
		// first column of a blank row.
		col, end, wrapNext := 0, 0, false
		for text := p[plain : plain+n]; len(text) > 0; {
			if text[0] == '\t' {
				// To the next tab stop or the last column, keeping a
				// pending wrap.
				if col < w-1 {
					for col++; col < w-1 && !e.tabs[col]; col++ {
					}
				}
				text = text[1:]
				continue
			}
			if wrapNext {
				emit(end, true)
				col, end, wrapNext = 0, 0, false
			}
			k := min(len(text), w-col)
			if t := bytes.IndexByte(text[:k], '\t'); t >= 0 {
				k = t
			}
			copy(j.row[col:], text[:k])
			col += k
			end = col
			if col == w {
				col, wrapNext = w-1, true
			}
			text = text[k:]
		}
		emit(end, false)
		plain += next
	}
	if !scrolled {
		// Too few rows to jump: the run is left to the parser, and the
		// scratch rows are cleared.
		for i := range j.filled {
			clear(j.ring[i])
		}
		return 0
	}
	for y := range h - 1 {
		slot := (j.oldest + y) % len(j.ring)
		cells := j.ring[slot][:j.ends[slot]]
		r := e.recycle(fb.rows[y])
		for x, b := range cells {
			if b != 0 {
				r.Cells[x] = Cell{Rune: rune(b)}
			}
		}
		r.Wrapped = j.wraps[slot]
		fb.rows[y] = r
		clear(cells)
	}
	// As the run's last CR LF leaves it (canJumpHistory made sure of the
	// rest).
	e.combRow, e.combCol = h-1, 0
	e.lastChar = 0
	return plain
}

// canJumpHistory reports whether the emulator stands where jumpHistory
// can start: it prints plain lines as jumpHistory does (printsPlain), and
// the cursor is at the start of a blank bottom row with no wrap pending.
func (e *Emulator) canJumpHistory() bool {
	fb := e.fb
	h := fb.height
	return e.printsPlain() && fb.Cursor.Row == h-1 && fb.Cursor.Col == 0 && !e.wrapNext && blankRow(fb.rows[h-1])
}

// printsPlain reports whether the emulator prints plain lines as
// jumpHistory does, whatever the cursor: a History kept, the primary
// screen scrolling whole, the parser between sequences, and printing as
// printText does it, in the default rendition (so that a plain line's
// cells are its bytes or erased, and the rows scrolled in are blank).
// Plain lines change none of it.
func (e *Emulator) printsPlain() bool {
	h := e.fb.height
	return e.history != nil && !e.modes.AltScreen && e.top == 0 && e.bottom == h-1 && e.parser.Ground() &&
		e.fb.Pen == (Rendition{}) && e.charsets[e.shift] == charsetASCII && !e.modes.Insert && e.modes.AutoWrap
}

// blankRow reports whether every cell of r is the zero Cell.
func blankRow(r *Row) bool {
	for i := range r.Cells {
		if !zeroCell(&r.Cells[i]) {
			return false
		}
	}
	return !r.Wrapped
}

// plainLine returns the length of the plain line at the start of p and
// where the next line starts, or -1, -1 if p does not start with one: a
// plain line is printable ASCII and HT, followed by CR LF (or more CRs
// and LF, as a terminal's output processing makes of a file's CR LF:
// the same). It looks at eight bytes at a time, and at single bytes only
// where one is a control or not ASCII, so that other text fails fast.
func plainLine(p []byte) (text, next int) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for {
		for i+8 <= len(p) {
			x := binary.LittleEndian.Uint64(p[i:])
			below := (x - 0x20*ones) &^ x & highs // a byte < 0x20
			above := (x + ones | x) & highs       // a byte > 0x7e
			if m := below | above; m != 0 {
				// The lowest byte flagged is one of those (a borrow or
				// carry flags only bytes above a true one).
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		for ; i < len(p) && p[i] >= 0x20 && p[i] <= 0x7e; i++ {
		}
		if i < len(p) && p[i] == '\t' {
			i++
			continue
		}
		j := i
		for j < len(p) && p[j] == '\r' {
			j++
		}
		if j == i || j >= len(p) || p[j] != '\n' {
			return -1, -1
		}
		return i, j + 1
	}
}
