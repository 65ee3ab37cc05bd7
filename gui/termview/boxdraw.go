package termview

import "math"

// Box-drawing (U+2500–U+257F) and block elements (U+2580–U+259F) are drawn
// procedurally rather than taken from a font, as most modern terminals do:
// a font's glyphs rarely fill the cell exactly, which leaves gaps or
// overlaps where lines and blocks meet across cells.

// Line weights of a box-drawing arm.
const (
	none   = 0
	light  = 1
	heavy  = 2
	double = 3
)

// boxArms gives, for U+2500 + i, the weights of the arms going up, right,
// down and left, packed two bits each (up in the top bits). Dashed lines,
// arcs and diagonals are special-cased in drawBox.
var boxArms = [128]uint8{
	arms(0, 1, 0, 1), arms(0, 2, 0, 2), arms(1, 0, 1, 0), arms(2, 0, 2, 0), // ─ ━ │ ┃
	arms(0, 1, 0, 1), arms(0, 2, 0, 2), arms(1, 0, 1, 0), arms(2, 0, 2, 0), // ┄ ┅ ┆ ┇
	arms(0, 1, 0, 1), arms(0, 2, 0, 2), arms(1, 0, 1, 0), arms(2, 0, 2, 0), // ┈ ┉ ┊ ┋
	arms(0, 1, 1, 0), arms(0, 2, 1, 0), arms(0, 1, 2, 0), arms(0, 2, 2, 0), // ┌ ┍ ┎ ┏
	arms(0, 0, 1, 1), arms(0, 0, 1, 2), arms(0, 0, 2, 1), arms(0, 0, 2, 2), // ┐ ┑ ┒ ┓
	arms(1, 1, 0, 0), arms(1, 2, 0, 0), arms(2, 1, 0, 0), arms(2, 2, 0, 0), // └ ┕ ┖ ┗
	arms(1, 0, 0, 1), arms(1, 0, 0, 2), arms(2, 0, 0, 1), arms(2, 0, 0, 2), // ┘ ┙ ┚ ┛
	arms(1, 1, 1, 0), arms(1, 2, 1, 0), arms(2, 1, 1, 0), arms(1, 1, 2, 0), // ├ ┝ ┞ ┟
	arms(2, 1, 2, 0), arms(2, 2, 1, 0), arms(1, 2, 2, 0), arms(2, 2, 2, 0), // ┠ ┡ ┢ ┣
	arms(1, 0, 1, 1), arms(1, 0, 1, 2), arms(2, 0, 1, 1), arms(1, 0, 2, 1), // ┤ ┥ ┦ ┧
	arms(2, 0, 2, 1), arms(2, 0, 1, 2), arms(1, 0, 2, 2), arms(2, 0, 2, 2), // ┨ ┩ ┪ ┫
	arms(0, 1, 1, 1), arms(0, 1, 1, 2), arms(0, 2, 1, 1), arms(0, 2, 1, 2), // ┬ ┭ ┮ ┯
	arms(0, 1, 2, 1), arms(0, 1, 2, 2), arms(0, 2, 2, 1), arms(0, 2, 2, 2), // ┰ ┱ ┲ ┳
	arms(1, 1, 0, 1), arms(1, 1, 0, 2), arms(1, 2, 0, 1), arms(1, 2, 0, 2), // ┴ ┵ ┶ ┷
	arms(2, 1, 0, 1), arms(2, 1, 0, 2), arms(2, 2, 0, 1), arms(2, 2, 0, 2), // ┸ ┹ ┺ ┻
	arms(1, 1, 1, 1), arms(1, 1, 1, 2), arms(1, 2, 1, 1), arms(1, 2, 1, 2), // ┼ ┽ ┾ ┿
	arms(2, 1, 1, 1), arms(1, 1, 2, 1), arms(2, 1, 2, 1), arms(2, 1, 1, 2), // ╀ ╁ ╂ ╃
	arms(2, 2, 1, 1), arms(1, 1, 2, 2), arms(1, 2, 2, 1), arms(2, 2, 1, 2), // ╄ ╅ ╆ ╇
	arms(1, 2, 2, 2), arms(2, 1, 2, 2), arms(2, 2, 2, 1), arms(2, 2, 2, 2), // ╈ ╉ ╊ ╋
	arms(0, 1, 0, 1), arms(0, 2, 0, 2), arms(1, 0, 1, 0), arms(2, 0, 2, 0), // ╌ ╍ ╎ ╏
	arms(0, 3, 0, 3), arms(3, 0, 3, 0), arms(0, 3, 1, 0), arms(0, 1, 3, 0), // ═ ║ ╒ ╓
	arms(0, 3, 3, 0), arms(0, 0, 1, 3), arms(0, 0, 3, 1), arms(0, 0, 3, 3), // ╔ ╕ ╖ ╗
	arms(1, 3, 0, 0), arms(3, 1, 0, 0), arms(3, 3, 0, 0), arms(1, 0, 0, 3), // ╘ ╙ ╚ ╛
	arms(3, 0, 0, 1), arms(3, 0, 0, 3), arms(1, 3, 1, 0), arms(3, 1, 3, 0), // ╜ ╝ ╞ ╟
	arms(3, 3, 3, 0), arms(1, 0, 1, 3), arms(3, 0, 3, 1), arms(3, 0, 3, 3), // ╠ ╡ ╢ ╣
	arms(0, 3, 1, 3), arms(0, 1, 3, 1), arms(0, 3, 3, 3), arms(1, 3, 0, 3), // ╤ ╥ ╦ ╧
	arms(3, 1, 0, 1), arms(3, 3, 0, 3), arms(1, 3, 1, 3), arms(3, 1, 3, 1), // ╨ ╩ ╪ ╫
	arms(3, 3, 3, 3), arms(0, 1, 1, 0), arms(0, 0, 1, 1), arms(1, 0, 0, 1), // ╬ ╭ ╮ ╯
	arms(1, 1, 0, 0), 0, 0, 0, // ╰ ╱ ╲ ╳
	arms(0, 0, 0, 1), arms(1, 0, 0, 0), arms(0, 1, 0, 0), arms(0, 0, 1, 0), // ╴ ╵ ╶ ╷
	arms(0, 0, 0, 2), arms(2, 0, 0, 0), arms(0, 2, 0, 0), arms(0, 0, 2, 0), // ╸ ╹ ╺ ╻
	arms(0, 2, 0, 1), arms(1, 0, 2, 0), arms(0, 1, 0, 2), arms(2, 0, 1, 0), // ╼ ╽ ╾ ╿
}

