package tty

import (
	"fmt"
	"io"
	"time"

	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/vt"
)

// What mosh-client writes to its terminal around a session (mosh-wire
// §7.2): the alternate screen (xterm's smcup/rmcup, which is what
// terminfo gives for the xterm-like terminals this targets) unless
// MOSH_NO_TERM_INIT, and application cursor keys, so that arrows arrive as
// ESC O A..D for the server's key translator.
const (
	enterAltScreen = "\x1b[?1049h"
	leaveAltScreen = "\x1b[?1049l"
	cursorKeysApp  = "\x1b[?1h"
	// restoreModes is mosh-client's exit sequence, plus bracketed paste
	// and focus events off: the session may have turned them on, and a
	// shell left in bracketed-paste mode garbles every paste.
	restoreModes = "\x1b[?1l\x1b[0m\x1b[?25h" +
		"\x1b[?1003l\x1b[?1002l\x1b[?1001l\x1b[?1000l" +
		"\x1b[?1015l\x1b[?1006l\x1b[?1005l" +
		"\x1b[?2004l\x1b[?1004l"
)

// display draws frames on a terminal as mosh-client does: the display
// diff from what it drew last to the next screen. It is used by one
// goroutine.
type display struct {
	out         io.Writer
	titlePrefix string
	altScreen   bool

	last     *vt.Framebuffer // what the terminal shows; nil: unknown
	repaints uint64
	buf      []byte

	// primary is set once the server sends its history: the session is
	// then drawn on the primary screen and the history written into the
	// terminal's scrollback (display_primary.go).
	primary      bool
	emitted      uint64    // history lines written to the scrollback so far
	cleared      uint64    // the history's clear mark when the scrollback was last erased
	painted      []*vt.Row // the rows the screen shows; nil: unknown
	paintedWidth int
	drawn        session.Frame    // the frame last drawn
	historyAt    time.Time        // when history lines were last written
	now          func() time.Time // the clock; nil: time.Now
}

// open prepares the terminal for drawing; the next frame repaints
// everything.
func (d *display) open() {
	s := cursorKeysApp
	if d.altScreen && !d.primary {
		s = enterAltScreen + s
	}
	io.WriteString(d.out, s)
	d.last, d.painted = nil, nil
}

// close draws f without the notification bar and the title prefix, as
// mosh-client's last frame, and restores the terminal's modes.
func (d *display) close(f session.Frame) {
	f.Status.Notification = ""
	d.titlePrefix = ""
	d.draw(f)
	s := restoreModes
	switch {
	case d.primary && d.last != nil:
		// Leave the last screen in place, the shell's prompt under it.
		s += fmt.Sprintf("\x1b[%d;1H\r\n", d.last.Height())
	case d.altScreen && !d.primary:
		s += leaveAltScreen
	}
	io.WriteString(d.out, s)
}

// forget makes the next draw repaint everything, for when the terminal's
// contents are no longer what was drawn (after it was resized), as
// mosh-client repaints after SIGWINCH.
func (d *display) forget() { d.last, d.painted = nil, nil }

// draw brings the terminal up to date with f.
func (d *display) draw(f session.Frame) {
	d.drawn = f
	if f.Repaints != d.repaints {
		d.repaints = f.Repaints
		d.forget()
	}
	if !d.primary && f.History.Synced {
		d.enterPrimary(f)
	}
	if d.primary {
		d.drawPrimary(f)
		return
	}
	next := f.Screen(d.titlePrefix)
	d.buf = vt.AppendDisplayDiff(d.buf[:0], d.last, next)
	if len(d.buf) == 0 {
		// Nothing visible changed (e.g. only the time of last contact):
		// an empty write would still be a system call.
		d.last = next
		return
	}
	if _, err := d.out.Write(d.buf); err != nil {
		d.last = nil // unknown: repaint next time
		return
	}
	d.last = next
}
