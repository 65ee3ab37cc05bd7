package vt

// scrollRegionUp scrolls the scroll region up by n for a line feed at its
// bottom or SU, keeping the lines that leave the screen in the history
// when the region is the whole primary screen.
func (e *Emulator) scrollRegionUp(n int) {
	if h := e.history; h != nil && e.top == 0 && e.bottom == e.fb.height-1 && !e.modes.AltScreen {
		for _, r := range e.fb.rows[:min(max(n, 0), e.fb.height)] {
			h.Push(r)
		}
	}
	e.scrollUp(e.top, e.bottom, n)
}

// scrollUp moves the rows of [top, bottom] up by n, like
// Framebuffer.ScrollUp, filling the bottom with blank rows of the current
// background. Rows that leave the top and are not shared with a clone are
// cleared and reused, so that steady scrolling does not allocate; the
// scrolled-off text is discarded (scrollRegionUp keeps it first).
func (e *Emulator) scrollUp(top, bottom, n int) {
	fb := e.fb
	if top < 0 || bottom >= fb.height || top > bottom || n <= 0 {
		return
	}
	n = min(n, bottom-top+1)
	if n == 1 {
		// A single line feed, the common case, without a temporary slice.
		r := fb.rows[top]
		copy(fb.rows[top:], fb.rows[top+1:bottom+1])
		fb.rows[bottom] = e.recycle(r)
		return
	}
	old := make([]*Row, n)
	copy(old, fb.rows[top:top+n])
	copy(fb.rows[top:], fb.rows[top+n:bottom+1])
	for i, r := range old {
		fb.rows[bottom-n+1+i] = e.recycle(r)
	}
}

// scrollDown moves the rows of [top, bottom] down by n, filling the top with
// blank rows of the current background and reusing unshared rows pushed off
// the bottom.
func (e *Emulator) scrollDown(top, bottom, n int) {
	fb := e.fb
	if top < 0 || bottom >= fb.height || top > bottom || n <= 0 {
		return
	}
	n = min(n, bottom-top+1)
	if n == 1 {
		// A single reverse index, without a temporary slice.
		r := fb.rows[bottom]
		copy(fb.rows[top+1:bottom+1], fb.rows[top:bottom])
		fb.rows[top] = e.recycle(r)
		return
	}
	old := make([]*Row, n)
	copy(old, fb.rows[bottom-n+1:bottom+1])
	copy(fb.rows[top+n:bottom+1], fb.rows[top:bottom+1-n])
	for i, r := range old {
		fb.rows[top+i] = e.recycle(r)
	}
}

// recycle returns r cleared to the current background if no clone shares
// it, else a new blank row.
func (e *Emulator) recycle(r *Row) *Row {
	bg := e.fb.Pen.Bg
	if r.shared || len(r.Cells) != e.fb.width {
		return newRow(e.fb.width, bg)
	}
	if bg == ColorDefault {
		clear(r.Cells)
	} else {
		blank := Cell{Rend: Rendition{Bg: bg}}
		for i := range r.Cells {
			r.Cells[i] = blank
		}
	}
	r.Wrapped = false
	return r
}
