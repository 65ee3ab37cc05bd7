package vt

// Color is a foreground or background colour: the terminal default, one of
// the 256 indexed colours, or a 24-bit RGB colour. The zero value is the
// default colour. Colors are comparable with ==.
type Color uint32

const (
	colorKindMask    Color = 0xff << 24
	colorKindIndexed Color = 1 << 24
	colorKindRGB     Color = 2 << 24

	// ColorDefault is the terminal's default foreground or background.
	ColorDefault Color = 0
)

// IndexedColor returns palette colour n (0–7 basic, 8–15 bright, 16–255 the
// xterm 256-colour cube and grey ramp).
func IndexedColor(n uint8) Color { return colorKindIndexed | Color(n) }

// RGBColor returns a 24-bit colour.
func RGBColor(r, g, b uint8) Color {
	return colorKindRGB | Color(r)<<16 | Color(g)<<8 | Color(b)
}

// IsDefault reports whether c is the terminal's default colour.
func (c Color) IsDefault() bool { return c == ColorDefault }

// Index returns the palette index and true if c is an indexed colour.
func (c Color) Index() (uint8, bool) {
	return uint8(c), c&colorKindMask == colorKindIndexed
}

// RGB returns the components and true if c is a 24-bit colour.
func (c Color) RGB() (r, g, b uint8, ok bool) {
	return uint8(c >> 16), uint8(c >> 8), uint8(c), c&colorKindMask == colorKindRGB
}

// Attr is a set of character attributes (SGR 1–9).
type Attr uint16

// Character attributes.
const (
	AttrBold Attr = 1 << iota
	AttrFaint
	AttrItalic
	AttrUnderline
	AttrBlink
	AttrInverse
	AttrInvisible
	AttrStrikethrough
)

// Rendition is how a cell is drawn: colours, attributes and hyperlink.
// The zero value is the default rendition. Renditions are comparable with ==.
type Rendition struct {
	Fg, Bg Color
	Attrs  Attr
	// Link is the hyperlink (OSC 8) the cell belongs to, 0 for none; see
	// InternLink and LinkTarget.
	Link LinkID
}

// Cell is one character position of the screen.
//
// The zero value is an erased cell with the default rendition. An erased
// cell (Rune 0) and a cell holding a space look the same; they differ only in
// how a copy of the screen's text treats trailing blanks.
type Cell struct {
	// Comb holds the combining marks (UTF-8) that follow Rune in this cell's
	// grapheme, at most MaxCombiningBytes bytes. When Rune is 0 and Comb is
	// not empty, the cell is a "fallback" cell: combining marks with no base,
	// drawn on a no-break space (U+00A0) as mosh does.
	Comb string
	// Rune is the base character, 0 for an erased cell.
	Rune rune
	Rend Rendition
	// Wide marks the left half of a double-width character; the cell to its
	// right then has WideTail set and Rune 0.
	Wide bool
	// WideTail marks the right half of a double-width character.
	WideTail bool
}

// MaxCombiningBytes bounds Cell.Comb, as mosh bounds a cell's contents, so
// that a stream of combining marks cannot grow memory.
const MaxCombiningBytes = 32

// IsBlank reports whether c draws as an empty position: erased, or a plain
// space (or no-break space) with nothing combined on it.
func (c *Cell) IsBlank() bool {
	return c.Comb == "" && (c.Rune == 0 || c.Rune == ' ' || c.Rune == 0xa0)
}

// Row is one line of the screen.
//
// Rows are shared between a Framebuffer and its clones and are copied on
// first write (see Framebuffer.MutableRow); a Row obtained from
// Framebuffer.Row must therefore never be modified.
type Row struct {
	Cells []Cell
	// Wrapped is set when the text of this row continues on the next one
	// because it was written past the last column (a soft wrap).
	Wrapped bool
	// shared is set once the row is referenced by more than one
	// Framebuffer; a shared row is immutable.
	shared bool
}

func newRow(width int, bg Color) *Row {
	r := &Row{Cells: make([]Cell, width)}
	if bg != ColorDefault {
		for i := range r.Cells {
			r.Cells[i].Rend.Bg = bg
		}
	}
	return r
}

// Equal reports whether r and o hold the same cells and wrap flag.
func (r *Row) Equal(o *Row) bool {
	if r == o {
		return true
	}
	if r.Wrapped != o.Wrapped || len(r.Cells) != len(o.Cells) {
		return false
	}
	for i := range r.Cells {
		if r.Cells[i] != o.Cells[i] {
			return false
		}
	}
	return true
}