func arms(up, right, down, left uint8) uint8 { return up<<6 | right<<4 | down<<2 | left }

// drawBlockElement draws r into g if it is a box-drawing character or a
// block element and reports whether it was.
func drawBlockElement(g *glyph, r rune, m metrics) bool {
	switch {
	case r >= 0x2500 && r <= 0x257f:
		drawBox(g, r, m)
		return true
	case r >= 0x2580 && r <= 0x259f:
		drawBlock(g, r, m)
		return true
	}
	return false
}

// boxGeometry is where lines go in one cell.
type boxGeometry struct {
	w, h   int
	cx, cy int // centre
	thin   int // light line thickness
	thick  int // heavy line thickness
	gap    int // offset of each line of a double line from the centre
}

func newBoxGeometry(g *glyph, m metrics) boxGeometry {
	w, h := g.stride, m.cellH
	thin := max(1, int(math.Round(float64(m.cellW)/9)))
	return boxGeometry{w: w, h: h, cx: w / 2, cy: h / 2, thin: thin, thick: 2 * thin, gap: thin}
}

func (b boxGeometry) thickness(weight uint8) int {
	if weight == heavy {
		return b.thick
	}
	return b.thin
}

func drawBox(g *glyph, r rune, m metrics) {
	b := newBoxGeometry(g, m)
	i := r - 0x2500
	switch {
	case r >= 0x2571 && r <= 0x2573:
		if r != 0x2572 {
			drawDiagonal(g, b, true)
		}
		if r != 0x2571 {
			drawDiagonal(g, b, false)
		}
		return
	case r >= 0x256d && r <= 0x2570:
		drawArc(g, b, r)
		return
	}
	a := boxArms[i]
	up, right, down, left := a>>6, a>>4&3, a>>2&3, a&3
	// Horizontal arms, then vertical ones: the same rules with the axes
	// swapped.
	horizontal := func(x0, y0, x1, y1 int) { fillMask(g, x0, y0, x1, y1, 255) }
	vertical := func(y0, x0, y1, x1 int) { fillMask(g, x0, y0, x1, y1, 255) }
	drawAxis(horizontal, b.w, b.cx, b.cy, left, right, up, down, b)
	drawAxis(vertical, b.h, b.cy, b.cx, up, down, left, right, b)
	switch {
	case i >= 0x04 && i <= 0x0b:
		dashes(g, b, (i-0x04)%4 < 2, 3+int(i-0x04)/4)
	case i >= 0x4c && i <= 0x4f:
		dashes(g, b, i < 0x4e, 2)
	}
}

