package termview

import (
	"image"
	"image/color"
	"slices"

	"github.com/roamterm/roam/fonts"
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/predict"
)

// compositor draws frames into one RGBA image the size of the view,
// redrawing only the rows whose drawing inputs changed since the last
// frame: a row is proved unchanged by pointer (rows of framebuffer
// snapshots are shared and copied on write, and history lines in view
// are decoded once, see lineCache) or by comparing cells, and
// its cursor, selection, predictions, banner and blink phase are compared
// too. Rows that only moved, because the view or the output scrolled,
// are moved with their pixels (see shift). Once warm (image and scratch
// buffers sized, glyphs cached) drawing a frame allocates nothing.
//
// A compositor is used by one goroutine.
type compositor struct {
	atlas *atlas
	pal   Palette
	img   *image.RGBA
	// cols and rows are the grid the image holds.
	cols, rows int
	state      []rowState
	// full forces a redraw of everything on the next frame.
	full bool
	// top is the virtual row drawn on the first row (see lines), to move
	// what is drawn along when the view or the output scrolls.
	top int

	// tiles caches cells already drawn: a glyph over its background in
	// its colours. Copying a tile is several times cheaper than blending
	// the glyph again, and a screen uses few distinct combinations.
	tiles map[tileKey][]byte
	// tileBytes is the cache's size; tileMisses counts tiles drawn
	// without the cache since it filled up.
	tileBytes, tileMisses int

	// Scratch buffers reused from frame to frame.
	cells    []vt.Cell
	under    []bool
	fg, bg   []color.RGBA
	predRows [][]predict.Cell
	markRows [][]mark

	// cache holds the history lines in view, decoded.
	cache lineCache
	// matchBg and currentBg are the backgrounds of search matches and of
	// the current one, derived from the palette.
	matchBg, currentBg color.RGBA
}

// rowState is what was last drawn in a grid row.
type rowState struct {
	drawn bool
	row   *vt.Row // nil for a row below the screen
	extra rowExtra
	preds []predict.Cell
	marks []mark
	// blink records that the row has blinking text.
	blink bool
}

// rowExtra is everything besides the row's cells and predictions that
// decides how it is drawn.
type rowExtra struct {
	cursorCol      int
	cursor         cursorLook
	selFrom, selTo int
	banner         string
	badge          badge
	blinkOn        bool
	reverse        bool
}

// badge is a notice drawn over the right end of a row.
type badge uint8

const (
	noBadge badge = iota
	// badgeNewOutput, on the bottom row, says that output arrived while
	// the view was scrolled back; clicking it scrolls to the bottom.
	badgeNewOutput
	// badgeIncomplete, on the top row of a scrolled-back view, says that
	// history lines may be missing (see Frame.HistoryIncomplete).
	badgeIncomplete
)

// badgeText is what each badge says.
var badgeText = [...]string{
	badgeNewOutput:  " ↓ new output ",
	badgeIncomplete: " history may be incomplete ",
}

// badgeCols returns the width of b in cells.
func badgeCols(b badge) int {
	n := 0
	for _, r := range badgeText[b] {
		n += max(vt.Width(r), 0)
	}
	return n
}

// tileKey names a cached tile.
type tileKey struct {
	g      *glyph
	fg, bg color.RGBA
}

// maxTileBytes bounds the tile cache: room for every cell of a 200×60
// screen in distinct colours at 14 px, a quarter of that at HiDPI 2×.
const maxTileBytes = 8 << 20

// setAtlas changes the font size or fonts; everything is redrawn.
func (c *compositor) setAtlas(a *atlas) {
	c.atlas = a
	c.resetTiles()
	c.full = true
}

func (c *compositor) resetTiles() {
	c.tiles, c.tileBytes, c.tileMisses = nil, 0, 0
}

// setPalette changes the colours; everything is redrawn.
func (c *compositor) setPalette(p Palette) {
	c.pal = p
	c.matchBg = mix(p.BannerBackground, p.Background, 0x60)
	c.currentBg = p.BannerBackground
	c.full = true
}

