package vt

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"unicode/utf8"
)

// Line is an immutable, compact copy of a Row: what a scrollback history
// keeps of a line that left the screen. It holds the cells (characters,
// combining marks, renditions including hyperlinks, double-width halves)
// and the soft-wrap flag in a byte encoding of a few bytes per run of
// text, so that tens of thousands of lines cost about as much memory as
// their text. A hyperlink is held as its LinkID: its target is kept once,
// in the process's link table, however many lines refer to it.
//
// The zero Line is an empty line of width 0. Lines are values: copy them
// freely and read them from any goroutine.
type Line struct {
	b []byte // the encoding below; never modified once built
}

// The encoding of a Line: a header (uvarint width, then a flags byte), then
// one token per cell, in column order, up to the last cell that is not a
// zero Cell (the rest of the width is zero Cells). A cell token is a base
// character (UTF-8, at least U+0020) or tokErased, optionally preceded by
// tokWide and tokComb. tokPen sets the rendition of the cells that follow
// (initially the zero Rendition), its link as a LinkID of the process that
// encoded the line; tokRend does the same with the link's target written
// out, as the first Roam servers encoded every line, and is still what a
// peer without link tables gets (AppendSelfContained). tokRepeat repeats
// the previous cell. The encoding is also the wire form of a history line,
// so the decoder (ParseLine) checks everything it reads.
const (
	tokErased = 0x00 // a cell with no character (Rune 0)
	tokRepeat = 0x01 // uvarint n: n more copies of the previous cell
	tokRend   = 0x02 // uvarint fg, bg, attrs; link params and URI (uvarint length + bytes each)
	tokWide   = 0x03 // the next cell is the left half of a double-width character
	tokComb   = 0x04 // uvarint length + UTF-8 combining marks of the next cell
	tokTail   = 0x05 // the right half of a double-width character
	tokPen    = 0x06 // uvarint fg, bg, attrs, link ID

	lineWrapped = 1 << 0 // flags: Row.Wrapped

	// maxLineWidth bounds the width a decoded line may claim, as a window
	// dimension is bounded elsewhere: a hostile peer cannot make a reader
	// allocate more.
	maxLineWidth = 1 << 15
	// maxLinkBytes bounds a hyperlink's parameters or URI in a line.
	maxLinkBytes = 4096
)

// ErrBadLine is returned by ParseLine for bytes that are not a Line's
// encoding.
var ErrBadLine = errors.New("vt: malformed history line")

// NewLine returns a compact copy of r.
func NewLine(r *Row) Line { return Line{b: appendLine(nil, r, false)} }

// appendLine appends the encoding of r to dst, with the links' targets
// written out if selfContained, else their IDs.
func appendLine(dst []byte, r *Row, selfContained bool) []byte {
	cells := r.Cells
	dst = binary.AppendUvarint(dst, uint64(len(cells)))
	var flags byte
	if r.Wrapped {
		flags |= lineWrapped
	}
	dst = append(dst, flags)
	n := len(cells)
	for n > 0 && zeroCell(&cells[n-1]) {
		n--
	}
	var rend Rendition
	for i := 0; i < n; {
		c := &cells[i]
		if c.Rend != rend {
			rend = c.Rend
			if selfContained {
				dst = appendRendition(dst, rend)
			} else {
				dst = appendPen(dst, rend)
			}
		}
		if c.Rune >= 0x20 && c.Rune < 0x7f && c.Comb == "" && !c.Wide && !c.WideTail {
			// Plain ASCII, the bulk of most lines: one byte, no run check.
			dst = append(dst, byte(c.Rune))
			i++
			continue
		}
		dst = appendCell(dst, c)
		run := 1
		for i+run < n && cells[i+run] == *c {
			run++
		}
		if run > 2 {
			dst = append(dst, tokRepeat)
			dst = binary.AppendUvarint(dst, uint64(run-1))
		} else if run == 2 {
			dst = appendCell(dst, c)
		}
		i += run
	}
	return dst
}

