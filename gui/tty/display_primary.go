package tty

import (
	"fmt"

	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/vt"
)

// Drawing on the primary screen, for a server that sends its history.
//
// The host terminal's scrollback must receive every history line once, in
// order, and nothing else. Two rules make sure of it:
//
//   - A history line enters the scrollback one way only: drawn on the
//     top row, then scrolled off by a line feed on the bottom row (the
//     scroll region is always the whole screen). A batch of lines is
//     written that way one after the other, after which the screen is
//     repainted.
//   - Everything else avoids what terminals move to their scrollback:
//     rows are painted one by one (cursor address, text, EL); the screen
//     is never scrolled, and never cleared with ED (tmux's scroll-on-clear
//     moves a cleared screen into its history). vt.DisplayDiff is used
//     only for what surrounds the rows (title, modes, cursor), from a
//     screen whose rows already equal the new ones, so it emits no row,
//     scroll or clear.

// enterPrimary leaves the alternate screen, if the session was drawn
// there, and makes room on the primary screen: the host's screen contents
// are scrolled into its scrollback, as any output would push them.
func (d *display) enterPrimary(f session.Frame) {
	d.primary = true
	h := f.FB.Height()
	s := "\x1b[r"
	if d.altScreen {
		s += leaveAltScreen
	}
	s += fmt.Sprintf("\x1b[%d;1H", h)
	for range h {
		s += "\n"
	}
	d.buf = append(d.buf[:0], s...)
	d.emitted = f.History.First()
	d.painted = nil
	d.last = nil
}

// drawPrimary brings the primary screen up to date with f: new history
// lines into the scrollback, then the changed rows, then the rest.
func (d *display) drawPrimary(f session.Frame) {
	next := f.Screen(d.titlePrefix)
	w, h := next.Width(), next.Height()
	if d.painted != nil && (len(d.painted) != h || d.paintedWidth != w) {
		d.painted = nil
	}
	if hist := f.History; hist.End() > d.emitted {
		for n := max(d.emitted, hist.First()); n < hist.End(); n++ {
			l, _ := hist.Line(n)
			d.buf = append(d.buf, "\x1b[H"...)
			d.buf = vt.AppendRowText(d.buf, l.Row(), w)
			d.buf = fmt.Appendf(d.buf, "\x1b[%d;1H\n", h)
		}
		d.emitted = hist.End()
		d.painted = nil // every row moved
	}
	if d.painted == nil {
		d.painted, d.paintedWidth = make([]*vt.Row, h), w
	}
	for y := range h {
		row := next.Row(y)
		if old := d.painted[y]; old != nil && old.Equal(row) {
			continue
		}
		d.buf = fmt.Appendf(d.buf, "\x1b[%d;1H", y+1)
		d.buf = vt.AppendRowText(d.buf, row, w)
		d.painted[y] = row
	}
	d.buf = append(d.buf, "\x1b[H"...)
	d.buf = vt.AppendDisplayDiff(d.buf, d.surroundings(next), next)
	if _, err := d.out.Write(d.buf); err != nil {
		d.painted, d.last = nil, nil
	} else {
		d.last = next
	}
	d.buf = d.buf[:0]
}

// surroundings returns the screen the terminal now shows as far as a
// display diff is concerned: next's rows, painted, the cursor at the top
// left with the rendition reset, and the title and modes last drawn.
func (d *display) surroundings(next *vt.Framebuffer) *vt.Framebuffer {
	var from *vt.Framebuffer
	if d.last != nil && d.last.Width() == next.Width() && d.last.Height() == next.Height() {
		from = d.last.Clone()
	} else {
		from = vt.NewFramebuffer(next.Width(), next.Height())
	}
	for y := range next.Height() {
		src := next.Row(y)
		if from.SameRow(y, next) || from.Row(y).Equal(src) {
			continue
		}
		dst := from.MutableRow(y)
		copy(dst.Cells, src.Cells)
		dst.Wrapped = src.Wrapped
	}
	from.Cursor.Row, from.Cursor.Col = 0, 0
	from.Pen = vt.Rendition{}
	return from
}