// drawTile draws glyph g with its background at pixel column x0 of a row
// strip, from the tile cache.
func (c *compositor) drawTile(strip []byte, stride, x0 int, g *glyph, fg, bg color.RGBA) {
	k := tileKey{g, fg, bg}
	tile, ok := c.tiles[k]
	rowBytes := g.stride * 4
	if !ok {
		h := len(g.mask) / g.stride
		if c.tileBytes+rowBytes*h > maxTileBytes {
			// Full: blend directly rather than churn the cache; draw
			// starts it over once it has missed more than it holds.
			c.tileMisses++
			blendGlyph(strip, stride, x0, g, fg, bg)
			return
		}
		c.tileBytes += rowBytes * h
		tile = make([]byte, rowBytes*h)
		fillPixels(tile, bg)
		blendGlyph(tile, rowBytes, 0, g, fg, bg)
		if c.tiles == nil {
			c.tiles = make(map[tileKey][]byte)
		}
		c.tiles[k] = tile
	}
	n := min(rowBytes, stride-x0*4)
	for y, off := 0, x0*4; y*rowBytes < len(tile); y, off = y+1, off+stride {
		copy(strip[off:off+n], tile[y*rowBytes:])
	}
}

// grid returns how many whole cells fit in w×h pixels.
func (c *compositor) grid(w, h int) (cols, rows int) {
	return w / c.atlas.m.cellW, h / c.atlas.m.cellH
}

// draw composes f into the image of w×h pixels and returns it, the
// view's first row showing virtual row lk.top (see lines). Only damaged
// rows are drawn again.
func (c *compositor) draw(f *Frame, lk *look, w, h int) *image.RGBA {
	w, h = max(w, 1), max(h, 1)
	if c.img == nil || c.img.Rect.Dx() != w || c.img.Rect.Dy() != h {
		c.img = image.NewRGBA(image.Rect(0, 0, w, h))
		c.full = true
	}
	cols, rows := c.grid(w, h)
	if cols != c.cols || rows != c.rows || len(c.state) != rows {
		c.cols, c.rows = cols, rows
		c.state = make([]rowState, rows)
		c.predRows = make([][]predict.Cell, rows)
		c.markRows = make([][]mark, rows)
		c.cells = make([]vt.Cell, cols)
		c.under = make([]bool, cols)
		c.fg = make([]color.RGBA, cols)
		c.bg = make([]color.RGBA, cols)
		c.cache.resize(rows)
		c.full = true
	}
	full := c.full
	if full {
		c.fillBottomMargin()
		for i := range c.state {
			c.state[i].drawn = false
		}
		c.full = false
	}
	if f.Screen == nil {
		return c.img
	}
	if d := lk.top - c.top; !full && d != 0 && d > -rows && d < rows {
		c.shift(d)
	}
	c.top = lk.top
	if c.tileMisses > len(c.tiles) {
		c.resetTiles() // the screen's colours moved on
	}
	src := linesOf(f)
	screenTop := src.screenTop()
	c.bucketPredictions(&f.Overlay)
	c.bucketMarks(lk.marks, lk.top)
	cursor := f.Screen.Cursor
	if f.Overlay.HasCursor {
		cursor.Row, cursor.Col = f.Overlay.Cursor.Row, f.Overlay.Cursor.Col
	}
	look := cursorLookOf(cursor, lk)
	for y := range rows {
		st := &c.state[y]
		v := lk.top + y
		sy := v - screenTop // the screen's row, negative for history
		var row *vt.Row     // nil past the screen's bottom
		switch {
		case sy < 0:
			row = c.cache.row(&src, v)
		case sy < f.Screen.Height():
			row = f.Screen.Row(sy)
		}
		var cells []vt.Cell
		if row != nil {
			cells = row.Cells
		}
		ex := rowExtra{cursorCol: -1, reverse: f.Screen.ReverseVideo}
		if sy == cursor.Row && look != cursorHidden {
			ex.cursorCol, ex.cursor = cursor.Col, look
		}
		ex.selFrom, ex.selTo = selectedCols(lk, v, len(cells))
		switch {
		case y == 0 && f.Banner != "":
			ex.banner = f.Banner
		case y == rows-1 && lk.newOutput:
			ex.badge = badgeNewOutput
		case y == 0 && lk.top < screenTop && f.HistoryIncomplete:
			ex.badge = badgeIncomplete
		}
		ex.blinkOn = st.blink && lk.blinkOn
		var preds []predict.Cell
		if sy >= 0 && sy < len(c.predRows) {
			preds = c.predRows[sy]
		}
		marks := c.markRows[y]
		if st.drawn && st.extra == ex && slices.Equal(st.preds, preds) && slices.Equal(st.marks, marks) &&
			(st.row == row || st.row != nil && row != nil && st.row.Equal(row)) {
			st.row = row
			continue
		}
		var under []bool
		switch {
		case ex.banner != "":
			cells = c.bannerCells(ex.banner)
		case len(preds) > 0:
			cells, under = c.overlaid(cells, preds)
		}
		if ex.badge != noBadge {
			cells, under = c.badged(cells, under, ex.badge)
		}
		blink := c.drawRow(y, cells, under, marks, &ex, lk.blinkOn)
		ex.blinkOn = blink && lk.blinkOn
		st.drawn, st.row, st.extra, st.blink = true, row, ex, blink
		st.preds = append(st.preds[:0], preds...)
		st.marks = append(st.marks[:0], marks...)
	}
	return c.img
}