// appendPlainRow appends what appendLine appends for a row of width cells
// holding cells, a byte per cell: a printable ASCII character in the
// default rendition, or 0 for an erased cell; the row's cells beyond are
// erased. It works on bytes rather than Cells (see jumpHistory), and
// must encode as appendLine does: characters as themselves, a run of
// erased cells as one, two, or one and a repeat.
func appendPlainRow(dst []byte, width int, cells []byte, wrapped bool) []byte {
	dst = binary.AppendUvarint(dst, uint64(width))
	var flags byte
	if wrapped {
		flags |= lineWrapped
	}
	dst = append(dst, flags)
	for len(cells) > 0 {
		i := bytes.IndexByte(cells, 0)
		if i < 0 {
			return append(dst, cells...)
		}
		dst = append(dst, cells[:i]...)
		run := 1
		for i+run < len(cells) && cells[i+run] == 0 {
			run++
		}
		dst = append(dst, tokErased)
		if run > 2 {
			dst = append(dst, tokRepeat)
			dst = binary.AppendUvarint(dst, uint64(run-1))
		} else if run == 2 {
			dst = append(dst, tokErased)
		}
		cells = cells[i+run:]
	}
	return dst
}

// zeroCell reports whether c is the zero Cell, field by field: faster
// than comparing whole structs, which this loop does for every trailing
// blank of every line kept.
func zeroCell(c *Cell) bool {
	return c.Rune == 0 && c.Rend == Rendition{} && !c.Wide && !c.WideTail && c.Comb == ""
}

func appendPen(dst []byte, r Rendition) []byte {
	dst = append(dst, tokPen)
	dst = binary.AppendUvarint(dst, uint64(r.Fg))
	dst = binary.AppendUvarint(dst, uint64(r.Bg))
	dst = binary.AppendUvarint(dst, uint64(r.Attrs))
	return binary.AppendUvarint(dst, uint64(r.Link))
}

func appendRendition(dst []byte, r Rendition) []byte {
	dst = append(dst, tokRend)
	dst = binary.AppendUvarint(dst, uint64(r.Fg))
	dst = binary.AppendUvarint(dst, uint64(r.Bg))
	dst = binary.AppendUvarint(dst, uint64(r.Attrs))
	params, uri := LinkTarget(r.Link)
	dst = binary.AppendUvarint(dst, uint64(len(params)))
	dst = append(dst, params...)
	dst = binary.AppendUvarint(dst, uint64(len(uri)))
	return append(dst, uri...)
}

func appendCell(dst []byte, c *Cell) []byte {
	if c.WideTail {
		return append(dst, tokTail)
	}
	if c.Wide {
		dst = append(dst, tokWide)
	}
	if c.Comb != "" {
		dst = append(dst, tokComb)
		dst = binary.AppendUvarint(dst, uint64(len(c.Comb)))
		dst = append(dst, c.Comb...)
	}
	if c.Rune == 0 {
		return append(dst, tokErased)
	}
	r := c.Rune
	if !cellRune(r) {
		r = utf8.RuneError // never stored by the emulator; keep the line drawable
	}
	return utf8.AppendRune(dst, r)
}

// cellRune reports whether r may stand in a cell: no C0 or C1 control,
// no DEL, a valid code point. What a line carries is later written to
// terminals, so a decoded line must never smuggle control characters.
func cellRune(r rune) bool {
	return r >= 0x20 && (r < 0x7f || r > 0x9f) && utf8.ValidRune(r)
}

// printableString reports whether s is valid UTF-8 without control
// characters.
func printableString(s []byte) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if r == utf8.RuneError && n <= 1 || !cellRune(r) {
			return false
		}
		s = s[n:]
	}
	return true
}

