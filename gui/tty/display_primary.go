package tty

import (
	"fmt"
	"strconv"
	"strings"
	"time"

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
//
// When the server's history is cleared (ED 3, e.g. `clear`), the
// terminal's scrollback is erased with ED 3 too, before the lines that
// follow the clear are written: it holds what roam put there, and the
// user asked for it to go, as it would on a local shell. ED 3 leaves the
// screen alone (xterm, tmux), so the rules above still hold.

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
	d.cleared = f.History.Cleared()
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
	if c := f.History.Cleared(); c > d.cleared {
		d.buf = append(d.buf, "\x1b[3J"...)
		d.cleared = c
	}
	moved := false // the cursor left where d.last put it
	if hist := f.History; hist.End() > d.emitted {
		moved = true
		first := max(d.emitted, hist.First())
		for n := first; n < hist.End(); n++ {
			if k := hist.EmptyRun(n); k > 0 {
				d.buf = appendEmptyLines(d.buf, int(k), h)
				n += k - 1
				continue
			}
			l, _ := hist.Line(n)
			d.buf = append(d.buf, "\x1b[H"...)
			d.buf = l.AppendRowText(d.buf, w)
			d.buf = appendLineStart(d.buf, h-1)
			d.buf = append(d.buf, '\n')
		}
		d.emitted = hist.End()
		if d.now != nil {
			d.historyAt = d.now()
		} else {
			d.historyAt = time.Now()
		}
		d.scrollPainted(int(hist.End() - first))
	}
	if d.painted == nil {
		d.painted, d.paintedWidth = make([]*vt.Row, h), w
	}
	for y := range h {
		row := next.Row(y)
		if old := d.painted[y]; old != nil && old.Equal(row) {
			continue
		}
		d.buf = appendLineStart(d.buf, y)
		d.buf = vt.AppendRowText(d.buf, row, w)
		d.painted[y] = row
		moved = true
	}
	if moved || d.last == nil || d.last.Width() != w || d.last.Height() != h {
		d.buf = append(d.buf, "\x1b[H"...)
		d.buf = vt.AppendDisplayDiff(d.buf, d.surroundings(next), next)
	} else {
		// Nothing was written: the terminal shows d.last, rows, cursor
		// and pen, and most frames (a heartbeat's new contact time)
		// change nothing at all, which is then not written.
		d.buf = vt.AppendDisplayDiff(d.buf, d.last, next)
	}
	if len(d.buf) == 0 {
		d.last = next
		return
	}
	if _, err := d.out.Write(d.buf); err != nil {
		d.painted, d.last = nil, nil
	} else {
		d.last = next
	}
	d.buf = d.buf[:0]
}

// historyBatch is how long history lines may wait to be written to the
// scrollback while nothing else changes: after a flood a Roam server sends
// the scrollback in small steps a frame interval apart, and writing a
// batch costs a repaint of the screen, so steps are written a few at a
// time.
const historyBatch = 100 * time.Millisecond

// historyWait returns how long drawing f may wait (0: draw it now): as
// long as f brings history lines and nothing else, and history was
// written less than historyBatch before now, until historyBatch after it.
func (d *display) historyWait(f session.Frame, now time.Time) time.Duration {
	if !d.primary || d.last == nil || f.History.End() <= d.emitted {
		return 0
	}
	wait := historyBatch - now.Sub(d.historyAt)
	if wait <= 0 || !onlyHistory(d.drawn, f) {
		return 0
	}
	return wait
}

// onlyHistory reports whether f differs from old, as drawn, at most by
// history lines: same screen, no predictions, same bar, same clear mark.
func onlyHistory(old, f session.Frame) bool {
	return f.Repaints == old.Repaints && f.Suspends == old.Suspends &&
		f.Status.Notification == old.Status.Notification && f.AltScreen == old.AltScreen &&
		len(f.Overlay.Cells) == 0 && len(old.Overlay.Cells) == 0 &&
		f.History.Cleared() == old.History.Cleared() && f.FB.Equal(old.FB)
}

// appendLineStart appends the cursor address of the first column of row
// y (from 0).
func appendLineStart(b []byte, y int) []byte {
	b = append(b, "\x1b["...)
	b = strconv.AppendInt(b, int64(y)+1, 10)
	return append(b, ";1H"...)
}

// appendEmptyLines appends k empty history lines for a screen of height
// h: the top k rows (all if k >= h) erased in the default rendition, then
// k line feeds on the bottom row, each scrolling an empty row off the top
// (once the erased rows are gone, those the line feeds brought in at the
// bottom, empty too). A client that falls behind a flood records runs of
// thousands of lines it never got as empty lines, and a byte each
// instead of a row painted each keeps writing them cheap.
func appendEmptyLines(b []byte, k, h int) []byte {
	b = append(b, "\x1b[0m"...)
	for y := range min(k, h) {
		b = appendLineStart(b, y)
		b = append(b, "\x1b[K"...)
	}
	b = appendLineStart(b, h-1)
	for k > 0 {
		n := min(k, len(lineFeeds))
		b = append(b, lineFeeds[:n]...)
		k -= n
	}
	return b
}

var lineFeeds = strings.Repeat("\n", 256)

// scrollPainted records that n lines went into the scrollback: each
// overwrote the top row and a line feed on the bottom row moved every row
// up one, leaving blank rows at the bottom, which are not known as any
// row. Output that scrolls then costs the rows that are new, not a
// repaint of the screen.
func (d *display) scrollPainted(n int) {
	if d.painted == nil {
		return
	}
	n = min(n, len(d.painted))
	copy(d.painted, d.painted[n:])
	clear(d.painted[len(d.painted)-n:])
}

// surroundings returns the screen the terminal now shows as far as a
// display diff is concerned: next's rows, painted, the cursor at the top
// left with the rendition reset, and the title and modes last drawn. It
// shares next's rows, which also tells the diff at once that no row
// changed: copying them, after output scrolled every row, was a good part
// of a flood's frames.
func (d *display) surroundings(next *vt.Framebuffer) *vt.Framebuffer {
	last := d.last
	if last == nil || last.Width() != next.Width() || last.Height() != next.Height() {
		last = vt.NewFramebuffer(next.Width(), next.Height())
	}
	from := next.Clone()
	copyState(from, last)
	from.Cursor.Row, from.Cursor.Col = 0, 0
	from.Pen = vt.Rendition{}
	return from
}

// copyState copies to dst the state of src besides its size and rows:
// every exported field of vt.Framebuffer (TestCopyStateCopiesEveryField
// makes sure no new one is missed).
func copyState(dst, src *vt.Framebuffer) {
	dst.Cursor, dst.Pen = src.Cursor, src.Pen
	dst.Title, dst.IconName, dst.TitleSet = src.Title, src.IconName, src.TitleSet
	dst.Clipboard, dst.BellCount = src.Clipboard, src.BellCount
	dst.ReverseVideo, dst.BracketedPaste, dst.FocusEvents = src.ReverseVideo, src.BracketedPaste, src.FocusEvents
	dst.Mouse, dst.MouseEncoding = src.Mouse, src.MouseEncoding
}