// CursorStyle is the cursor shape set by DECSCUSR.
type CursorStyle uint8

// Cursor shapes, numbered as DECSCUSR numbers them.
const (
	CursorDefault CursorStyle = iota
	CursorBlinkingBlock
	CursorSteadyBlock
	CursorBlinkingUnderline
	CursorSteadyUnderline
	CursorBlinkingBar
	CursorSteadyBar
)

// Cursor is the cursor position (0-based) and how it is shown.
type Cursor struct {
	Row, Col int
	Visible  bool
	Style    CursorStyle
}

// MouseMode is the mouse reporting mode requested by the application.
type MouseMode uint16

// Mouse reporting modes, numbered by their DECSET parameter.
const (
	MouseNone      MouseMode = 0
	MouseX10       MouseMode = 9
	MouseVT200     MouseMode = 1000
	MouseHighlight MouseMode = 1001
	MouseButton    MouseMode = 1002
	MouseAny       MouseMode = 1003
)

// MouseEncoding is the encoding of mouse reports.
type MouseEncoding uint16

// Mouse report encodings, numbered by their DECSET parameter.
const (
	MouseEncodingDefault MouseEncoding = 0
	MouseEncodingUTF8    MouseEncoding = 1005
	MouseEncodingSGR     MouseEncoding = 1006
	MouseEncodingURXVT   MouseEncoding = 1015
)

// Framebuffer is the visible state of a terminal: the rows of cells and
// everything a display diff carries (cursor, pen, title, clipboard, bell,
// reverse video, bracketed paste and mouse modes).
//
// Clone is cheap: rows are shared and copied on write. A Framebuffer is not
// safe for concurrent use, but a clone that is no longer written may be read
// by any number of goroutines while the original goes on changing.
type Framebuffer struct {
	rows          []*Row
	width, height int

	Cursor Cursor
	// Pen is the current rendition, applied to newly printed characters.
	Pen Rendition

	// Title and IconName are set by OSC 0/1/2; TitleSet records that an
	// application set either (mosh sends titles only after that).
	Title, IconName string
	TitleSet        bool
	// Clipboard is the last OSC 52 payload ("c;" prefix stripped), as sent.
	Clipboard string
	// BellCount counts BEL characters received.
	BellCount uint64

	ReverseVideo   bool // DECSCNM (?5)
	BracketedPaste bool // ?2004
	FocusEvents    bool // ?1004
	Mouse          MouseMode
	MouseEncoding  MouseEncoding
}

// MaxWidth and MaxHeight bound a framebuffer's size: a size comes from the
// network (a peer's Resize) and a screen of 100000×100000 cells would take
// the process's memory and minutes of CPU. Larger sizes are clamped.
const (
	MaxWidth  = 1024
	MaxHeight = 1024
)

// clampSize brings a requested size within 1…MaxWidth × 1…MaxHeight.
func clampSize(width, height int) (int, int) {
	return min(max(width, 1), MaxWidth), min(max(height, 1), MaxHeight)
}

// NewFramebuffer returns a blank framebuffer of the given size (clamped to
// 1…MaxWidth × 1…MaxHeight) with a visible cursor at the top left.
func NewFramebuffer(width, height int) *Framebuffer {
	width, height = clampSize(width, height)
	fb := &Framebuffer{width: width, height: height, rows: make([]*Row, height)}
	for y := range fb.rows {
		fb.rows[y] = newRow(width, ColorDefault)
	}
	fb.Cursor.Visible = true
	return fb
}

// Width returns the number of columns.
func (fb *Framebuffer) Width() int { return fb.width }

// Height returns the number of rows.
func (fb *Framebuffer) Height() int { return fb.height }

// Row returns row y (0-based) for reading. The caller must not modify it.
func (fb *Framebuffer) Row(y int) *Row { return fb.rows[y] }

// Cell returns the cell at row y, column x for reading.
func (fb *Framebuffer) Cell(y, x int) *Cell { return &fb.rows[y].Cells[x] }

// MutableRow returns row y for writing, first copying it if it is shared
// with a clone.
func (fb *Framebuffer) MutableRow(y int) *Row {
	r := fb.rows[y]
	if r.shared {
		c := &Row{Cells: make([]Cell, len(r.Cells)), Wrapped: r.Wrapped}
		copy(c.Cells, r.Cells)
		fb.rows[y] = c
		return c
	}
	return r
}