// textRun returns the length of the run of characters that b starts
// with, up to the next token, and the number of cells they take, one
// each, or ok false if one of them may not stand in a cell. Runs of
// characters are most of an encoding, and reading them whole is what
// makes checking and drawing a line cheap.
func textRun(b []byte) (n, cells int, ok bool) {
	for n < len(b) {
		c := b[n]
		if c >= 0x20 && c < 0x7f {
			n++
			cells++
			continue
		}
		if c < 0x80 {
			break // a token, or DEL, which is not a character of a cell
		}
		r, size := utf8.DecodeRune(b[n:])
		if r == utf8.RuneError && size <= 1 || !cellRune(r) {
			return n, cells, false
		}
		n += size
		cells++
	}
	return n, cells, true
}

// ParseLine checks that b is the encoding of a Line made by another
// process (Bytes or AppendSelfContained there) and returns the Line.
// links translates the link IDs in b to this process's; IDs it does not
// define, and all of them if it is nil, read as no link.
func ParseLine(b []byte, links *LinkMap) (Line, error) {
	l := Line{b: b}
	linked, err := l.decode(nil, links.resolve)
	if err != nil {
		return Line{}, err
	}
	if !linked {
		return Line{b: append([]byte(nil), b...)}, nil
	}
	// Store this process's IDs, not the sender's nor link targets.
	r := &Row{Cells: make([]Cell, 0, l.Width()), Wrapped: l.Wrapped()}
	l.decode(func(c Cell) { r.Cells = append(r.Cells, c) }, links.resolve)
	for len(r.Cells) < l.Width() {
		r.Cells = append(r.Cells, Cell{})
	}
	return NewLine(r), nil
}

// Bytes returns the encoding of l, for ParseLine on the other end of a
// connection with a LinkMap defining the links AppendLinks lists. The
// caller must not modify it.
func (l Line) Bytes() []byte { return l.b }

// AppendSelfContained appends an encoding of l that holds the targets of
// its links instead of their IDs: what ParseLine reads without a LinkMap,
// and, byte for byte, what the first Roam servers sent, which is all the
// first Roam clients read.
func (l Line) AppendSelfContained(dst []byte) []byte {
	if bytes.IndexByte(l.b, tokPen) < 0 {
		// No rendition holds an ID (text never holds the byte): the
		// line is self-contained as it is, and a line this process
		// pushed, all in the default rendition, encodes the same
		// either way. statesync sends each history line this way on
		// every diff for such peers; most need no decoding.
		return append(dst, l.b...)
	}
	return appendLine(dst, l.Row(), true)
}

// AppendLinks appends to dst the IDs of the links l's cells belong to,
// each once, in order of first use.
func (l Line) AppendLinks(dst []LinkID) []LinkID {
	// Only tokPen holds a link in a Line of this process (ParseLine
	// re-encodes the lines whose tokRend names one), and text never
	// holds the byte: most lines are told linkless without decoding
	// them, which statesync does for each history line of every send.
	if bytes.IndexByte(l.b, tokPen) < 0 {
		return dst
	}
	start := len(dst)
	var last LinkID
	l.decode(func(c Cell) {
		if id := c.Rend.Link; id != 0 && id != last {
			last = id
			if !slices.Contains(dst[start:], id) {
				dst = append(dst, id)
			}
		}
	}, nil)
	return dst
}

// Width returns the number of cells of l: the width of the screen it left.
func (l Line) Width() int {
	w, _ := binary.Uvarint(l.b)
	return int(w)
}

// Wrapped reports whether the text of l continues on the next line (a
// soft wrap).
func (l Line) Wrapped() bool {
	_, n := binary.Uvarint(l.b)
	return n > 0 && n < len(l.b) && l.b[n]&lineWrapped != 0
}

// Empty reports whether every cell of l is a zero Cell (an erased cell
// in the default rendition), as in a blank line or a line a History
// records for one it never got: the line shows nothing, which a front end
// writing many lines can tell without decoding it.
func (l Line) Empty() bool {
	_, n := binary.Uvarint(l.b)
	return n+1 >= len(l.b) // a header, no cell token
}

