package vt

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"

	"github.com/roamterm/roam/vt/parser"
)

// Jump scroll for an emulator that keeps a History.
//
// jumpScroll may not skip lines that go to a History, which a Roam client
// shows as scrollback. But the commonest lines of bulk output, text and
// tabs ended by CR LF, printed from the first column of a blank row in
// the default rendition, make rows whose cells follow from the text
// alone, and which rows scroll off meanwhile is known. So a run of such
// lines goes into the History as row text, without being drawn, and only
// the rows the screen shows at the end of the run are: for a log or the
// `cat` of a big file, most of the lines. The History encodes row text
// only when a line is read, so the lines a flood pushes out of it before
// anyone reads them cost little more than finding where they wrap.

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
			n = plainRun(p, e.fb.width)
		}
		n += nextPlainRun(p[n:], e.fb.height, e.fb.width)
		e.parser.Parse(hd, p[:n])
		p = p[n:]
	}
}

// plainRun returns the length of the plain lines (plainLine, on a screen
// width columns wide) at the start of p.
func plainRun(p []byte, width int) int {
	end := 0
	for {
		_, next, _ := plainLine(p[end:], width)
		if next < 0 {
			return end
		}
		end += next
	}
}

// nextPlainRun returns where in p, after a CR LF, the next run of at
// least n plain lines (plainLine, on a screen width columns wide) starts,
// or len(p) if none does.
func nextPlainRun(p []byte, n, width int) int {
	i := bytes.Index(p, crlf)
	for i >= 0 {
		start := i + len(crlf)
		end, lines := start, 0
		for ; lines < n; lines++ {
			_, next, _ := plainLine(p[end:], width)
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
// ring of the last height-1, each held as row text (see rowCells). All
// are empty between runs.
type jumpScratch struct {
	width  int
	row    []byte
	ring   [][]byte
	wraps  []bool // whether each ring row is soft-wrapped
	ascii  []bool // whether each ring row's text is all ASCII
	oldest int    // the ring slot of the oldest row once the ring is full, else of the next row
	filled int    // how many slots hold rows
}

func (e *Emulator) jumpScratch(w, h int) *jumpScratch {
	j := e.jump
	if j == nil || j.width != w || len(j.ring) != h-1 {
		j = &jumpScratch{width: w, row: make([]byte, 0, w), ring: make([][]byte, h-1),
			wraps: make([]bool, h-1), ascii: make([]bool, h-1)}
		e.jump = j
	}
	j.oldest, j.filled = 0, 0
	return j
}

// Row text is how jumpHistory holds a row printed from plain lines: the
// cells from the first column up to the last one printed, each as a 0
// byte if erased, or as its character in UTF-8 followed by the combining
// marks it holds; a wide character stands for its two columns. A row of
// ASCII text is thus its own bytes, with 0s where tabs skipped columns.

// rowCells draws row text on cells, which must be blank and as wide as
// the row: the cells that printing the row's plain lines made, in the
// default rendition. As print does, it drops characters with no width,
// and the marks beyond MaxCombiningBytes on one character.
func rowCells(cells []Cell, text []byte) {
	col, last := 0, -1
	for i := 0; i < len(text); {
		b := text[i]
		if b < utf8.RuneSelf {
			if b != 0 {
				cells[col].Rune, last = rune(b), col
			}
			col++
			i++
			continue
		}
		r, n := parser.DecodeText(text[i:])
		i += n
		switch Width(r) {
		case 0:
			if c := &cells[max(last, 0)]; last >= 0 && len(c.Comb)+n <= MaxCombiningBytes {
				c.Comb = internComb(c.Comb, r)
			}
		case 1:
			cells[col].Rune, last = r, col
			col++
		case 2:
			cells[col].Rune, cells[col].Wide, last = r, true, col
			cells[col+1].WideTail = true
			col += 2
		}
	}
}

// jumpHistory handles the run of plain lines (plainLine) at the start of
// p when the emulator stands where a CR LF on the bottom row leaves it,
// on a blank row in the default rendition (canJumpHistory), and the run
// fills more rows than the screen has above the cursor: it pushes to the
// History the rows above the cursor and then the rows of the run that
// scroll off, as row text, draws the rest on the rows above the cursor,
// and returns the run's length. The emulator is then as if it had parsed
// the run. Otherwise it changes nothing and returns 0.
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
	lineASCII := true // whether the line being printed is all ASCII
	emit := func(wrapped bool) {
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
				e.history.pushRowText(w, j.row, wrapped, lineASCII)
				j.row = j.row[:0]
				return
			}
			e.history.pushRowText(w, j.ring[j.oldest], j.wraps[j.oldest], j.ascii[j.oldest])
		}
		j.ring[j.oldest], j.row = j.row, j.ring[j.oldest][:0]
		j.wraps[j.oldest], j.ascii[j.oldest] = wrapped, lineASCII
		j.oldest = (j.oldest + 1) % len(j.ring)
	}
	plain := 0
	for {
		n, next, kind := plainLine(p[plain:], w)
		if kind == notPlain {
			break
		}
		lineASCII = kind == asciiLine
		if kind == shortLine {
			// One row, whose row text is the line itself.
			j.row = append(j.row, p[plain:plain+n]...)
			emit(false)
			plain += next
			continue
		}
		// Print the line as printText and tabForward would, from the
		// first column of a blank row: col is the cursor's column (the
		// last one while a wrap is pending), cols how many columns the
		// row text covers, comb the bytes of marks on the last character.
		col, cols, comb, wrapNext := 0, 0, 0, false
		for text := p[plain : plain+n]; len(text) > 0; {
			b := text[0]
			if b == '\t' {
				// To the next tab stop or the last column, keeping a
				// pending wrap.
				if col < w-1 {
					for col++; col < w-1 && !e.tabs[col]; col++ {
					}
				}
				text = text[1:]
				continue
			}
			size, width := 1, 1
			if b >= utf8.RuneSelf {
				var r rune
				r, size = parser.DecodeText(text)
				width = Width(r)
			}
			if width == 0 {
				// A combining mark on the character just printed
				// (plainLine made sure there is one), as printText
				// adds it.
				if comb+size <= MaxCombiningBytes {
					j.row = append(j.row, text[:size]...)
					comb += size
				}
				text = text[size:]
				continue
			}
			if wrapNext {
				emit(true)
				col, cols, wrapNext = 0, 0, false
			}
			if width == 2 && col == w-1 {
				// A wide character does not fit in the last column: it
				// wraps early, leaving the row unmarked (printWidth).
				emit(false)
				col, cols = 0, 0
			}
			for ; cols < col; cols++ {
				j.row = append(j.row, 0)
			}
			k := size
			if b < utf8.RuneSelf {
				// A run of ASCII, up to a tab, other text or the end of
				// the row.
				m := min(len(text), w-col)
				if lineASCII {
					if t := bytes.IndexByte(text[:m], '\t'); t >= 0 {
						m = t
					}
					k = m
				} else {
					for k < m && text[k] != '\t' && text[k] < utf8.RuneSelf {
						k++
					}
				}
				width = k
			}
			j.row = append(j.row, text[:k]...)
			col += width
			cols, comb = col, 0
			if col == w {
				col, wrapNext = w-1, true
			}
			text = text[k:]
		}
		emit(false)
		plain += next
	}
	if !scrolled {
		// Too few rows to jump: the run is left to the parser, and the
		// scratch rows are cleared.
		for i := range j.filled {
			j.ring[i] = j.ring[i][:0]
		}
		j.row = j.row[:0]
		return 0
	}
	for y := range h - 1 {
		slot := (j.oldest + y) % len(j.ring)
		r := e.recycle(fb.rows[y])
		rowCells(r.Cells, j.ring[slot])
		r.Wrapped = j.wraps[slot]
		fb.rows[y] = r
		j.ring[slot] = j.ring[slot][:0]
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

// lineKind is what plainLine finds at the start of a text: how
// jumpHistory may print it, if at all.
type lineKind int

const (
	notPlain  lineKind = iota
	asciiLine          // printable ASCII and tabs
	shortLine          // other text without tabs that fits in a row (textColumns): printed as it is
	textLine           // other text
)

// plainLine returns the length of the plain line at the start of p, where
// the next line starts, and its kind, or notPlain if p does not start
// with one: a plain line is printable text and HT, followed by CR LF (or
// more CRs and LF, as a terminal's output processing makes of a file's
// CR LF: the same). Printable text is ASCII, and, on a screen of at least
// two columns (width), valid UTF-8 other than C1 controls in which a
// combining mark never comes before the line's first character or right
// after a tab (where it would land on a cell printed before); characters
// with no width are dropped, as print drops them, and only in short lines
// (those that fit in a row whatever their characters' widths).
//
// It scans ASCII eight bytes at a time, other text once byte by byte
// (textColumns), and decodes characters one by one only at the start of
// a short line and in long lines.
func plainLine(p []byte, width int) (text, next int, kind lineKind) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	tabs := false
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
			tabs = true
			i++
			continue
		}
		if i < len(p) && p[i] >= utf8.RuneSelf {
			return plainText(p, i, tabs, width)
		}
		j := i
		for j < len(p) && p[j] == '\r' {
			j++
		}
		if j == i || j >= len(p) || p[j] != '\n' {
			return -1, -1, notPlain
		}
		return i, j + 1, asciiLine
	}
}

