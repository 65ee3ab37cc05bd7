package gui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/netip"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/roamterm/roam/gui/bookmark"
	"github.com/roamterm/roam/gui/instance"
	"github.com/roamterm/roam/gui/settings"
	"github.com/roamterm/roam/gui/termview"
	"github.com/roamterm/roam/gui/tty"
	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/server/launch"
	"github.com/roamterm/roam/vt/predict"
)

// Options say what the app opens.
type Options struct {
	// Server, Port and Key name a running server to connect to. When
	// Server is the zero value, the app starts a local session instead,
	// or connects to SSH.
	Server netip.AddrPort
	Port   string
	Key    datagram.Key
	// SSH, when set, is a command line naming a host, a bookmark file or
	// an ssh:// URL (tty.ActionSSH) that the first window connects to
	// instead of starting a local session.
	SSH *tty.Invocation
	// Command runs instead of a login shell in a local session.
	Command []string
	// StartLocal starts roam-server on this machine, running command,
	// and returns where to reach it.
	StartLocal func(command []string) (netip.AddrPort, datagram.Key, error)
	// Launch starts a server on a host over SSH, asking ui its
	// questions; nil uses a launch.Launcher with the user's ssh_config.
	// Tests replace it.
	Launch func(ctx context.Context, t launch.Target, ui launch.Callbacks) (launch.Result, error)
	// Bookmarks holds the bookmarks and recent connections; nil means
	// the store in bookmark.DefaultDir.
	Bookmarks *bookmark.Store
	// SingleInstance makes this app the one later roam processes hand
	// their bookmark files and URLs to (package instance); each opens in
	// a new window.
	SingleInstance bool
	// Predict, when PredictSet, overrides the prediction mode of the
	// settings (MOSH_PREDICTION_DISPLAY given in the environment).
	Predict    predict.Options
	PredictSet bool
	// Escape is the session's escape key (Ctrl-^ by default).
	Escape session.EscapeKey
}

// ErrNoLocalServer is returned when a local session is asked for but
// Options.StartLocal is nil.
var ErrNoLocalServer = errors.New("gui: no way to start a local server")

// App is the running desktop app: its settings and its windows.
type App struct {
	fyne      fyne.App
	opts      Options
	settings  settings.Settings
	path      string // where settings are saved; empty if unknown
	windows   []*sessionWindow
	bookmarks *bookmarksWindow // nil while closed
	store     *bookmark.Store  // nil if the config directory is unknown
	// fonts are the default fonts, and fontSets them with each font
	// family asked for so far (see fontsFor).
	fonts    termview.FontSet
	fontSets map[string]termview.FontSet
	// settingsErr is what was wrong with the settings file, shown in
	// the settings dialog until the settings are saved.
	settingsErr error
}

// Run opens the first window for opts on a and runs the event loop until
// the last window closes. It returns an error if the first session could
// not be started.
func Run(a fyne.App, opts Options) error {
	app := newApp(a, opts)
	if err := app.start(); err != nil {
		return err
	}
	if opts.SingleInstance {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		srv, err := instance.Listen(ctx, func(args []string) {
			fyne.Do(func() { app.openArgs(args) })
		})
		switch {
		case err == nil:
			defer srv.Close()
		case !errors.Is(err, instance.ErrRunning):
			// Hand-offs then start their own process: no reason to
			// refuse the user's session.
			log.Print(err)
		}
	}
	if path := os.Getenv(DebugSocketEnv); path != "" {
		stop, err := app.serveDebug(path)
		if err != nil {
			return err
		}
		defer stop()
	}
	a.Run()
	return nil
}

// newApp makes the app for opts, with its settings loaded, and no window.
func newApp(a fyne.App, opts Options) *App {
	app := &App{fyne: a, opts: opts, fonts: termview.DefaultFonts(), store: opts.Bookmarks}
	app.loadSettings()
	if app.store == nil {
		if dir, err := bookmark.DefaultDir(); err != nil {
			log.Print(err)
		} else {
			app.store = bookmark.NewStore(dir)
		}
	}
	return app
}