// AppendCells appends the Width cells of l to dst.
func (l Line) AppendCells(dst []Cell) []Cell {
	start := len(dst)
	l.decode(func(c Cell) { dst = append(dst, c) }, nil)
	for len(dst)-start < l.Width() {
		dst = append(dst, Cell{})
	}
	return dst
}

// Row returns a new Row holding l's cells and wrap flag.
func (l Line) Row() *Row {
	return &Row{Cells: l.AppendCells(make([]Cell, 0, l.Width())), Wrapped: l.Wrapped()}
}

// Text returns the characters of l with trailing blanks removed: erased
// cells read as spaces, the right halves of double-width characters as
// nothing, fallback cells as a no-break space with their marks.
func (l Line) Text() string {
	var s []byte
	keep := 0 // length of s up to the last non-blank cell
	l.decode(func(c Cell) {
		switch {
		case c.WideTail:
			return
		case c.Rune == 0 && c.Comb == "":
			s = append(s, ' ')
			return
		case c.Rune == 0:
			s = utf8.AppendRune(s, 0xa0)
		default:
			s = utf8.AppendRune(s, c.Rune)
		}
		s = append(s, c.Comb...)
		if !c.IsBlank() {
			keep = len(s)
		}
	}, nil)
	return string(s[:keep])
}

// decode calls cell, unless it is nil (a check only), for each encoded
// cell of l (not the zero cells that pad it to its width) and checks the
// encoding. The link IDs of tokPen are translated by resolve, or kept if
// it is nil (a line of this process). It reports whether the encoding
// refers to a link (whether or not it resolves).
//
// A client checks every history line it receives, thousands a second
// during a flood of output, so a check builds no Cell and reads runs of
// characters whole (textRun), and decoding takes plain ASCII, most of
// most lines, in a branch of its own.
func (l Line) decode(cell func(Cell), resolve func(LinkID) LinkID) (linked bool, err error) {
	b := l.b
	width, n := binary.Uvarint(b)
	if n <= 0 || width > maxLineWidth || n >= len(b) || b[n]&^lineWrapped != 0 {
		return false, ErrBadLine
	}
	b = b[n+1:]
	var (
		rend     Rendition
		prev     Cell // the last cell, kept only for a cell func
		havePrev bool
		wide     bool   // a tokWide is pending
		comb     []byte // a tokComb's marks are pending
		count    uint64 // cells so far
	)
	for len(b) > 0 {
		tok := b[0]
		if tok >= 0x20 && cell == nil && !wide && comb == nil {
			// Checking only: a run of characters at once.
			k, cells, ok := textRun(b)
			if !ok || k == 0 || uint64(cells) > width-count {
				return linked, ErrBadLine
			}
			count += uint64(cells)
			havePrev = true
			b = b[k:]
			continue
		}
		if tok >= 0x20 && tok < 0x7f && !wide && comb == nil {
			if count >= width {
				return linked, ErrBadLine
			}
			count++
			havePrev = true
			if cell != nil {
				prev = Cell{Rune: rune(tok), Rend: rend}
				cell(prev)
			}
			b = b[1:]
			continue
		}
		switch tok {
		case tokRepeat:
			k, n := binary.Uvarint(b[1:])
			if n <= 0 || !havePrev || wide || comb != nil || k > width-count {
				return linked, ErrBadLine
			}
			count += k
			if cell != nil {
				for range k {
					cell(prev)
				}
			}
			b = b[1+n:]
			continue
		case tokRend:
			r, rest, withLink, ok := parseRendition(b[1:])
			if !ok || wide || comb != nil {
				return linked, ErrBadLine
			}
			rend, b = r, rest
			linked = linked || withLink
			continue
		case tokPen:
			r, rest, ok := parsePen(b[1:])
			if !ok || wide || comb != nil {
				return linked, ErrBadLine
			}
			if r.Link != 0 {
				linked = true
				if resolve != nil {
					r.Link = resolve(r.Link)
				}
			}
			rend, b = r, rest
			continue
		case tokWide:
			if wide || comb != nil {
				return linked, ErrBadLine
			}
			wide, b = true, b[1:]
			continue
		case tokComb:
			k, n := binary.Uvarint(b[1:])
			if n <= 0 || comb != nil || k == 0 || k > MaxCombiningBytes || k > uint64(len(b)-1-n) {
				return linked, ErrBadLine
			}
			comb = b[1+n : 1+n+int(k)]
			if !printableString(comb) {
				return linked, ErrBadLine
			}
			b = b[1+n+int(k):]
			continue
		}
		var c Cell
		switch tok {
		case tokTail:
			if wide || comb != nil {
				return linked, ErrBadLine
			}
			c = Cell{Rend: rend, WideTail: true}
			b = b[1:]
		case tokErased:
			c = Cell{Rend: rend, Wide: wide}
			b = b[1:]
		default:
			r, n := utf8.DecodeRune(b)
			if r == utf8.RuneError && n <= 1 || !cellRune(r) {
				return linked, ErrBadLine
			}
			c = Cell{Rune: r, Rend: rend, Wide: wide}
			b = b[n:]
		}
		if count >= width {
			return linked, ErrBadLine
		}
		count++
		havePrev = true
		if cell != nil {
			if comb != nil {
				c.Comb = string(comb)
			}
			prev = c
			cell(c)
		}
		wide, comb = false, nil
	}
	if wide || comb != nil {
		return linked, ErrBadLine
	}
	return linked, nil
}