// drawAxis draws the arms of one axis: neg and pos are the weights of the
// arms towards 0 and towards length along it, pneg and ppos those of the
// perpendicular arms; c is the centre along the axis and cp across it.
// rect takes coordinates in (along, across) order.
func drawAxis(rect func(a0, p0, a1, p1 int), length, c, cp int, neg, pos, pneg, ppos uint8, b boxGeometry) {
	perpDouble := pneg == double || ppos == double
	perpThick := max(b.thickness(pneg)*btoi(pneg != none), b.thickness(ppos)*btoi(ppos != none))
	for side, weight := range [2]uint8{neg, pos} {
		if weight == none {
			continue
		}
		opposite := [2]uint8{pos, neg}[side]
		// line draws the arm as a line of thickness t across the axis at
		// at, from the junction to the cell's edge. The junction end is
		// offset p from the centre towards the arm and covers a
		// perpendicular line of thickness jt there.
		line := func(p, jt, at, t int) {
			a0, a1 := c+p-jt/2, length
			if side == 0 {
				a0, a1 = 0, c-p-jt/2+jt
			}
			rect(a0, at-t/2, a1, at-t/2+t)
		}
		if weight != double {
			t := b.thickness(weight)
			switch {
			case pneg == double && ppos == double && opposite == none:
				line(b.gap, b.thin, cp, t) // stop at the near line of a straight double
			case perpDouble && (pneg == none || ppos == none):
				line(-b.gap, b.thin, cp, t) // reach across a double corner
			default:
				line(0, max(t, perpThick), cp, t)
			}
			continue
		}
		// A double arm is two thin lines; each stops at the perpendicular
		// line on its own side when there is an arm there (an inner
		// corner), or reaches across to the far one (an outer corner).
		off := func(w uint8) int {
			if w == double {
				return b.gap
			}
			return 0
		}
		for q, perp := range [2]uint8{pneg, ppos} {
			other := [2]uint8{ppos, pneg}[q]
			at := cp - b.gap + 2*b.gap*q
			switch {
			case perp != none:
				line(off(perp), b.thin, at, b.thin)
			case other != none:
				line(-off(other), b.thin, at, b.thin)
			default:
				line(0, b.thin, at, b.thin)
			}
		}
	}
}

func btoi(v bool) int {
	if v {
		return 1
	}
	return 0
}

// dashes cuts gaps into a straight line drawn by drawBox, leaving n dashes.
func dashes(g *glyph, b boxGeometry, horizontal bool, n int) {
	length := b.w
	if !horizontal {
		length = b.h
	}
	gap := max(1, length/(4*n))
	for i := range n {
		end := (i + 1) * length / n
		if horizontal {
			fillMask(g, end-gap, 0, end, b.h, 0)
		} else {
			fillMask(g, 0, end-gap, b.w, end, 0)
		}
	}
}

