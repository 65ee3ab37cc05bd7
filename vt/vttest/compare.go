package vttest

import (
	"fmt"
	"strings"

	"github.com/roamterm/roam/vt"
)

// Diff compares two screens as a terminal user would see them (see the
// package doc for what counts) and describes the first differing row, or
// returns "" if the screens match. want is usually the reference (tmux),
// got the emulator under test.
func Diff(want, got *vt.Framebuffer) string {
	if want.Width() != got.Width() || want.Height() != got.Height() {
		return fmt.Sprintf("size: want %dx%d, got %dx%d", want.Width(), want.Height(), got.Width(), got.Height())
	}
	var b strings.Builder
	firstRow, rows := -1, 0
	for y := range want.Height() {
		if rowsMatch(want.Row(y), got.Row(y)) {
			continue
		}
		rows++
		if firstRow < 0 {
			firstRow = y
			describeRow(&b, y, want.Row(y), got.Row(y))
		}
	}
	if rows > 1 {
		fmt.Fprintf(&b, "(%d rows differ in all, the first shown)\n", rows)
	}
	if wc, gc := want.Cursor, got.Cursor; wc.Row != gc.Row || wc.Col != gc.Col {
		fmt.Fprintf(&b, "cursor: want row %d col %d, got row %d col %d\n", wc.Row, wc.Col, gc.Row, gc.Col)
	}
	return b.String()
}

// cellView is what of a cell is compared.
type cellView struct {
	text       string
	rend       vt.Rendition
	wide, tail bool
}

func viewOf(c *vt.Cell) cellView {
	if c.WideTail {
		// The right half of a wide character shows nothing of its own.
		return cellView{tail: true}
	}
	base := c.Rune
	if base == 0 || (base == 0xa0 && c.Comb != "") {
		// Erased equals space; a fallback cell is drawn on a blank.
		base = ' '
	}
	rend := c.Rend
	rend.Link = 0
	return cellView{text: string(base) + c.Comb, rend: rend, wide: c.Wide}
}

func rowsMatch(a, b *vt.Row) bool {
	for x := range a.Cells {
		if viewOf(&a.Cells[x]) != viewOf(&b.Cells[x]) {
			return false
		}
	}
	return true
}

// maxColumnsListed bounds the differing columns named in a report.
const maxColumnsListed = 8

func describeRow(b *strings.Builder, y int, want, got *vt.Row) {
	var cols []int
	for x := range want.Cells {
		if viewOf(&want.Cells[x]) != viewOf(&got.Cells[x]) {
			cols = append(cols, x)
		}
	}
	listed := cols[:min(len(cols), maxColumnsListed)]
	fmt.Fprintf(b, "row %d differs at columns %v", y, listed)
	if len(cols) > len(listed) {
		fmt.Fprintf(b, " and %d more", len(cols)-len(listed))
	}
	fmt.Fprintf(b, "\nwant |%s|\ngot  |%s|\n", rowText(want), rowText(got))
	x := cols[0]
	fmt.Fprintf(b, "column %d: want %s\n           got  %s\n", x, describeCell(&want.Cells[x]), describeCell(&got.Cells[x]))
}

// rowText is the row as the user sees its characters, every column kept.
func rowText(r *vt.Row) string {
	var b strings.Builder
	for i := range r.Cells {
		if v := viewOf(&r.Cells[i]); !v.tail {
			b.WriteString(v.text)
		}
	}
	return b.String()
}

func describeCell(c *vt.Cell) string {
	if c.WideTail {
		return "right half of a wide character"
	}
	v := viewOf(c)
	s := fmt.Sprintf("%+q fg=%s bg=%s attrs=%s", v.text, colorName(v.rend.Fg), colorName(v.rend.Bg), attrNames(v.rend.Attrs))
	if c.Wide {
		s += " wide"
	}
	return s
}

func colorName(c vt.Color) string {
	if n, ok := c.Index(); ok {
		return fmt.Sprintf("%d", n)
	}
	if r, g, b, ok := c.RGB(); ok {
		return fmt.Sprintf("#%02x%02x%02x", r, g, b)
	}
	return "default"
}

var attrList = []struct {
	a    vt.Attr
	name string
}{
	{vt.AttrBold, "bold"}, {vt.AttrFaint, "faint"}, {vt.AttrItalic, "italic"},
	{vt.AttrUnderline, "underline"}, {vt.AttrBlink, "blink"}, {vt.AttrInverse, "inverse"},
	{vt.AttrInvisible, "invisible"}, {vt.AttrStrikethrough, "strikethrough"},
}

func attrNames(a vt.Attr) string {
	var names []string
	for _, e := range attrList {
		if a&e.a != 0 {
			names = append(names, e.name)
			a &^= e.a
		}
	}
	if a != 0 {
		names = append(names, fmt.Sprintf("%#x", uint16(a)))
	}
	if names == nil {
		return "none"
	}
	return strings.Join(names, "+")
}
