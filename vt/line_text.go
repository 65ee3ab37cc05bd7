package vt

import (
	"encoding/binary"
	"unicode/utf8"
)

// AppendRowText appends what AppendRowText(dst, l.Row(), width) appends,
// the bytes that draw l on a terminal's line, reading l's encoding
// directly: a terminal front end writes every history line it receives
// into the terminal's scrollback, thousands a second during a flood of
// output, and the text of a line is, byte for byte, most of its
// encoding. A line wider than width (cut at the margin) goes through
// l.Row().
func (l Line) AppendRowText(dst []byte, width int) []byte {
	if l.Width() > width {
		return AppendRowText(dst, l.Row(), width)
	}
	t := lineText{dst: append(dst, "\x1b[0m"...)}
	if !t.run(l.b) {
		// Not a line this process keeps (ParseLine checked it): draw
		// what decodes, as AppendRowText would.
		return AppendRowText(dst, l.Row(), width)
	}
	if t.link != 0 {
		t.dst = appendLink(t.dst, 0)
	}
	t.dst = append(t.dst, "\x1b[0m"...)
	if t.drawn < width {
		t.dst = append(t.dst, "\x1b[K"...)
	}
	return t.dst
}

// lineText draws the cells of a line's encoding as AppendRowText draws
// cells.
type lineText struct {
	dst  []byte
	pen  Rendition // the terminal's; its Link is not used
	link LinkID    // the terminal's open hyperlink
	// drawn counts the cells drawn; zeros, the zero Cells after them,
	// which are drawn as spaces if a cell that is not zero follows and
	// else left to the erase at the end of the line.
	drawn, zeros int
	// The previous cell, for tokRepeat: none yet, a zero Cell, a right
	// half, or the text dst[prevStart:] drawn for it.
	havePrev, prevZero, prevTail bool
	prevStart                    int
}

// run draws the cells of the encoding b, reporting false if b is not an
// encoding.
func (t *lineText) run(b []byte) bool {
	_, n := binary.Uvarint(b)
	if n <= 0 || n >= len(b) {
		return false
	}
	b = b[n+1:]
	var (
		rend Rendition
		wide bool
		comb []byte
	)
	for len(b) > 0 {
		tok := b[0]
		if tok >= 0x20 && !wide && comb == nil {
			// A run of characters, one cell each, is its own text.
			k, cells := checkedTextRun(b)
			if k == 0 {
				return false
			}
			t.pens(rend)
			t.dst = append(t.dst, b[:k]...)
			t.setPrev(len(t.dst)-1, false, false)
			for t.dst[t.prevStart]&0xc0 == 0x80 {
				t.prevStart-- // back to the last character's first byte
			}
			t.drawn += cells
			b = b[k:]
			continue
		}
		switch tok {
		case tokRepeat:
			k, n := binary.Uvarint(b[1:])
			if n <= 0 || k > maxLineWidth || !t.havePrev {
				return false
			}
			switch {
			case t.prevZero:
				t.zeros += int(k)
			case t.prevTail:
				t.drawn += int(k)
			default:
				end := len(t.dst)
				for range k {
					t.dst = append(t.dst, t.dst[t.prevStart:end]...)
				}
				t.prevStart = end + (int(k)-1)*(end-t.prevStart)
				t.drawn += int(k)
			}
			b = b[1+n:]
			continue
		case tokRend:
			r, rest, _, ok := parseRendition(b[1:])
			if !ok {
				return false
			}
			rend, b = r, rest
			continue
		case tokPen:
			r, rest, ok := parsePen(b[1:])
			if !ok {
				return false
			}
			rend, b = r, rest
			continue
		case tokWide:
			wide, b = true, b[1:]
			continue
		case tokComb:
			k, n := binary.Uvarint(b[1:])
			if n <= 0 || k > uint64(len(b)-1-n) {
				return false
			}
			comb, b = b[1+n:1+n+int(k)], b[1+n+int(k):]
			continue
		case tokTail:
			t.flushZeros()
			t.setPrev(0, false, true)
			t.drawn++
			b = b[1:]
			continue
		}
		r, size := rune(0), 1
		if tok >= 0x20 {
			if r, size = utf8.DecodeRune(b); r == utf8.RuneError && size <= 1 {
				return false
			}
		} else if tok != tokErased {
			return false
		}
		if r == 0 && comb == nil && !wide && rend == (Rendition{}) {
			// A zero Cell: a space if anything follows.
			t.zeros++
			t.setPrev(0, true, false)
		} else {
			t.pens(rend)
			t.setPrev(len(t.dst), false, false)
			switch {
			case r == 0 && comb == nil:
				t.dst = append(t.dst, ' ')
			case r == 0:
				t.dst = utf8.AppendRune(t.dst, 0xa0)
			default:
				t.dst = append(t.dst, b[:size]...)
			}
			if comb != nil {
				t.dst = appendMarks(t.dst, string(comb))
			}
			t.drawn++
		}
		b = b[size:]
		wide, comb = false, nil
	}
	return !wide && comb == nil
}

// checkedTextRun is textRun for an encoding already checked (every Line
// is: ParseLine checks what arrives, and a Line of this process is made
// from cells): it counts the characters by their first bytes instead of
// decoding them, which was half the cost of drawing a line of non-ASCII
// text.
func checkedTextRun(b []byte) (n, cells int) {
	for n < len(b) {
		c := b[n]
		if c < 0x20 || c == 0x7f {
			break // a token
		}
		if c&0xc0 != 0x80 {
			cells++ // not a continuation byte: a character starts
		}
		n++
	}
	return n, cells
}

// setPrev records the cell just drawn, for a tokRepeat after it.
func (t *lineText) setPrev(start int, zero, tail bool) {
	t.havePrev, t.prevStart, t.prevZero, t.prevTail = true, start, zero, tail
}

// pens draws the zero Cells pending, then sets the terminal's rendition
// and hyperlink to rend's for a cell that is not zero.
func (t *lineText) pens(rend Rendition) {
	t.flushZeros()
	t.setPen(rend)
}

// flushZeros draws the zero Cells pending as spaces in the default
// rendition.
func (t *lineText) flushZeros() {
	if t.zeros == 0 {
		return
	}
	t.setPen(Rendition{})
	for range t.zeros {
		t.dst = append(t.dst, ' ')
	}
	t.drawn += t.zeros
	t.zeros = 0
}

func (t *lineText) setPen(rend Rendition) {
	if rend.Fg != t.pen.Fg || rend.Bg != t.pen.Bg || rend.Attrs != t.pen.Attrs {
		t.dst = appendSGR(t.dst, rend)
		t.pen = rend
	}
	if rend.Link != t.link {
		t.link = rend.Link
		t.dst = appendLink(t.dst, t.link)
	}
}
