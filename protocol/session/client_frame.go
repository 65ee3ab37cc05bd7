package session

import (
	"time"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/predict"
)

// Frame is one immutable snapshot of the client's display, published
// by the session goroutine for any front end to draw. Nothing in it is
// written again, so a front end may keep it and read it from any
// goroutine.
type Frame struct {
	// FB is the newest screen received from the server (a blank screen of
	// the window's size before the first). Do not modify it.
	FB *vt.Framebuffer
	// Overlay holds the predictions to draw over FB.
	Overlay predict.Overlay
	// Status is what the notification bar says.
	Status Status
	// Repaints counts the user's requests (Ctrl-L) that the front end
	// redraw its whole display rather than what changed.
	Repaints uint64
	// Suspends counts the user's requests (the escape key, then Ctrl-Z)
	// that a terminal front end suspend itself.
	Suspends uint64
	// History is the scrollback above FB (empty when the client keeps
	// none).
	History History
	// AltScreen is set while the remote application is on the alternate
	// screen (pagers, editors, htop), where a terminal turns the wheel
	// into arrow keys rather than scroll its history. A Roam server that
	// sends its history says so; with any other server (a stock
	// mosh-server) it stays false: unknown.
	AltScreen bool
}

// Status is the session's state as the notification bar shows it.
type Status struct {
	// Notification is the bar's text as mosh-client draws it on the top
	// row, e.g. "roam: Last contact 12 seconds ago. [To quit: Ctrl-^ .]";
	// empty when there is no bar.
	Notification string
	// LastContact is when the newest server state arrived (zero before
	// the first).
	LastContact time.Time
	// LastReply is when the newest of our states that the server
	// acknowledged was sent.
	LastReply time.Time
	// Connecting is set until the first server state arrives.
	Connecting bool
	// ShuttingDown is set once the shutdown handshake has started.
	ShuttingDown bool
}

// Notification bar colours: bold white on blue, as mosh draws it.
var barRendition = vt.Rendition{Fg: vt.IndexedColor(7), Bg: vt.IndexedColor(4)}

// Screen returns the screen a terminal front end shows for f: FB with
// the predictions drawn in (unconfirmed ones underlined), the window title
// prefixed with titlePrefix, and the notification bar over the top row,
// as mosh-client composes its display. FB is not modified.
func (f Frame) Screen(titlePrefix string) *vt.Framebuffer {
	fb := predict.Draw(f.FB, f.Overlay)
	if titlePrefix != "" {
		if fb.IconName == fb.Title {
			fb.IconName = titlePrefix + fb.IconName
		}
		fb.Title = titlePrefix + fb.Title
	}
	if f.Status.Notification != "" {
		drawBar(fb, f.Status.Notification)
	}
	return fb
}

// drawBar draws text over row 0, white on blue, the text bold, and hides
// the cursor if it is on that row.
func drawBar(fb *vt.Framebuffer, text string) {
	if fb.Cursor.Row == 0 {
		fb.Cursor.Visible = false
	}
	row := fb.MutableRow(0)
	row.Wrapped = false
	for i := range row.Cells {
		row.Cells[i] = vt.Cell{Rune: ' ', Rend: barRendition}
	}
	bold := barRendition
	bold.Attrs |= vt.AttrBold
	col, last := 0, -1
	for _, r := range text {
		w := vt.Width(r)
		switch {
		case w == 0 && last >= 0:
			if c := &row.Cells[last]; len(c.Comb)+len(string(r)) <= vt.MaxCombiningBytes {
				c.Comb += string(r)
			}
			continue
		case w < 1 || col+w > len(row.Cells):
			continue
		}
		row.Cells[col] = vt.Cell{Rune: r, Rend: bold, Wide: w == 2}
		if w == 2 {
			row.Cells[col+1] = vt.Cell{Rend: bold, WideTail: true}
		}
		last = col
		col += w
		if col >= len(row.Cells) {
			break
		}
	}
}