// parseColors reads the colours and attributes that start the body of a
// tokPen or tokRend token.
func parseColors(b []byte) (Rendition, []byte, bool) {
	var v [3]uint64
	for i := range v {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			return Rendition{}, nil, false
		}
		v[i], b = x, b[n:]
	}
	if !validColor(v[0]) || !validColor(v[1]) || v[2] > 0xffff {
		return Rendition{}, nil, false
	}
	return Rendition{Fg: Color(v[0]), Bg: Color(v[1]), Attrs: Attr(v[2])}, b, true
}

// parsePen reads the body of a tokPen token; the link ID is the
// encoder's.
func parsePen(b []byte) (Rendition, []byte, bool) {
	r, b, ok := parseColors(b)
	if !ok {
		return Rendition{}, nil, false
	}
	id, n := binary.Uvarint(b)
	if n <= 0 || id > maxLinks {
		return Rendition{}, nil, false
	}
	r.Link = LinkID(id)
	return r, b[n:], true
}

// parseRendition reads the body of a tokRend token, interning its link,
// and reports whether it names one.
func parseRendition(b []byte) (r Rendition, rest []byte, withLink, ok bool) {
	r, b, ok = parseColors(b)
	if !ok {
		return Rendition{}, nil, false, false
	}
	var link [2][]byte
	for i := range link {
		k, n := binary.Uvarint(b)
		if n <= 0 || k > maxLinkBytes || k > uint64(len(b)-n) {
			return Rendition{}, nil, false, false
		}
		link[i], b = b[n:n+int(k)], b[n+int(k):]
		if !printableString(link[i]) {
			return Rendition{}, nil, false, false
		}
	}
	if len(link[1]) > 0 {
		r.Link = InternLink(string(link[0]), string(link[1]))
	}
	return r, b, len(link[1]) > 0, true
}

// validColor reports whether v is a Color the emulator can produce: the
// default, an indexed colour or an RGB colour.
func validColor(v uint64) bool {
	if v > 0xffffffff {
		return false
	}
	switch c := Color(v); c & colorKindMask {
	case 0:
		return c == ColorDefault
	case colorKindIndexed:
		return c&^(colorKindMask|0xff) == 0
	case colorKindRGB:
		return true
	}
	return false
}