// shift moves the drawn rows d rows up (down when negative), pixels and
// states, as the virtual rows they show moved: the view scrolled, or
// output scrolled lines into the history. The rows uncovered are drawn
// next; the others are then found unchanged as usual.
func (c *compositor) shift(d int) {
	strip := c.atlas.m.cellH * c.img.Stride
	pix := c.img.Pix[:c.rows*strip]
	n := c.rows - abs(d)
	if d > 0 {
		copy(pix, pix[d*strip:])
		slices.Reverse(c.state[:d]) // rotate left by d: the states keep their buffers
		slices.Reverse(c.state[d:])
		slices.Reverse(c.state)
		for i := n; i < c.rows; i++ {
			c.state[i].drawn = false
		}
		return
	}
	copy(pix[-d*strip:], pix)
	slices.Reverse(c.state[:n]) // rotate right by -d
	slices.Reverse(c.state[n:])
	slices.Reverse(c.state)
	for i := range -d {
		c.state[i].drawn = false
	}
}

func abs(n int) int { return max(n, -n) }

// bucketPredictions sorts the overlay's cells into c.predRows by row.
func (c *compositor) bucketPredictions(o *predict.Overlay) {
	for y := range c.predRows {
		c.predRows[y] = c.predRows[y][:0]
	}
	for _, p := range o.Cells {
		if p.Row >= 0 && p.Row < len(c.predRows) && p.Col >= 0 && p.Col < c.cols {
			c.predRows[p.Row] = append(c.predRows[p.Row], p)
		}
	}
}

// overlaid returns a row's cells with the predictions drawn in, and which
// of them are underlined.
func (c *compositor) overlaid(cells []vt.Cell, preds []predict.Cell) ([]vt.Cell, []bool) {
	n := min(len(cells), c.cols)
	out, under := c.cells[:n], c.under[:n]
	copy(out, cells)
	clear(under)
	for _, p := range preds {
		if p.Col < n {
			out[p.Col] = p.Cell
			under[p.Col] = p.Underlined
		}
	}
	return out, under
}

// bannerCells lays the banner text out as a row of cells in the banner's
// colours.
func (c *compositor) bannerCells(text string) []vt.Cell {
	fg, bg := c.pal.BannerForeground, c.pal.BannerBackground
	rend := vt.Rendition{Fg: vt.RGBColor(fg.R, fg.G, fg.B), Bg: vt.RGBColor(bg.R, bg.G, bg.B), Attrs: vt.AttrBold}
	out := c.cells[:c.cols]
	x := 0
	for _, r := range text {
		w := vt.Width(r)
		if w <= 0 || x+w > len(out) {
			continue
		}
		out[x] = vt.Cell{Rune: r, Rend: rend, Wide: w == 2}
		if w == 2 {
			out[x+1] = vt.Cell{Rend: rend, WideTail: true}
		}
		x += w
	}
	for ; x < len(out); x++ {
		out[x] = vt.Cell{Rend: rend}
	}
	return out
}

// bucketMarks sorts the search marks into c.markRows by the grid row
// they are on, the view's first row showing virtual row top.
func (c *compositor) bucketMarks(marks []mark, top int) {
	for y := range c.markRows {
		c.markRows[y] = c.markRows[y][:0]
	}
	for _, m := range marks {
		if y := m.row - top; y >= 0 && y < len(c.markRows) {
			c.markRows[y] = append(c.markRows[y], m)
		}
	}
}

