package termview

import (
	"unicode"

	"github.com/roamterm/roam/vt"
)

// Search: a case-insensitive plain-text query over the history and the
// screen, soft-wrapped rows joined into lines. Nothing is indexed:
// stepping to a match reads lines outwards from the current one until it
// finds one, and the highlights are found again in the rows in view each
// time the view is drawn, so output arriving during a search costs
// nothing until it shows.

// maxJoinRows bounds how many soft-wrapped rows search joins into one
// line: a match across more is not found, and no step reads an unbounded
// run of rows.
const maxJoinRows = 64

// markToEnd is the end column of a mark that reaches the end of its row.
const markToEnd = 1 << 30

// mark is the part of a search match on one virtual row: columns
// [from, to).
type mark struct {
	row, from, to int
	current       bool
}

// match is a search match, from its first cell to the cell after its
// last, in virtual positions.
type match struct{ from, to cellPos }

// finder finds a query in the view's lines.
type finder struct {
	query []rune // case-folded; empty when not searching
	cur   match  // the current match; zero (from == to) when none

	// Scratch buffers: the runes of one line, case-folded, with the
	// cells each came from (start and end column), and its matches.
	cells []vt.Cell
	runes []rune
	from  []cellPos
	to    []cellPos
	found []match
	marks []mark
}

// fold returns r's case-folded form for matching.
func fold(r rune) rune { return unicode.ToLower(r) }

// setQuery changes the query; the current match is kept.
func (f *finder) setQuery(q string) {
	f.query = f.query[:0]
	for _, r := range q {
		f.query = append(f.query, fold(r))
	}
}

// active reports whether there is a query.
func (f *finder) active() bool { return len(f.query) > 0 }

// lineStart returns the first row of the line that virtual row v is
// part of, at most maxJoinRows-1 rows up.
func lineStart(src lines, v int) int {
	for i := 1; i < maxJoinRows && v > src.first() && src.wrapped(v-1); i++ {
		v--
	}
	return v
}

// scan reads the line starting at virtual row start into f.runes, f.from
// and f.to, finds the query in it (into f.found) and returns the row
// after the line.
func (f *finder) scan(src lines, start int) (next int) {
	f.runes, f.from, f.to, f.found = f.runes[:0], f.from[:0], f.to[:0], f.found[:0]
	v := start
	for n := 0; v < src.end() && n < maxJoinRows; n++ {
		cells := src.cells(v, &f.cells)
		for x := range cells {
			c := &cells[x]
			if c.WideTail {
				continue
			}
			w := 1
			if c.Wide {
				w = 2
			}
			add := func(r rune) {
				f.runes = append(f.runes, fold(r))
				f.from = append(f.from, cellPos{v, x})
				f.to = append(f.to, cellPos{v, x + w})
			}
			if c.Rune == 0 {
				add(' ')
			} else {
				add(c.Rune)
			}
			for _, r := range c.Comb {
				add(r)
			}
		}
		v++
		if !src.wrapped(v - 1) {
			break
		}
	}
	q := f.query
	for i := 0; i+len(q) <= len(f.runes) && len(q) > 0; i++ {
		if equalRunes(f.runes[i:i+len(q)], q) {
			f.found = append(f.found, match{f.from[i], f.to[i+len(q)-1]})
		}
	}
	return v
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// step makes the next match up (older) or down (newer) from ref current,
// wrapping around at the ends, and reports whether there is one: up, the
// last match starting before ref; down, the first starting after it.
func (f *finder) step(src lines, ref cellPos, up bool) bool {
	first, end := src.first(), src.end()
	if !f.active() || end <= first {
		f.cur = match{}
		return false
	}
	v := lineStart(src, min(max(ref.Row, first), end-1))
	wrapped := false
	for visited := 0; visited <= end-first+2*maxJoinRows; {
		next := f.scan(src, v)
		if up {
			for i := len(f.found) - 1; i >= 0; i-- {
				if m := f.found[i]; wrapped || m.from.before(ref) {
					f.cur = m
					return true
				}
			}
		} else {
			for _, m := range f.found {
				if wrapped || ref.before(m.from) {
					f.cur = m
					return true
				}
			}
		}
		visited += next - v
		switch {
		case up && v <= first:
			v, wrapped = lineStart(src, end-1), true
		case up:
			v = lineStart(src, v-1)
		case next >= end:
			v, wrapped = first, true
		default:
			v = next
		}
	}
	f.cur = match{}
	return false
}

// visibleMarks returns the marks of the matches on the rows virtual rows
// from top, the current match's flagged.
func (f *finder) visibleMarks(src lines, top, rows int) []mark {
	f.marks = f.marks[:0]
	if !f.active() || src.screen == nil {
		return f.marks
	}
	bottom := min(top+rows, src.end())
	for v := lineStart(src, max(top, src.first())); v < bottom; {
		next := f.scan(src, v)
		for _, m := range f.found {
			cur := m == f.cur
			for r := max(m.from.Row, top); r <= m.to.Row && r < bottom; r++ {
				mk := mark{row: r, from: 0, to: markToEnd, current: cur}
				if r == m.from.Row {
					mk.from = m.from.Col
				}
				if r == m.to.Row {
					mk.to = m.to.Col
				}
				f.marks = append(f.marks, mk)
			}
		}
		v = next
	}
	return f.marks
}

// Search highlights every match of query (case-insensitive plain text)
// in the history and on the screen, makes the nearest one current (the
// current one if it still matches, else the last one above the bottom of
// the view), scrolls it into view and reports whether there is one. An
// empty query ends the search.
func (t *Terminal) Search(query string) bool {
	if query == "" {
		t.EndSearch()
		return false
	}
	t.find.setQuery(query)
	ref := cellPos{t.viewTop() + t.page(), 0}
	if cur := t.find.cur; cur.from != cur.to {
		ref = cellPos{cur.from.Row, cur.from.Col + 1}
	}
	return t.showMatch(t.find.step(linesOf(&t.frame), ref, true))
}

// FindUp makes the match before the current one (older output) current,
// from the bottom after the top, scrolls it into view and reports
// whether there is one.
func (t *Terminal) FindUp() bool { return t.findStep(true) }

// FindDown makes the match after the current one (newer output) current,
// from the top after the bottom, scrolls it into view and reports
// whether there is one.
func (t *Terminal) FindDown() bool { return t.findStep(false) }

func (t *Terminal) findStep(up bool) bool {
	ref := t.find.cur.from
	if t.find.cur.from == t.find.cur.to {
		ref = cellPos{t.viewTop() + t.page(), 0}
		if !up {
			ref = cellPos{t.viewTop() - 1, markToEnd}
		}
	}
	return t.showMatch(t.find.step(linesOf(&t.frame), ref, up))
}

// showMatch scrolls the current match into view, centred, if found and
// out of view, and redraws the highlights.
func (t *Terminal) showMatch(found bool) bool {
	if cur := t.find.cur; found && (cur.from.Row < t.viewTop() || cur.to.Row >= t.viewTop()+t.page()) {
		t.scrollTo(cur.from.Row - t.page()/2)
	}
	t.raster.Refresh()
	return found
}

// EndSearch removes the search highlights.
func (t *Terminal) EndSearch() {
	t.find.setQuery("")
	t.find.cur = match{}
	t.raster.Refresh()
}