// Clone returns a copy of fb that shares its rows until either is written.
func (fb *Framebuffer) Clone() *Framebuffer {
	c := *fb
	c.rows = make([]*Row, len(fb.rows))
	for y, r := range fb.rows {
		if !r.shared {
			r.shared = true
		}
		c.rows[y] = r
	}
	return &c
}

// SameRow reports whether row y of fb and of o is the very same shared row,
// a cheap proof of equality used by the display diff.
func (fb *Framebuffer) SameRow(y int, o *Framebuffer) bool {
	return y < len(o.rows) && fb.rows[y] == o.rows[y]
}

// Equal reports whether fb and o show the same thing: size, cells, cursor,
// pen and every mode a display diff carries. The icon name is compared too;
// callers that follow mosh (which ignores it) clear it first.
func (fb *Framebuffer) Equal(o *Framebuffer) bool {
	if fb.width != o.width || fb.height != o.height ||
		fb.Cursor != o.Cursor || fb.Pen != o.Pen ||
		fb.Title != o.Title || fb.IconName != o.IconName || fb.TitleSet != o.TitleSet ||
		fb.Clipboard != o.Clipboard || fb.BellCount != o.BellCount ||
		fb.ReverseVideo != o.ReverseVideo || fb.BracketedPaste != o.BracketedPaste ||
		fb.FocusEvents != o.FocusEvents || fb.Mouse != o.Mouse || fb.MouseEncoding != o.MouseEncoding {
		return false
	}
	for y := range fb.rows {
		if !fb.rows[y].Equal(o.rows[y]) {
			return false
		}
	}
	return true
}

// ClearRow erases row y to blank cells of background bg and clears its wrap
// flag.
func (fb *Framebuffer) ClearRow(y int, bg Color) {
	r := fb.rows[y]
	if r.shared {
		fb.rows[y] = newRow(fb.width, bg)
		return
	}
	blank := Cell{Rend: Rendition{Bg: bg}}
	for i := range r.Cells {
		r.Cells[i] = blank
	}
	r.Wrapped = false
}

// ScrollUp moves rows top+n..bottom up to top..bottom-n within the region
// [top, bottom] (inclusive, 0-based) and fills the n rows freed at the
// bottom with blanks of background bg. It returns the rows that left the
// top of the region, oldest first; they are no longer owned by fb.
func (fb *Framebuffer) ScrollUp(top, bottom, n int, bg Color) []*Row {
	if top < 0 || bottom >= fb.height || top > bottom || n <= 0 {
		return nil
	}
	n = min(n, bottom-top+1)
	gone := make([]*Row, n)
	copy(gone, fb.rows[top:top+n])
	copy(fb.rows[top:], fb.rows[top+n:bottom+1])
	for y := bottom - n + 1; y <= bottom; y++ {
		fb.rows[y] = newRow(fb.width, bg)
	}
	return gone
}

// ScrollDown moves rows top..bottom-n down to top+n..bottom within the
// region [top, bottom] and fills the n rows freed at the top with blanks of
// background bg. Rows pushed off the bottom are discarded.
func (fb *Framebuffer) ScrollDown(top, bottom, n int, bg Color) {
	if top < 0 || bottom >= fb.height || top > bottom || n <= 0 {
		return
	}
	n = min(n, bottom-top+1)
	copy(fb.rows[top+n:bottom+1], fb.rows[top:bottom+1-n])
	for y := top; y < top+n; y++ {
		fb.rows[y] = newRow(fb.width, bg)
	}
}

// Resize changes the size as mosh does: rows added at the bottom are blank,
// rows removed from the bottom are lost, a width change truncates or extends
// every row and clears its wrap flag, and the cursor is clamped. A wide
// character cut in half by a narrower width is erased.
func (fb *Framebuffer) Resize(width, height int) {
	width, height = clampSize(width, height)
	if width == fb.width && height == fb.height {
		return
	}
	rows := make([]*Row, height)
	for y := range rows {
		if y >= fb.height {
			rows[y] = newRow(width, ColorDefault)
			continue
		}
		if width == fb.width {
			rows[y] = fb.rows[y]
			continue
		}
		old := fb.rows[y]
		r := &Row{Cells: make([]Cell, width)}
		copy(r.Cells, old.Cells)
		if last := &r.Cells[width-1]; width < fb.width && last.Wide {
			*last = Cell{Rend: Rendition{Bg: last.Rend.Bg}}
		}
		rows[y] = r
	}
	fb.rows, fb.width, fb.height = rows, width, height
	fb.Cursor.Row = min(fb.Cursor.Row, height-1)
	fb.Cursor.Col = min(fb.Cursor.Col, width-1)
}