// badged returns cells, padded to the view's width, with badge b drawn
// over their right end, and under (if not nil) padded alike.
func (c *compositor) badged(cells []vt.Cell, under []bool, b badge) ([]vt.Cell, []bool) {
	out := c.cells[:c.cols]
	n := copy(out, cells)
	clear(out[n:])
	if under != nil {
		under = c.under[:c.cols]
		clear(under[n:])
	}
	rend := vt.Rendition{Attrs: vt.AttrBold}
	fg, bg := c.pal.BannerForeground, c.pal.BannerBackground
	if b == badgeIncomplete {
		fg, bg = mix(c.pal.Foreground, c.pal.Background, 0xa0), mix(c.pal.Foreground, c.pal.Background, 0x30)
		rend.Attrs = vt.AttrItalic
	}
	rend.Fg, rend.Bg = vt.RGBColor(fg.R, fg.G, fg.B), vt.RGBColor(bg.R, bg.G, bg.B)
	x := c.cols - badgeCols(b)
	if x < 0 {
		return out, under // too narrow for it
	}
	if out[x].WideTail && x > 0 {
		out[x-1] = vt.Cell{Rend: out[x-1].Rend} // its left half alone
	}
	for _, r := range badgeText[b] {
		w := vt.Width(r)
		if w <= 0 {
			continue
		}
		out[x] = vt.Cell{Rune: r, Rend: rend, Wide: w == 2}
		if w == 2 {
			out[x+1] = vt.Cell{Rend: rend, WideTail: true}
		}
		if under != nil {
			under[x] = false
		}
		x += w
	}
	return out, under
}

// selectedCols returns the columns of virtual row y inside the
// selection.
func selectedCols(lk *look, y, width int) (from, to int) {
	if lk.selFrom == lk.selTo || y < lk.selFrom.Row || y > lk.selTo.Row {
		return 0, 0
	}
	from, to = 0, width
	if y == lk.selFrom.Row {
		from = lk.selFrom.Col
	}
	if y == lk.selTo.Row {
		to = lk.selTo.Col
	}
	return from, max(from, to)
}

// fillBottomMargin paints the pixels below the last whole row.
func (c *compositor) fillBottomMargin() {
	bg := c.pal.Background
	y0 := c.rows * c.atlas.m.cellH
	for y := y0; y < c.img.Rect.Dy(); y++ {
		fillPixels(c.img.Pix[y*c.img.Stride:(y+1)*c.img.Stride], bg)
	}
}

// drawRow draws cells into grid row y and reports whether any of them
// blinks. under, if not nil, marks the predicted cells to underline;
// marks are the search matches on the row; blinking text is shown when
// blinkOn is set.
func (c *compositor) drawRow(y int, cells []vt.Cell, under []bool, marks []mark, ex *rowExtra, blinkOn bool) (blink bool) {
	m := &c.atlas.m
	stride := c.img.Stride
	strip := c.img.Pix[y*m.cellH*stride : (y+1)*m.cellH*stride]
	n := min(len(cells), c.cols)
	defBg := c.pal.Background
	if ex.reverse {
		defBg = c.pal.Foreground
	}

	// Colours of every cell, with selection and a block cursor applied.
	for x := 0; x < n; x++ {
		cell := &cells[x]
		if cell.WideTail && x > 0 && cells[x-1].Wide {
			c.fg[x], c.bg[x] = c.fg[x-1], c.bg[x-1]
			continue
		}
		fg, bg := c.pal.colors(cell.Rend, ex.reverse)
		for _, m := range marks {
			if x >= m.from && x < m.to {
				bg = c.matchBg
				if m.current {
					fg, bg = c.pal.BannerForeground, c.currentBg
				}
			}
		}
		if x >= ex.selFrom && x < ex.selTo {
			bg = c.pal.Selection
		}
		if x == ex.cursorCol && ex.cursor == cursorBlock {
			fg, bg = bg, c.pal.Cursor
		}
		c.fg[x], c.bg[x] = fg, bg
	}

	// Backgrounds: the first pixel line, then copied down the strip.
	line := strip[:stride]
	cw := m.cellW
	for x := 0; x < n; x++ {
		fillPixels(line[x*cw*4:(x+1)*cw*4], c.bg[x])
	}
	fillPixels(line[n*cw*4:], defBg)
	for ly := 1; ly < m.cellH; ly++ {
		copy(strip[ly*stride:(ly+1)*stride], line)
	}

	// Glyphs and decorations.
	for x := 0; x < n; x++ {
		cell := &cells[x]
		attrs := cell.Rend.Attrs
		if attrs&vt.AttrBlink != 0 {
			blink = true
		}
		if cell.WideTail {
			continue
		}
		wide := cell.Wide && x+1 < n
		span := 1
		if wide {
			span = 2
		}
		hidden := attrs&vt.AttrInvisible != 0 || attrs&vt.AttrBlink != 0 && !blinkOn
		if !hidden && !cell.IsBlank() {
			var style fonts.Style
			if attrs&vt.AttrBold != 0 {
				style |= fonts.Bold
			}
			if attrs&vt.AttrItalic != 0 {
				style |= fonts.Italic
			}
			g := c.atlas.get(cell.Rune, cell.Comb, style, wide)
			c.drawTile(strip, stride, x*cw, g, c.fg[x], c.bg[x])
		}
		x0, x1 := x*cw, (x+span)*cw
		if !hidden && attrs&vt.AttrUnderline != 0 || under != nil && under[x] {
			fillRect(strip, stride, x0, m.underlineY, x1, m.underlineY+m.lineH, c.fg[x])
		}
		if !hidden && attrs&vt.AttrStrikethrough != 0 {
			fillRect(strip, stride, x0, m.strikeY, x1, m.strikeY+m.lineH, c.fg[x])
		}
	}

	if ex.cursorCol >= 0 && ex.cursorCol < c.cols {
		c.drawCursor(strip, stride, cells, ex)
	}
	return blink
}

