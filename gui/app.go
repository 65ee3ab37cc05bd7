package gui

import (
	"errors"
	"fmt"
	"log"
	"net/netip"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/roamterm/roam/gui/settings"
	"github.com/roamterm/roam/gui/termview"
	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/vt/predict"
)

// Options say what the app opens.
type Options struct {
	// Server, Port and Key name a running server to connect to. When
	// Server is the zero value, the app starts a local session instead.
	Server netip.AddrPort
	Port   string
	Key    datagram.Key
	// Command runs instead of a login shell in a local session.
	Command []string
	// StartLocal starts roam-server on this machine, running command,
	// and returns where to reach it.
	StartLocal func(command []string) (netip.AddrPort, datagram.Key, error)
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
	fyne     fyne.App
	opts     Options
	settings settings.Settings
	path     string // where settings are saved; empty if unknown
	windows  []*sessionWindow
	fonts    termview.FontSet
}

// Run opens the first window for opts on a and runs the event loop until
// the last window closes. It returns an error if the first session could
// not be started.
func Run(a fyne.App, opts Options) error {
	app := &App{fyne: a, opts: opts, fonts: termview.DefaultFonts()}
	app.loadSettings()
	first := opts.Server.IsValid()
	var err error
	if first {
		err = app.open(opts.Server, opts.Port, opts.Key, opts.Server.Addr().String())
	} else {
		err = app.openLocal()
	}
	if err != nil {
		return err
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
	return a.open(server, strconv.Itoa(int(server.Port())), key, "local")
}

// palette returns the colours the settings ask for.
func (a *App) palette() termview.Palette {
	dark := a.settings.Theme == settings.ThemeDark
	if a.settings.Theme == settings.ThemeSystem {
		dark = a.fyne.Settings().ThemeVariant() == theme.VariantDark
	}
	if dark {
		return termview.DarkPalette()
	}
	return termview.LightPalette()
}

// predictOptions returns the prediction settings for a new session.
func (a *App) predictOptions() predict.Options {
	if a.opts.PredictSet {
		return a.opts.Predict
	}
	p := a.opts.Predict
	switch a.settings.Prediction {
	case settings.PredictAlways:
		p.Display = predict.Always
	case settings.PredictNever:
		p.Display = predict.Never
	case settings.PredictExperimental:
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
		w.view.SetPalette(a.palette())
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
	if len(a.windows) == 0 {
		a.fyne.Quit()
	}
}

// newLocalWindow opens another window with a new local session, showing
// a failure in a dialog of the window that asked.
func (a *App) newLocalWindow(from *sessionWindow) {
	if err := a.openLocal(); err != nil {
		from.showError(fmt.Errorf("gui: new session: %w", err))
	}
}