// plainText is plainLine for a line that is ASCII up to p[start], which
// is not; tabs says whether the ASCII part holds any.
func plainText(p []byte, start int, tabs bool, width int) (text, next int, kind lineKind) {
	nl := bytes.IndexByte(p[start:], '\n')
	if nl < 0 || width < 2 {
		return -1, -1, notPlain
	}
	nl += start
	end := nl
	for end > start && p[end-1] == '\r' {
		end--
	}
	if end == nl {
		return -1, -1, notPlain
	}
	line := p[:end]
	columns, tabbed, ok := textColumns(line[start:])
	if !ok {
		return -1, -1, notPlain
	}
	tabs = tabs || tabbed
	if !tabs && start+columns <= width {
		// Only the start matters: a mark before any character.
		for k := 0; k < len(line); {
			r, n := parser.DecodeText(line[k:])
			switch Width(r) {
			case 0:
				return -1, -1, notPlain
			case 1, 2:
				return end, nl + 1, shortLine
			}
			k += n
		}
		return end, nl + 1, shortLine
	}
	printed := false // whether a character was printed since the start or the last tab
	for k := 0; k < len(line); {
		b := line[k]
		switch {
		case b == '\t':
			printed = false
			k++
			continue
		case b < utf8.RuneSelf:
			printed = true
			k++
			continue
		}
		r, n := parser.DecodeText(line[k:])
		switch Width(r) {
		case 1, 2:
			printed = true
		case 0:
			if !printed {
				return -1, -1, notPlain
			}
		default:
			return -1, -1, notPlain
		}
		k += n
	}
	return end, nl + 1, textLine
}