// drawCursor draws the bar, underline and hollow cursors over a drawn
// row; the block cursor was drawn with the row's colours.
func (c *compositor) drawCursor(strip []byte, stride int, cells []vt.Cell, ex *rowExtra) {
	m := &c.atlas.m
	x := ex.cursorCol
	span := 1
	if x < len(cells) && cells[x].Wide && x+1 < c.cols {
		span = 2
	}
	x0, x1 := x*m.cellW, (x+span)*m.cellW
	t := max(2, 2*m.lineH)
	col := c.pal.Cursor
	switch ex.cursor {
	case cursorBar:
		fillRect(strip, stride, x0, 0, x0+t, m.cellH, col)
	case cursorUnderline:
		fillRect(strip, stride, x0, m.cellH-t, x1, m.cellH, col)
	case cursorHollow:
		l := m.lineH
		fillRect(strip, stride, x0, 0, x1, l, col)
		fillRect(strip, stride, x0, m.cellH-l, x1, m.cellH, col)
		fillRect(strip, stride, x0, 0, x0+l, m.cellH, col)
		fillRect(strip, stride, x1-l, 0, x1, m.cellH, col)
	}
}

// fillPixels sets every RGBA pixel of p to col.
func fillPixels(p []byte, col color.RGBA) {
	if len(p) < 4 {
		return
	}
	p[0], p[1], p[2], p[3] = col.R, col.G, col.B, 0xff
	for n := 4; n < len(p); n *= 2 {
		copy(p[n:], p[:n])
	}
}

// fillRect fills [x0,x1)×[y0,y1) of a row strip, clipped to it.
func fillRect(strip []byte, stride, x0, y0, x1, y1 int, col color.RGBA) {
	h := len(strip) / stride
	x0, y0 = max(x0, 0), max(y0, 0)
	x1, y1 = min(x1, stride/4), min(y1, h)
	if x0 >= x1 {
		return
	}
	for y := y0; y < y1; y++ {
		fillPixels(strip[y*stride+x0*4:y*stride+x1*4], col)
	}
}

// blendGlyph draws g at pixel column x0 of a row strip in fg over a
// background known to be bg, so that no pixel is read. The three colour
// channels are blended at once in 16-bit lanes of a uint64.
func blendGlyph(strip []byte, stride, x0 int, g *glyph, fg, bg color.RGBA) {
	ink := g.ink
	maxX := min(ink.Max.X, stride/4-x0)
	if ink.Empty() || maxX <= ink.Min.X {
		return
	}
	const lanes = 0x00ff_00ff_00ff
	f := uint64(fg.R) | uint64(fg.G)<<16 | uint64(fg.B)<<32
	b := uint64(bg.R) | uint64(bg.G)<<16 | uint64(bg.B)<<32
	for y := ink.Min.Y; y < ink.Max.Y; y++ {
		mask := g.mask[y*g.stride+ink.Min.X : y*g.stride+maxX]
		px := strip[y*stride+(x0+ink.Min.X)*4 : y*stride+(x0+maxX)*4]
		for i, m := range mask {
			if m == 0 {
				continue
			}
			p := px[i*4 : i*4+3 : i*4+3]
			if m == 255 {
				p[0], p[1], p[2] = fg.R, fg.G, fg.B
				continue
			}
			// Each lane holds c·255 at most, below 1<<16; dividing by
			// 255 with rounding is (v + v>>8) >> 8 after adding 128.
			v := f*uint64(m) + b*uint64(255-m) + 0x0080_0080_0080
			v = (v + v>>8&lanes) >> 8 & lanes
			p[0], p[1], p[2] = byte(v), byte(v>>16), byte(v>>32)
		}
	}
}
