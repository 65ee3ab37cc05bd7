package termview

import (
	"bytes"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/roamterm/roam/vt"
)

// Scrolling back through the history.
//
// The view either follows the screen (its first row shows the screen's
// top row) or is scrolled back, its first row anchored on a virtual row
// (see lines): history lines keep their numbers as output arrives, so a
// scrolled-back view stays on the same lines while the screen goes on
// changing below it.

// wheelRowsPerUnit converts a scroll event's distance to rows: Fyne
// reports a wheel notch as 25 units (10 on macOS, which accelerates
// itself), and terminals scroll 3 rows a notch.
const wheelRowsPerUnit = 3.0 / 25

// Scrollbar geometry, in Fyne units: a thin thumb over the right edge,
// shown while scrolled back or while the pointer is near that edge.
const (
	barWidth    = 6
	barInset    = 2
	barHitWidth = 14
	barMinThumb = 16
)

// scroller is the view's place in the history.
type scroller struct {
	// back is set while the view is scrolled back; top is then the
	// virtual row at its first row.
	back bool
	top  int
	// newOutput is set when the frame changed while scrolled back.
	newOutput bool
	// wheel holds the fraction of a row the wheel moved but did not
	// scroll yet.
	wheel float32

	// hover is set while the pointer is over the scrollbar's edge;
	// dragging while the thumb is dragged, grab being where the thumb
	// was taken, from its top.
	hover, dragging bool
	grab            float32
}

// viewTop returns the virtual row the view's first row shows.
func (t *Terminal) viewTop() int {
	if t.scroll.back {
		return t.scroll.top
	}
	return linesOf(&t.frame).screenTop()
}

// scrollTo puts virtual row top at the view's first row, clamped to the
// history: at or after the screen's top row the view follows the screen.
func (t *Terminal) scrollTo(top int) {
	src := linesOf(&t.frame)
	top = max(top, src.first())
	was := t.scroll
	if top >= src.screenTop() {
		t.scroll.back, t.scroll.top, t.scroll.newOutput = false, 0, false
	} else {
		t.scroll.back, t.scroll.top = true, top
	}
	if t.scroll != was {
		t.raster.Refresh()
		t.updateScrollbar()
	}
}

// scrollBy scrolls n rows down (up when negative).
func (t *Terminal) scrollBy(n int) { t.scrollTo(t.viewTop() + n) }

// scrollToBottom makes the view follow the screen again.
func (t *Terminal) scrollToBottom() {
	if t.scroll.back {
		t.scrollTo(linesOf(&t.frame).screenTop())
	}
}

// page returns the rows a page scroll moves: the view's height.
func (t *Terminal) page() int { return max(t.rows, 1) }

// anchor keeps a scrolled-back view and the selection on their lines as
// frame next replaces the one shown, and notes new output: the top row
// stays, unless the history dropped it (then the oldest line is shown)
// or started over. (For the selection, see selection.follow.)
func (t *Terminal) anchor(next *Frame) {
	old, src := linesOf(&t.frame), linesOf(next)
	t.sel.follow(old, src)
	if !t.scroll.back {
		return
	}
	if src.hist.End() < old.hist.End() || src.hist.First() < old.hist.First() {
		t.scroll.back, t.scroll.newOutput = false, false // another history
		return
	}
	t.scroll.top = max(t.scroll.top, src.first())
	if t.scroll.top >= src.screenTop() {
		t.scroll.back, t.scroll.newOutput = false, false
		return
	}
	if src.hist.End() != old.hist.End() || next.Screen != nil && t.frame.Screen != nil && !next.Screen.Equal(t.frame.Screen) {
		t.scroll.newOutput = true
	}
}

// scrollKey handles the keys that scroll the view (Shift with Page Up,
// Page Down, Home or End) and reports whether name was one. They are
// left to the remote when there is no history to scroll.
func (t *Terminal) scrollKey(name fyne.KeyName) bool {
	src := linesOf(&t.frame)
	if src.hist.Len() == 0 && !t.scroll.back {
		return false
	}
	switch name {
	case fyne.KeyPageUp:
		t.scrollBy(-t.page())
	case fyne.KeyPageDown:
		t.scrollBy(t.page())
	case fyne.KeyHome:
		t.scrollTo(src.first())
	case fyne.KeyEnd:
		t.scrollToBottom()
	default:
		return false
	}
	return true
}

// wheelRows converts a scroll event's vertical distance to whole rows,
// up being positive, and keeps the fraction left for the next event, so
// that a trackpad's small steps add up.
func (s *scroller) wheelRows(dy float32) int {
	s.wheel += dy * wheelRowsPerUnit
	n := int(s.wheel) // towards zero: the fraction is kept
	s.wheel -= float32(n)
	return n
}

// wheel scrolls the view by a scroll event's vertical distance.
func (t *Terminal) wheel(dy float32) { t.scrollBy(-t.scroll.wheelRows(dy)) }

