package gui

import (
	"fmt"
	"net"
	"os"
	"strings"

	"fyne.io/fyne/v2"
)

// DebugSocketEnv names the environment variable that, when set to a path,
// makes the app answer on a Unix socket there with the text of the newest
// window's screen, one line per row. The smoke test reads it to check
// what the window shows; nothing else listens, and the socket is the
// user's only (mode 0600).
const DebugSocketEnv = "ROAM_DEBUG_SOCKET"

// serveDebug listens on path and returns a function that stops it.
func (a *App) serveDebug(path string) (stop func(), err error) {
	os.Remove(path)
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("gui: debug socket: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return nil, fmt.Errorf("gui: debug socket: %w", err)
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			var text string
			fyne.DoAndWait(func() { text = a.screenText() })
			c.Write([]byte(text))
			c.Close()
		}
	}()
	return func() { l.Close(); os.Remove(path) }, nil
}

// screenText returns the newest window's title and screen as text.
func (a *App) screenText() string {
	if len(a.windows) == 0 {
		return ""
	}
	w := a.windows[len(a.windows)-1]
	var b strings.Builder
	b.WriteString("title: " + w.win.Title() + "\n")
	b.WriteString(w.view.ScreenText())
	return b.String()
}
