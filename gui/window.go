package gui

import (
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/roamterm/roam/gui/settings"
	"github.com/roamterm/roam/gui/termview"
	"github.com/roamterm/roam/protocol/conn"
	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/vt"
)

// Initial window size in cells, as a terminal's default.
const initialCols, initialRows = 80, 24

// sessionWindow is one window running one session.
type sessionWindow struct {
	app    *App
	win    fyne.Window
	view   *termview.Terminal
	client *session.Client
	host   string
	title  string
	ended  bool
}

// open dials server and opens a window running the session. The session
// goroutine hands frames to the window with fyne.Do.
func (a *App) open(server netip.AddrPort, port string, key datagram.Key, host string) error {
	c, err := conn.DialClient(server, key)
	if err != nil {
		return fmt.Errorf("gui: %w", err)
	}
	client := session.NewClient(session.ClientConfig{
		Conn: c, Width: initialCols, Height: initialRows, Port: port,
		Predict: a.predictOptions(), Escape: a.opts.Escape,
		Logger: slog.New(slog.DiscardHandler),
	})
	w := &sessionWindow{app: a, client: client, host: host}
	result := make(chan error, 1)
	go func() { result <- client.Run() }()

	pal := a.palette()
	w.view = termview.New(termview.Config{
		Input:           client.Keys,
		Resize:          client.Resize,
		RemoteClipboard: w.remoteClipboard,
		Zoom: func(size float32) {
			a.settings.FontSize = size
			a.saveSettings()
		},
		FontSize:     a.settings.FontSize,
		Palette:      &pal,
		Fonts:        a.fonts,
		CursorShape:  a.cursorShape(),
		CursorBlink:  !a.settings.CursorSteady,
		CopyOnSelect: a.settings.CopyOnSelect,
		OptionAsMeta: a.settings.OptionAsMeta,
		// mosh-client sends SS3 arrows; the server translates them
		// (see vt.KeyModes).
		KeyModes: vt.KeyModes{CursorKeysApp: true},
	})
	w.win = a.fyne.NewWindow("Roam — " + host)
	w.win.SetPadded(false)
	w.win.SetContent(w.view)
	w.win.SetMainMenu(w.menu())
	cell := w.view.CellSize()
	w.win.Resize(fyne.NewSize(cell.Width*initialCols, cell.Height*initialRows))
	w.win.SetCloseIntercept(w.close)
	w.win.SetOnClosed(func() { a.closed(w) })
	w.view.SetFrame(frameOf(client.Frame()))
	w.win.Canvas().Focus(w.view)
	a.windows = append(a.windows, w)
	w.win.Show()

	go w.follow(result)
	return nil
}

// follow runs on its own goroutine: it hands each new frame to the UI
// and reports the end of the session.
func (w *sessionWindow) follow(result <-chan error) {
	for {
		select {
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
	return termview.Frame{Screen: f.FB, Overlay: f.Overlay, Banner: f.Status.Notification}
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

// end is called when the session is over: a clean end (the shell exited,
// the user quit) closes the window; a failure stays on screen.
func (w *sessionWindow) end(err error) {
	if w.ended {
		return
	}
	w.ended = true
	if err == nil {
		w.win.Close()
		return
	}
	msg := "roam: the session ended: " + err.Error()
	if errors.Is(err, session.ErrNoServerReply) {
		msg = "roam: nothing received from the server; is its UDP port reachable?"
	}
	f := frameOf(w.client.Frame())
	f.Banner = msg + " [close the window to quit]"
	w.view.SetFrame(f)
}

// close asks the server to end the session (its shutdown handshake) and
// closes the window when it has, or at once if it is already over.
func (w *sessionWindow) close() {
	if w.ended {
		w.win.Close()
		return
	}
	w.win.Hide()
	w.client.Quit()
}

func (w *sessionWindow) showError(err error) {
	dialog.ShowError(err, w.win)
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

// menu returns the window's menus. Shortcuts on menu items are matched
// before the focused terminal sees the key.
func (w *sessionWindow) menu() *fyne.MainMenu {
	a := w.app
	newWindow := fyne.NewMenuItem("New Window", func() { a.newLocalWindow(w) })
	newWindow.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	closeWindow := fyne.NewMenuItem("Close Window", w.close)
	closeWindow.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

	theme := func(label, value string) *fyne.MenuItem {
		item := fyne.NewMenuItem(label, func() {
			a.settings.Theme = value
			a.applySettings()
		})
		item.Checked = a.settings.Theme == value
		return item
	}
	osc52 := func(label, value string) *fyne.MenuItem {
		item := fyne.NewMenuItem(label, func() {
			a.settings.OSC52 = value
			a.applySettings()
		})
		item.Checked = a.settings.OSC52 == value
		return item
	}
	copyOnSelect := fyne.NewMenuItem("Copy on Select", func() {
		a.settings.CopyOnSelect = !a.settings.CopyOnSelect
		a.applySettings()
	})
	copyOnSelect.Checked = a.settings.CopyOnSelect
	clipboard := fyne.NewMenuItem("Remote Clipboard (OSC 52)", nil)
	clipboard.ChildMenu = fyne.NewMenu("",
		osc52("Allow", settings.ClipboardAllow), osc52("Ask", settings.ClipboardAsk), osc52("Deny", settings.ClipboardDeny))

	return fyne.NewMainMenu(
		fyne.NewMenu("Session", newWindow, closeWindow),
		fyne.NewMenu("Edit",
			fyne.NewMenuItem("Copy", w.view.Copy),
			fyne.NewMenuItem("Paste", w.view.Paste),
			fyne.NewMenuItem("Select All", w.view.SelectAll),
			fyne.NewMenuItemSeparator(),
			copyOnSelect, clipboard),
		fyne.NewMenu("View",
			fyne.NewMenuItem("Zoom In", func() { w.zoom(w.view.FontSize() + 1) }),
			fyne.NewMenuItem("Zoom Out", func() { w.zoom(w.view.FontSize() - 1) }),
			fyne.NewMenuItem("Actual Size", func() { w.zoom(settings.DefaultFontSize) }),
			fyne.NewMenuItemSeparator(),
			theme("System Theme", settings.ThemeSystem), theme("Dark Theme", settings.ThemeDark), theme("Light Theme", settings.ThemeLight)),
	)
}

func (w *sessionWindow) zoom(size float32) {
	w.view.SetFontSize(size)
	w.app.settings.FontSize = w.view.FontSize()
	w.app.saveSettings()
}