// drawArc draws a rounded corner (╭ ╮ ╯ ╰): a quarter circle joining the
// straight arms, anti-aliased.
func drawArc(g *glyph, b boxGeometry, r rune) {
	rad := float64(min(b.w-b.cx, b.h-b.cy, b.cx, b.cy))
	// The circle's centre is diagonally off the cell centre, towards the
	// two arms.
	dx, dy := 1.0, 1.0 // ╭: arms right and down
	switch r {
	case 0x256e:
		dx = -1
	case 0x256f:
		dx, dy = -1, -1
	case 0x2570:
		dy = -1
	}
	lx, ly := float64(b.cx)+0.5*float64(b.thin%2), float64(b.cy)+0.5*float64(b.thin%2)
	ox, oy := lx+dx*rad, ly+dy*rad
	half := float64(b.thin) / 2
	for y := range b.h {
		for x := range b.w {
			px, py := float64(x)+0.5, float64(y)+0.5
			var d float64
			switch {
			case (px-ox)*dx < 0 && (py-oy)*dy < 0: // the quarter-circle's quadrant
				d = math.Abs(math.Hypot(px-ox, py-oy) - rad)
			case (px-ox)*dx >= 0 && (py-oy)*dy < 0: // beside the horizontal arm
				d = math.Abs(py - ly)
			case (px-ox)*dx < 0 && (py-oy)*dy >= 0: // beside the vertical arm
				d = math.Abs(px - lx)
			default:
				continue
			}
			setCoverage(g, x, y, half+0.5-d)
		}
	}
}

// drawDiagonal draws an anti-aliased diagonal across the cell, from the
// bottom left to the top right if rising, else from the top left.
func drawDiagonal(g *glyph, b boxGeometry, rising bool) {
	w, h := float64(b.w), float64(b.h)
	length := math.Hypot(w, h)
	half := float64(b.thin) / 2
	for y := range b.h {
		for x := range b.w {
			px, py := float64(x)+0.5, float64(y)+0.5
			if rising {
				py = h - py
			}
			d := math.Abs(px*h-py*w) / length
			setCoverage(g, x, y, half+0.5-d)
		}
	}
}

// setCoverage raises the mask at (x, y) to coverage c (0–1).
func setCoverage(g *glyph, x, y int, c float64) {
	if c <= 0 {
		return
	}
	a := uint8(math.Round(min(c, 1) * 255))
	if p := &g.mask[y*g.stride+x]; a > *p {
		*p = a
	}
}

// drawBlock draws a block element (U+2580–U+259F).
func drawBlock(g *glyph, r rune, m metrics) {
	w, h := g.stride, m.cellH
	eighthY := func(n int) int { return (h*n + 4) / 8 }
	eighthX := func(n int) int { return (w*n + 4) / 8 }
	switch {
	case r == 0x2580: // ▀ upper half
		fillMask(g, 0, 0, w, eighthY(4), 255)
	case r >= 0x2581 && r <= 0x2588: // ▁…█ lower n eighths
		fillMask(g, 0, h-eighthY(int(r-0x2580)), w, h, 255)
	case r >= 0x2589 && r <= 0x258f: // ▉…▏ left n eighths
		fillMask(g, 0, 0, eighthX(int(0x2590-r)), h, 255)
	case r == 0x2590: // ▐ right half
		fillMask(g, eighthX(4), 0, w, h, 255)
	case r >= 0x2591 && r <= 0x2593: // ░ ▒ ▓ shades, drawn as flat tints
		fillMask(g, 0, 0, w, h, uint8(64*(r-0x2590)))
	case r == 0x2594: // ▔ upper eighth
		fillMask(g, 0, 0, w, eighthY(1), 255)
	case r == 0x2595: // ▕ right eighth
		fillMask(g, w-eighthX(1), 0, w, h, 255)
	default: // ▖…▟ quadrants
		quads := [...]uint8{0b0010, 0b0001, 0b1000, 0b1011, 0b1001, 0b1110, 0b1101, 0b0100, 0b0110, 0b0111}[r-0x2596]
		mx, my := w/2, h/2
		if quads&0b1000 != 0 {
			fillMask(g, 0, 0, mx, my, 255)
		}
		if quads&0b0100 != 0 {
			fillMask(g, mx, 0, w, my, 255)
		}
		if quads&0b0010 != 0 {
			fillMask(g, 0, my, mx, h, 255)
		}
		if quads&0b0001 != 0 {
			fillMask(g, mx, my, w, h, 255)
		}
	}
}
