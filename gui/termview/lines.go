package termview

import "github.com/roamterm/roam/vt"

// lines is the text the view scrolls through: the history's lines, then
// the screen's rows, addressed by virtual row. A history line's virtual
// row is its absolute number, and the screen's row y is virtual row
// hist.End()+y: a row keeps its number when it scrolls off the screen
// into the history, so that a view or a selection anchored on virtual
// rows stays on the same text while output arrives.
type lines struct {
	hist   vt.HistoryView
	screen *vt.Framebuffer
}

// linesOf returns the lines of frame f.
func linesOf(f *Frame) lines { return lines{hist: f.History, screen: f.Screen} }

// first returns the virtual row of the oldest history line.
func (l lines) first() int { return int(l.hist.First()) }

// screenTop returns the virtual row of the screen's top row.
func (l lines) screenTop() int { return int(l.hist.End()) }

// end returns the virtual row after the screen's bottom row.
func (l lines) end() int {
	if l.screen == nil {
		return l.screenTop()
	}
	return l.screenTop() + l.screen.Height()
}

// width returns the screen's width (0 without a screen).
func (l lines) width() int {
	if l.screen == nil {
		return 0
	}
	return l.screen.Width()
}

// row returns virtual row v, nil outside [first, end). A history line is
// decoded into a new Row.
func (l lines) row(v int) *vt.Row {
	if v >= l.screenTop() {
		if v >= l.end() {
			return nil
		}
		return l.screen.Row(v - l.screenTop())
	}
	line, ok := l.hist.Line(uint64(max(v, 0)))
	if !ok || v < 0 {
		return nil
	}
	return line.Row()
}

// lineCache keeps the rows decoded from the history lines in view, so
// that drawing an unchanged scrolled view decodes nothing and finds every
// row unchanged by pointer. History lines are immutable and never
// renumbered, so a line number names its row for as long as the history
// lasts; a history that starts over (First or End going back) empties
// the cache.
type lineCache struct {
	slots      []cachedLine // line n in slot n % len(slots)
	first, end uint64       // the history the slots were filled from
}

type cachedLine struct {
	n   uint64
	row *vt.Row
}

// resize makes room for at least n lines at once (the view's rows).
func (c *lineCache) resize(n int) {
	if n = max(2*n, 64); len(c.slots) < n {
		c.slots = make([]cachedLine, n)
	}
}

// row returns virtual row v of l, decoding history lines once.
func (c *lineCache) row(l *lines, v int) *vt.Row {
	first, end := l.hist.First(), l.hist.End()
	if v < 0 || uint64(v) >= end || uint64(v) < first || len(c.slots) == 0 {
		return l.row(v)
	}
	if first < c.first || end < c.end {
		clear(c.slots)
	}
	c.first, c.end = first, end
	n := uint64(v)
	s := &c.slots[n%uint64(len(c.slots))]
	if s.row == nil || s.n != n {
		s.n, s.row = n, l.row(v)
	}
	return s.row
}

// wrapped reports whether virtual row v continues on the next one (a
// soft wrap), without decoding a history line.
func (l lines) wrapped(v int) bool {
	if v >= l.screenTop() {
		return v < l.end() && l.screen.Row(v-l.screenTop()).Wrapped
	}
	line, ok := l.hist.Line(uint64(max(v, 0)))
	return ok && v >= 0 && line.Wrapped()
}

// cells returns the cells of virtual row v: a screen row's own, or a
// history line's decoded into *buf (which keeps the grown buffer).
func (l lines) cells(v int, buf *[]vt.Cell) []vt.Cell {
	if v >= l.screenTop() {
		if v >= l.end() {
			return nil
		}
		return l.screen.Row(v - l.screenTop()).Cells
	}
	line, ok := l.hist.Line(uint64(max(v, 0)))
	if !ok || v < 0 {
		return nil
	}
	*buf = line.AppendCells((*buf)[:0])
	return *buf
}
