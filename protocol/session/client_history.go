package session

import "github.com/roamterm/roam/vt"

// History is the scrollback a Frame carries: the lines that scrolled off
// the top of the server's primary screen, oldest first, each with its
// renditions and soft-wrap flag, numbered from the start of the session
// (see vt.HistoryView: First, End, Len, Line). The visible screen (the
// Frame's FB) continues it: line End() would be the screen's top row had
// it scrolled off. It is immutable; keep it and read it from any
// goroutine.
//
// When the server's history is cleared (ED 3, e.g. by `clear`), the lines
// go and Cleared (vt.HistoryView.Cleared) rises to the number below which
// they were erased: a front end that copied lines elsewhere (the tty's
// terminal scrollback) erases its copies when it sees Cleared rise.
type History struct {
	vt.HistoryView
	// Synced is set when the server is a Roam server sending its own
	// history: the lines are exactly those that left its screen, within
	// the server's and the client's bounds (ClientConfig.HistoryLines).
	Synced bool
	// Incomplete is set when lines may be missing: the history was pieced
	// together from the screens of a server that does not send one (a
	// stock mosh-server), or lines were dropped by the server's bound
	// before this client got them (empty lines stand in for them).
	Incomplete bool
}

// same reports whether a and b hold the same lines and flags.
func (a History) same(b History) bool {
	return a.First() == b.First() && a.End() == b.End() && a.Cleared() == b.Cleared() &&
		a.Synced == b.Synced && a.Incomplete == b.Incomplete
}

// recordScrolledOff adds to h the rows of old that scrolled off the top
// on the way to next, best effort, for a server that does not send its
// history: if the top rows of next are rows k… of old (for the smallest
// such k that leaves at least one non-blank row matched), rows 0…k-1 of
// old scrolled off. A screen that scrolled by more than its height
// between two frames, was cleared or redrawn, or changed size records
// nothing.
func recordScrolledOff(h *vt.History, old, next *vt.Framebuffer) {
	if old == nil || old.Width() != next.Width() || old.Height() != next.Height() {
		return
	}
	height := old.Height()
	if shifted(old, next, 0) {
		return // the top rows stayed: no scroll
	}
	for k := 1; k < height; k++ {
		if shifted(old, next, k) {
			for y := range k {
				h.Push(old.Row(y))
			}
			return
		}
	}
}

// shifted reports whether rows k…height-2 of old are rows 0…height-k-2
// of next (the bottom row is left out: it is where new output appears)
// and at least one of them is not blank.
func shifted(old, next *vt.Framebuffer, k int) bool {
	n := old.Height() - 1 - k
	if n <= 0 {
		return false
	}
	text := false
	for y := range n {
		a, b := old.Row(y+k), next.Row(y)
		if !a.Equal(b) {
			return false
		}
		if !text && !blankRow(a) {
			text = true
		}
	}
	return text
}

func blankRow(r *vt.Row) bool {
	for i := range r.Cells {
		if !r.Cells[i].IsBlank() {
			return false
		}
	}
	return true
}
