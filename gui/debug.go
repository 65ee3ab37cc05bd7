package gui

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// DebugSocketEnv names the environment variable that, when set to a path,
// makes the app answer on a Unix socket there, for tests under Xvfb.
// Each connection sends one request line and gets one answer:
//
//	screen        the number of session windows, then the newest
//	              window's title and screen, one line per row
//	keys "TEXT"   TEXT (a Go string literal, so "echo hi\r") is typed
//	              into the newest window's session; the answer is "ok"
//
// Nothing else listens, and the socket is the user's only (mode 0600).
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
			go a.debugRequest(c)
		}
	}()
	return func() { l.Close(); os.Remove(path) }, nil
}

// debugRequest answers one connection of the debug socket.
func (a *App) debugRequest(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return
	}
	verb, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	var answer string
	switch verb {
	case "screen":
		fyne.DoAndWait(func() { answer = a.screenText() })
	case "keys":
		text, err := strconv.Unquote(arg)
		if err != nil {
			answer = "error: " + err.Error()
			break
		}
		fyne.DoAndWait(func() {
			answer = "error: no session"
			if n := len(a.windows); n > 0 && a.windows[n-1].client != nil {
				a.windows[n-1].client.Keys([]byte(text))
				answer = "ok"
			}
		})
	default:
		answer = "error: unknown request " + strconv.Quote(verb)
	}
	c.Write([]byte(answer))
}

// screenText returns the number of session windows and the newest one's
// title and screen as text.
func (a *App) screenText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "windows: %d\n", len(a.windows))
	if len(a.windows) == 0 {
		return b.String()
	}
	w := a.windows[len(a.windows)-1]
	b.WriteString("title: " + w.win.Title() + "\n")
	b.WriteString(w.view.ScreenText())
	return b.String()
}
