package gui

import (
	"context"
	"log"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/roamterm/roam/gui/bookmark"
	"github.com/roamterm/roam/gui/tty"
	"github.com/roamterm/roam/server/launch"
)

// destination is a host to reach over SSH, as a command line, a bookmark
// or the connect dialog names it.
type destination struct {
	target launch.Target
	// title names the window.
	title string
	// recent is what the recent connections open again (a bookmark
	// file's path or an ssh URL), and recentTitle how they list it.
	recent, recentTitle string
	// predict is a bookmark's prediction mode; empty for the app's.
	predict bookmark.Predict
	// look is a bookmark's appearance.
	look overrides
}

// destinationOf reads an ActionSSH command line. A bookmark file or an
// ssh URL in place of the host is read with bookmark.Resolve, and then
// the bookmark alone says how to connect; anything else is a host with
// the command line's options.
func destinationOf(inv tty.Invocation) (destination, error) {
	arg := inv.Destination
	if bookmark.IsURL(arg) || strings.HasSuffix(arg, bookmark.Ext) {
		b, err := bookmark.Resolve(arg)
		if err != nil {
			return destination{}, err
		}
		recent := b.URL()
		if !bookmark.IsURL(arg) {
			if recent, err = filepath.Abs(arg); err != nil {
				return destination{}, err
			}
		}
		return bookmarkDestination(b, recent), nil
	}
	return hostDestination(inv.Target), nil
}

// bookmarkDestination is b's connection; recent is what opens it again.
func bookmarkDestination(b *bookmark.Bookmark, recent string) destination {
	return destination{target: b.Target(), title: b.Title(), recent: recent, recentTitle: b.Title(),
		predict: b.Predict, look: overridesOf(b)}
}

// hostDestination is t typed as a host: the recent list keeps it as an
// ssh URL (without its command and options).
func hostDestination(t launch.Target) destination {
	b := &bookmark.Bookmark{Host: t.Host, User: t.User, Port: t.Port}
	if i := strings.LastIndexByte(t.Host, '@'); i >= 0 {
		b.User, b.Host = t.Host[:i], t.Host[i+1:]
	}
	return destination{target: t, title: t.Host, recent: b.URL(), recentTitle: b.Destination()}
}

// openInvocation opens a window for a command line: a local session or
// an SSH connection. A bookmark that cannot be read is shown in the
// bookmarks window, where the user can fix it.
func (a *App) openInvocation(inv tty.Invocation) {
	if inv.Action != tty.ActionSSH {
		if err := a.openLocal(); err != nil {
			a.showBookmarks()
			a.bookmarks.showError(err)
		}
		return
	}
	d, err := destinationOf(inv)
	if err != nil {
		a.showBookmarks()
		a.bookmarks.showError(err)
		return
	}
	a.connect(d)
}

// openArgs opens what a later roam process handed over (package
// instance): its command line, without the program name.
func (a *App) openArgs(args []string) {
	inv, err := tty.ParseArgs("roam", args, noEnv)
	if err != nil {
		log.Printf("gui: arguments handed over: %v", err)
		return
	}
	a.openInvocation(inv)
}

// noEnv is an empty environment: the session settings of a hand-off are
// the running app's.
func noEnv(string) (string, bool) { return "", false }

// connect opens a window for d and connects to its host over SSH on a
// goroutine, asking the user in that window what SSH needs to know.
// Closing the window abandons the connection.
func (a *App) connect(d destination) *sessionWindow {
	w := a.newWindow(d.title, d.look)
	w.setNotice("Connecting to " + d.target.Host + "…")
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	ui := w.callbacks()
	start := a.opts.Launch
	if start == nil {
		start = func(ctx context.Context, t launch.Target, ui launch.Callbacks) (launch.Result, error) {
			return (&launch.Launcher{UI: ui}).Connect(ctx, t)
		}
	}
	go func() {
		res, err := start(ctx, d.target, ui)
		fyne.Do(func() { a.connected(w, d, res, err) })
	}()
	return w
}

// connected runs the session of a server started for w, or shows why
// none was.
func (a *App) connected(w *sessionWindow, d destination, res launch.Result, err error) {
	w.cancel()
	w.cancel = nil
	w.hideProgress()
	if w.gone {
		return
	}
	if err == nil {
		port := strconv.Itoa(int(res.Addr.Port()))
		err = w.attach(res.Addr, port, res.Key, a.predictOptions(d.predict), firstContact)
	}
	if err != nil {
		w.end(err)
		return
	}
	if a.store != nil && d.recent != "" {
		if err := a.store.AddRecent(bookmark.Recent{Title: d.recentTitle, Target: d.recent, Time: time.Now()}); err != nil {
			log.Print(err)
		}
		a.refreshBookmarks()
	}
}

// firstContact is how long a session reached over SSH waits for the
// server's first datagram before UDP is taken to be blocked; a variable
// for tests.
var firstContact = tty.FirstContactTimeout