// textColumns returns at least how many columns the text takes when
// printed, if it holds no tab: a column for each ASCII byte and character
// of two bytes (U+0080 to U+07FF, none of them wide), two for each longer
// one; and whether it holds a tab. ok is false if the text holds a
// control other than HT (C0, DEL, or C1: U+0080 to U+009F, which the
// emulator obeys) or is not valid UTF-8. It is the one pass over the
// bytes of a line that is not all ASCII.
func textColumns(text []byte) (columns int, tabs, ok bool) {
	// The checks of utf8.Valid, inline: this runs on every line of a
	// flood of text.
	cont := func(i int) bool { return i < len(text) && text[i]&0xc0 == 0x80 }
	for i := 0; i < len(text); {
		b := text[i]
		switch {
		case b == '\t':
			tabs = true
			i++
		case b < 0x20 || b == 0x7f:
			return 0, false, false
		case b < utf8.RuneSelf:
			columns++
			i++
		case b >= 0xc2 && b <= 0xdf:
			if !cont(i+1) || b == 0xc2 && text[i+1] < 0xa0 {
				return 0, false, false
			}
			columns++
			i += 2
		case b >= 0xe0 && b <= 0xef:
			if !cont(i+1) || !cont(i+2) || b == 0xe0 && text[i+1] < 0xa0 || b == 0xed && text[i+1] > 0x9f {
				return 0, false, false // overlong, or a surrogate
			}
			columns += 2
			i += 3
		case b >= 0xf0 && b <= 0xf4:
			if !cont(i+1) || !cont(i+2) || !cont(i+3) || b == 0xf0 && text[i+1] < 0x90 || b == 0xf4 && text[i+1] > 0x8f {
				return 0, false, false // overlong, or beyond U+10FFFF
			}
			columns += 2
			i += 4
		default:
			return 0, false, false
		}
	}
	return columns, tabs, true
}
