package gui

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/gui/settings"
	"github.com/roamterm/roam/gui/termview"
	"github.com/roamterm/roam/gui/tty"
	"github.com/roamterm/roam/protocol/conn"
	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/predict"
)

// Initial window size in cells, as a terminal's default.
const initialCols, initialRows = 80, 24

// sessionWindow is one window running one session. It opens before the
// session exists, so that an SSH connection can ask its questions in it;
// attach then starts the session.
type sessionWindow struct {
	app   *App
	win   fyne.Window
	view  *termview.Terminal
	find  *findBar
	host  string
	title string
	// look is the appearance the window's bookmark asks for.
	look  overrides
	ended bool
	// gone is set once the window is closed; quitting while the server
	// is being told the session ends (the window is hidden meanwhile).
	gone, quitting bool

	// Before the session: the banner to show, and how to abandon the
	// connection under way.
	notice string
	cancel context.CancelFunc
	// progress shows an upload of the server.
	progress    *dialog.CustomDialog
	progressBar *widget.ProgressBar

	// The session, once attached.
	client *session.Client
	conn   *conn.Client

	cols, rows int
}

// newWindow opens a window titled after host, looking as the settings
// with look's overrides say, with an empty screen until a session is
// attached.
func (a *App) newWindow(host string, look overrides) *sessionWindow {
	w := &sessionWindow{app: a, host: host, look: look, cols: initialCols, rows: initialRows}
	pal := a.paletteFor(look)
	w.view = termview.New(termview.Config{
		Input:           w.keys,
		Resize:          w.resize,
		RemoteClipboard: w.remoteClipboard,
		Zoom:            w.zoomed,
		Find:            func() { w.find.open() },
		FontSize:        a.fontSizeFor(look),
		Palette:         &pal,
		Fonts:           a.fontsFor(look),
		CursorShape:     a.cursorShape(),
		CursorBlink:     !a.settings.CursorSteady,
		CopyOnSelect:    a.settings.CopyOnSelect,
		OptionAsMeta:    a.settings.OptionAsMeta,
		// mosh-client sends SS3 arrows; the server translates them
		// (see vt.KeyModes).
		KeyModes: vt.KeyModes{CursorKeysApp: true},
	})
	w.title = "Roam — " + host
	w.win = a.fyne.NewWindow(w.title)
	w.win.SetPadded(false)
	w.find = newFindBar(w.view, w.win.Canvas())
	w.win.SetContent(container.NewStack(w.view, w.find.overlay))
	w.win.SetMainMenu(w.menu())
	cell := w.view.CellSize()
	w.win.Resize(fyne.NewSize(cell.Width*initialCols, cell.Height*initialRows))
	w.win.SetCloseIntercept(w.close)
	w.win.SetOnClosed(func() { a.closed(w) })
	w.view.SetFrame(termview.Frame{Screen: vt.NewFramebuffer(initialCols, initialRows)})
	w.win.Canvas().Focus(w.view)
	a.windows = append(a.windows, w)
	w.win.Show()
	return w
}

// keys sends the user's input to the session, if there is one yet.
func (w *sessionWindow) keys(p []byte) {
	if w.client != nil {
		w.client.Keys(p)
	}
}

// resize remembers the grid for a session still to come and tells the
// running one.
func (w *sessionWindow) resize(cols, rows int) {
	w.cols, w.rows = cols, rows
	if w.client != nil {
		w.client.Resize(cols, rows)
	}
}

// setNotice shows msg in the banner while no session runs.
func (w *sessionWindow) setNotice(msg string) {
	w.notice = msg
	if w.client == nil && !w.ended {
		f := w.view.Frame()
		f.Banner = msg
		w.view.SetFrame(f)
	}
}

// attach dials server and runs the session in w. The session goroutine
// hands frames to the window with fyne.Do. With firstContact above zero,
// a server that has sent nothing by then is taken to be behind a UDP
// block (see tty.UDPBlocked).
func (w *sessionWindow) attach(server netip.AddrPort, port string, key datagram.Key, p predict.Options, firstContact time.Duration) error {
	c, err := conn.DialClient(server, key)
	if err != nil {
		return fmt.Errorf("gui: %w", err)
	}
	w.conn = c
	w.notice = ""
	w.client = session.NewClient(session.ClientConfig{
		Conn: c, Width: w.cols, Height: w.rows, Port: port,
		Predict: p, Escape: w.app.opts.Escape,
		Logger: slog.New(slog.DiscardHandler),
	})
	result := make(chan error, 1)
	go func() { result <- w.client.Run() }()
	w.view.SetFrame(frameOf(w.client.Frame()))
	go w.follow(result, server, firstContact)
	return nil
}

