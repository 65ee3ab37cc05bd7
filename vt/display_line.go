package vt

import "unicode/utf8"

// AppendRowText appends the bytes that draw the first width cells of r
// on a terminal's current line, starting with the cursor in its first
// column: the characters with their renditions and hyperlinks, then, if
// the row ends before the margin, the rest of the line erased. It ends
// with the rendition reset and no hyperlink open. It uses no cursor
// addressing, scrolling or erasing beyond the line, so a front end can
// write a history line into a terminal's scrollback with it (draw it on
// the top row, then scroll), or paint one row of its screen. Erased
// cells inside the row are drawn as spaces, so the receiver's cells differ
// from r's only in that respect and in the soft-wrap flag, which is not
// reproduced.
func AppendRowText(dst []byte, r *Row, width int) []byte {
	cells := r.Cells
	if len(cells) > width {
		cells = cells[:width]
		if n := len(cells); n > 0 && cells[n-1].Wide {
			cells = cells[:n-1] // half a wide character does not fit
		}
	}
	n := len(cells)
	for n > 0 && isErased(&cells[n-1]) && cells[n-1].Rend.Bg == ColorDefault {
		n--
	}
	pen, link := Rendition{}, LinkID(0)
	dst = append(dst, "\x1b[0m"...)
	for x := range n {
		c := &cells[x]
		if c.WideTail {
			continue
		}
		if rend := c.Rend; rend.Fg != pen.Fg || rend.Bg != pen.Bg || rend.Attrs != pen.Attrs {
			dst = appendSGR(dst, rend)
			pen = rend
		}
		if c.Rend.Link != link {
			link = c.Rend.Link
			dst = appendLink(dst, link)
		}
		switch {
		case c.Rune == 0 && c.Comb == "":
			dst = append(dst, ' ')
			continue
		case c.Rune == 0:
			dst = utf8.AppendRune(dst, 0xa0)
		case c.Rune < 0x80:
			dst = append(dst, byte(c.Rune))
		default:
			dst = utf8.AppendRune(dst, c.Rune)
		}
		dst = appendMarks(dst, c.Comb)
	}
	if link != 0 {
		dst = appendLink(dst, 0)
	}
	dst = append(dst, "\x1b[0m"...)
	if n < width {
		// Not at a pending wrap, where EL would erase the last character.
		dst = append(dst, "\x1b[K"...)
	}
	return dst
}