// altScroll reports whether the wheel goes to the remote as arrow keys:
// it is on the alternate screen, which has no history for the wheel to
// scroll, the wheel is not reported to it as the mouse (see reporting),
// and the view follows the screen. Pagers (less, man) and other
// full-screen programs then scroll with the wheel, as in xterm
// (alternateScroll, ?1007), VTE, iTerm2 and WezTerm. Shift keeps the
// wheel for the view, as it keeps the mouse from a remote that asked for
// it and as Shift+Page Up scrolls the view: Shift+wheel scrolls the
// history behind the alternate screen.
func (t *Terminal) altScroll(mods fyne.KeyModifier) bool {
	return t.frame.AltScreen && t.frame.Screen != nil && mods&fyne.KeyModifierShift == 0 &&
		!t.scroll.back && !t.reporting(mods)
}

// wheelKeys sends a scroll event's vertical distance as Up or Down arrow
// keys, a row's worth each (3 a notch), at most a page's worth at once,
// encoded as the arrow keys typed are.
func (t *Terminal) wheelKeys(dy float32) {
	n := t.scroll.wheelRows(dy)
	key := vt.KeyUp
	if n < 0 {
		key, n = vt.KeyDown, -n
	}
	if n == 0 {
		return
	}
	t.activity()
	t.send(bytes.Repeat(vt.EncodeKey(key, 0, t.cfg.KeyModes), min(n, t.page())))
}

// thumb returns the scrollbar thumb's offset and length along a track
// of length track, for a view of rows rows at virtual row top over src.
func thumb(src lines, top, rows int, track float32) (pos, length float32) {
	scrollable := src.screenTop() - src.first() // rows above a following view
	if scrollable <= 0 || track <= 0 {
		return 0, track
	}
	length = track * float32(rows) / float32(scrollable+rows)
	length = min(max(length, barMinThumb), track)
	pos = (track - length) * float32(top-src.first()) / float32(scrollable)
	return min(max(pos, 0), track-length), length
}

// topAt returns the view's top row for the thumb's top at pos along the
// track: the inverse of thumb.
func topAt(src lines, rows int, track, pos float32) int {
	scrollable := src.screenTop() - src.first()
	_, length := thumb(src, src.first(), rows, track)
	if track <= length {
		return src.screenTop()
	}
	f := min(max(pos/(track-length), 0), 1)
	return src.first() + int(f*float32(scrollable)+0.5)
}

// newScrollbar returns the scrollbar's thumb, hidden.
func newScrollbar() *canvas.Rectangle {
	r := canvas.NewRectangle(color.Transparent)
	r.Hide()
	return r
}

// updateScrollbar places the thumb for the view's position, and shows it
// while scrolled back, hovered or dragged.
func (t *Terminal) updateScrollbar() {
	src := linesOf(&t.frame)
	show := src.hist.Len() > 0 && (t.scroll.back || t.scroll.hover || t.scroll.dragging)
	if !show {
		if t.bar.Visible() {
			t.bar.Hide()
		}
		return
	}
	size := t.Size()
	pos, length := thumb(src, t.viewTop(), t.page(), size.Height)
	fg := t.comp.pal.Foreground
	t.bar.FillColor = color.NRGBA{fg.R, fg.G, fg.B, 0x80}
	t.bar.Move(fyne.NewPos(size.Width-barWidth-barInset, pos))
	t.bar.Resize(fyne.NewSize(barWidth, length))
	t.bar.Show()
	t.bar.Refresh()
}

// onScrollbar reports whether pos is over the scrollbar while it shows.
func (t *Terminal) onScrollbar(pos fyne.Position) bool {
	return linesOf(&t.frame).hist.Len() > 0 && pos.X >= t.Size().Width-barHitWidth
}

// barPress starts dragging the thumb from pos: taken where it is, or,
// outside it, centred on pos at once.
func (t *Terminal) barPress(pos fyne.Position) {
	src := linesOf(&t.frame)
	track := t.Size().Height
	y, length := thumb(src, t.viewTop(), t.page(), track)
	t.scroll.dragging = true
	if pos.Y >= y && pos.Y < y+length {
		t.scroll.grab = pos.Y - y
	} else {
		t.scroll.grab = length / 2
		t.scrollTo(topAt(src, t.page(), track, pos.Y-t.scroll.grab))
	}
	t.updateScrollbar()
}

// barDrag moves the dragged thumb to pos.
func (t *Terminal) barDrag(pos fyne.Position) {
	t.scrollTo(topAt(linesOf(&t.frame), t.page(), t.Size().Height, pos.Y-t.scroll.grab))
}

// onNewOutputBadge reports whether the cell at row and col of the view's
// grid is on the new-output badge.
func (t *Terminal) onNewOutputBadge(row, col int) bool {
	return t.scroll.newOutput && row == t.rows-1 && col >= t.cols-badgeCols(badgeNewOutput)
}
