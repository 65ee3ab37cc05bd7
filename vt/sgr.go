package vt

import "github.com/roamterm/roam/vt/parser"

// sgr is Select Graphic Rendition. Both the semicolon forms of extended
// colours (38;5;n, 38;2;r;g;b) and the colon forms (38:5:n, 38:2::r:g:b and
// 38:2:r:g:b) are understood, as is 4:n (any underline style is underline,
// 4:0 is none); other sub-parameters are skipped with their parameter.
// SGR 21 is double underline (shown as underline) as in tmux and xterm.
func (e *Emulator) sgr(p *parser.Params) {
	pen := &e.fb.Pen
	if p.Len() == 0 {
		*pen = Rendition{Link: pen.Link}
		return
	}
	for i := 0; i < p.Len(); i++ {
		v, _ := p.Raw(i)
		// subs is the number of sub-parameters following parameter i.
		subs := 0
		for i+subs+1 < p.Len() && p.IsSub(i+subs+1) {
			subs++
		}
		switch {
		case v == 0:
			*pen = Rendition{Link: pen.Link}
		case v == 1:
			pen.Attrs |= AttrBold
		case v == 2:
			pen.Attrs |= AttrFaint
		case v == 3:
			pen.Attrs |= AttrItalic
		case v == 4:
			if style, _ := p.Raw(i + 1); subs > 0 && style == 0 {
				pen.Attrs &^= AttrUnderline
			} else {
				pen.Attrs |= AttrUnderline
			}
		case v == 5 || v == 6:
			pen.Attrs |= AttrBlink
		case v == 7:
			pen.Attrs |= AttrInverse
		case v == 8:
			pen.Attrs |= AttrInvisible
		case v == 9:
			pen.Attrs |= AttrStrikethrough
		case v == 21:
			pen.Attrs |= AttrUnderline
		case v == 22:
			pen.Attrs &^= AttrBold | AttrFaint
		case v == 23:
			pen.Attrs &^= AttrItalic
		case v == 24:
			pen.Attrs &^= AttrUnderline
		case v == 25:
			pen.Attrs &^= AttrBlink
		case v == 27:
			pen.Attrs &^= AttrInverse
		case v == 28:
			pen.Attrs &^= AttrInvisible
		case v == 29:
			pen.Attrs &^= AttrStrikethrough
		case v >= 30 && v <= 37:
			pen.Fg = IndexedColor(uint8(v - 30))
		case v == 39:
			pen.Fg = ColorDefault
		case v >= 40 && v <= 47:
			pen.Bg = IndexedColor(uint8(v - 40))
		case v == 49:
			pen.Bg = ColorDefault
		case v >= 90 && v <= 97:
			pen.Fg = IndexedColor(uint8(v - 90 + 8))
		case v >= 100 && v <= 107:
			pen.Bg = IndexedColor(uint8(v - 100 + 8))
		case v == 38 || v == 48:
			c, used, ok := extendedColor(p, i+1, subs)
			if ok && v == 38 {
				pen.Fg = c
			} else if ok {
				pen.Bg = c
			}
			if subs == 0 {
				i += used
			}
		}
		i += subs
	}
}

// extendedColor reads the colour of SGR 38 or 48 from the parameters at i
// on: 5;n or 2;r;g;b, or their colon forms when subs > 0 (subs is then the
// number of sub-parameters). It returns how many semicolon parameters it
// used.
func extendedColor(p *parser.Params, i, subs int) (c Color, used int, ok bool) {
	kind, _ := p.Raw(i)
	switch kind {
	case 5:
		n, ok := p.Raw(i + 1)
		if !ok || n > 255 || (subs != 0 && subs != 2) {
			return 0, 2, false
		}
		return IndexedColor(uint8(n)), 2, true
	case 2:
		if subs == 5 {
			i++ // 38:2:<colour space>:r:g:b
		} else if subs != 0 && subs != 4 {
			return 0, 0, false
		}
		var rgb [3]uint8
		for k := range rgb {
			v, ok := p.Raw(i + 1 + k)
			if !ok && subs == 0 || v > 255 {
				return 0, 4, false
			}
			rgb[k] = uint8(v)
		}
		return RGBColor(rgb[0], rgb[1], rgb[2]), 4, true
	}
	return 0, 1, false
}