// follow runs on its own goroutine: it hands each new frame to the UI
// and reports the end of the session.
func (w *sessionWindow) follow(result <-chan error, server netip.AddrPort, firstContact time.Duration) {
	var noContact <-chan time.Time
	if firstContact > 0 {
		timer := time.NewTimer(firstContact)
		defer timer.Stop()
		noContact = timer.C
	}
	for {
		select {
		case <-noContact:
			if err := tty.UDPBlocked(w.client.Frame(), server, firstContact); err != nil {
				// Nothing would acknowledge a shutdown: the client is
				// abandoned, its socket closed.
				fyne.Do(func() { w.end(err) })
				w.conn.Close()
			}
		case <-w.client.Updates():
			f := w.client.Frame()
			fyne.Do(func() { w.show(f) })
		case err := <-result:
			fyne.Do(func() { w.end(err) })
			return
		}
	}
}

func frameOf(f session.Frame) termview.Frame {
	return termview.Frame{Screen: f.FB, Overlay: f.Overlay, Banner: f.Status.Notification,
		History: f.History.HistoryView, HistoryIncomplete: f.History.Incomplete, AltScreen: f.AltScreen}
}

// show draws a frame and updates the title.
func (w *sessionWindow) show(f session.Frame) {
	if w.ended {
		return
	}
	w.view.SetFrame(frameOf(f))
	title := "Roam — " + w.host
	if f.FB.TitleSet && f.FB.Title != "" {
		title = "[" + w.host + "] " + f.FB.Title
	}
	if title != w.title {
		w.title = title
		w.win.SetTitle(title)
	}
}

// end is called when the session is over, or could not start: a clean
// end (the shell exited, the user quit) closes the window; a failure
// stays on screen, in the banner and, for a diagnosis, in a dialog.
func (w *sessionWindow) end(err error) {
	if w.ended {
		return
	}
	w.ended = true
	if w.gone {
		return
	}
	if err == nil || w.quitting {
		w.gone = true
		w.win.Close()
		return
	}
	msg := "roam: " + err.Error()
	if w.client != nil {
		msg = "roam: the session ended: " + err.Error()
		if errors.Is(err, session.ErrNoServerReply) {
			msg = "roam: nothing received from the server; is its UDP port reachable?"
		}
	}
	f := w.view.Frame()
	if w.client != nil {
		f = frameOf(w.client.Frame())
	}
	f.Banner = msg + " [close the window to quit]"
	w.view.SetFrame(f)
	w.showDiagnosis(err)
}

// close asks the server to end the session (its shutdown handshake) and
// closes the window when it has, or at once if there is no session.
func (w *sessionWindow) close() {
	if w.cancel != nil {
		w.cancel()
	}
	if w.ended || w.client == nil {
		w.gone = true
		w.win.Close()
		return
	}
	w.quitting = true
	w.win.Hide()
	w.client.Quit()
}

// remoteClipboard applies the OSC 52 policy to text a remote application
// wants on the clipboard.
func (w *sessionWindow) remoteClipboard(text string) {
	clip := w.app.fyne.Clipboard()
	switch w.app.settings.OSC52 {
	case settings.ClipboardAllow:
		clip.SetContent(text)
	case settings.ClipboardAsk:
		preview := text
		if len(preview) > 200 {
			preview = preview[:200] + "…"
		}
		dialog.ShowConfirm("Clipboard",
			fmt.Sprintf("The remote application wants to copy %d bytes to your clipboard:\n\n%s\n\nAllow?",
				len(text), strings.ToValidUTF8(preview, "?")),
			func(ok bool) {
				if ok {
					clip.SetContent(text)
				}
			}, w.win)
	}
}

func (w *sessionWindow) zoom(size float32) {
	w.view.SetFontSize(size)
	w.zoomed(w.view.FontSize())
}