// start opens the first window, and the bookmarks beside it on the first
// run.
func (a *App) start() error {
	var err error
	switch {
	case a.opts.Server.IsValid():
		w := a.newWindow(a.opts.Server.Addr().String(), overrides{})
		err = w.attach(a.opts.Server, a.opts.Port, a.opts.Key, a.predictOptions(""), 0)
	case a.opts.SSH != nil:
		a.openInvocation(*a.opts.SSH)
	default:
		err = a.openLocal()
	}
	if err != nil {
		return err
	}
	if !a.settings.BookmarksSeen {
		a.settings.BookmarksSeen = true
		a.saveSettings()
		a.openBookmarks()
	}
	return nil
}

func (a *App) loadSettings() {
	a.settings = settings.Default()
	path, err := settings.Path()
	if err != nil {
		log.Print(err)
		return
	}
	a.path = path
	if a.settings, err = settings.Load(path); err != nil {
		log.Print(err)
		a.settingsErr = err
	}
}

// saveSettings writes the settings, logging a failure: a setting that
// does not persist is no reason to interrupt the user.
func (a *App) saveSettings() {
	if a.path == "" {
		return
	}
	if err := a.settings.Save(a.path); err != nil {
		log.Print(err)
	}
}

// openLocal starts a local server and opens a window on it.
func (a *App) openLocal() error {
	if a.opts.StartLocal == nil {
		return ErrNoLocalServer
	}
	server, key, err := a.opts.StartLocal(a.opts.Command)
	if err != nil {
		return err
	}
	w := a.newWindow("local", overrides{})
	if err := w.attach(server, strconv.Itoa(int(server.Port())), key, a.predictOptions(""), 0); err != nil {
		w.gone = true
		w.win.Close()
		return err
	}
	return nil
}

// predictOptions returns the prediction settings for a new session: the
// environment's, else a bookmark's mode (mode, empty for none), else the
// settings'.
func (a *App) predictOptions(mode bookmark.Predict) predict.Options {
	if a.opts.PredictSet {
		return a.opts.Predict
	}
	p := a.opts.Predict
	if mode == "" {
		mode = bookmark.Predict(a.settings.Prediction)
	}
	switch mode {
	case bookmark.PredictAlways:
		p.Display = predict.Always
	case bookmark.PredictNever:
		p.Display = predict.Never
	case bookmark.PredictExperimental:
		p.Display = predict.Experimental
	default:
		p.Display = predict.Adaptive
	}
	return p
}

// cursorShape returns the settings' cursor shape for the view.
func (a *App) cursorShape() termview.CursorShape {
	switch a.settings.CursorShape {
	case settings.CursorBar:
		return termview.CursorBar
	case settings.CursorUnderline:
		return termview.CursorUnderline
	}
	return termview.CursorBlock
}

// applySettings pushes changed settings to every window and saves them.
func (a *App) applySettings() {
	for _, w := range a.windows {
		w.applyLook()
		w.win.SetMainMenu(w.menu()) // the check marks of the choices
		w.view.SetCursor(a.cursorShape(), !a.settings.CursorSteady)
		w.view.SetCopyOnSelect(a.settings.CopyOnSelect)
	}
	a.saveSettings()
}

// closed forgets a window; the app quits with its last window.
func (a *App) closed(w *sessionWindow) {
	for i, o := range a.windows {
		if o == w {
			a.windows = append(a.windows[:i], a.windows[i+1:]...)
			break
		}
	}
	a.quitIfIdle()
}

// quitIfIdle quits the app once neither a session window nor the
// bookmarks window is open.
func (a *App) quitIfIdle() {
	if len(a.windows) == 0 && a.bookmarks == nil {
		a.fyne.Quit()
	}
}

// newLocalWindow opens another window with a new local session, showing
// a failure in a dialog of the window that asked.
func (a *App) newLocalWindow(from fyne.Window) {
	if err := a.openLocal(); err != nil {
		dialog.ShowError(fmt.Errorf("gui: new session: %w", err), from)
	}
}
