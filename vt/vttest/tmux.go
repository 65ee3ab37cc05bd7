package vttest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
)

// TmuxInstallHint is the message tests give when tmux is missing.
const TmuxInstallHint = "vttest: tmux not found in PATH (install it: apt-get install tmux)"

// pollInterval is how often WaitFor looks at the screen again.
const pollInterval = 20 * time.Millisecond

// TmuxOptions configure a tmux session.
type TmuxOptions struct {
	// Width and Height are the pane size; zero means 80×24.
	Width, Height int
	// Command is the shell command (run with /bin/sh -c) in the pane.
	// Empty runs a shell.
	Command string
	// Term is the TERM value inside the pane (tmux's default-terminal);
	// empty means "tmux-256color".
	Term string
	// Env lists extra KEY=VALUE variables for the tmux server and so for
	// the pane. LANG is C.UTF-8 unless Env sets it.
	Env []string
	// Dir is the working directory of the pane; empty means the caller's.
	Dir string
	// HistoryLimit is the pane's scrollback size (tmux's history-limit);
	// zero means tmux's default (2000 lines).
	HistoryLimit int
}

// Tmux is a tmux server on a private socket with one session of one pane.
// Its methods may be called from any goroutine; each runs a tmux client.
type Tmux struct {
	dir  string // private directory holding the socket
	sock string
	env  []string
}

// StartTmux starts a tmux session for a test and kills it when the test
// ends. It fails the test if tmux is missing or does not start.
func StartTmux(tb testing.TB, opt TmuxOptions) *Tmux {
	tb.Helper()
	t, err := NewTmux(opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := t.Kill(); err != nil {
			tb.Error(err)
		}
	})
	return t
}

// NewTmux starts a tmux server on a socket in a new temporary directory,
// with no configuration file, and creates a detached session running
// opt.Command. The caller must call Kill.
func NewTmux(opt TmuxOptions) (*Tmux, error) {
	if _, err := exec.LookPath("tmux"); err != nil {
		return nil, errors.New(TmuxInstallHint)
	}
	w, h := opt.Width, opt.Height
	if w == 0 && h == 0 {
		w, h = 80, 24
	}
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("vttest: bad tmux size %dx%d", w, h)
	}
	term := opt.Term
	if term == "" {
		term = "tmux-256color"
	}
	// A short directory of our own, not t.TempDir: socket paths are
	// limited to about 100 bytes and test names can be long.
	dir, err := os.MkdirTemp("", "roam-tmux-")
	if err != nil {
		return nil, fmt.Errorf("vttest: %w", err)
	}
	t := &Tmux{dir: dir, sock: filepath.Join(dir, "sock"), env: tmuxEnv(opt.Env)}
	args := []string{
		"start-server", ";",
		"set-option", "-g", "default-terminal", term, ";",
		"set-option", "-g", "default-shell", "/bin/sh", ";",
		"set-option", "-g", "status", "off", ";",
	}
	if opt.HistoryLimit > 0 {
		args = append(args, "set-option", "-g", "history-limit", strconv.Itoa(opt.HistoryLimit), ";")
	}
	args = append(args,
		"new-session", "-d", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h),
	)
	if opt.Dir != "" {
		args = append(args, "-c", opt.Dir)
	}
	if opt.Command != "" {
		args = append(args, opt.Command)
	}
	if _, err := t.Run(args...); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return t, nil
}

// tmuxEnv is the environment of the tmux server: ours without anything
// that would tie it to an outer tmux or locale, plus a UTF-8 locale and
// the caller's extras (which win).
func tmuxEnv(extra []string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "TMUX", k == "TMUX_PANE", k == "LANG", k == "LANGUAGE",
			k == "TERM", k == "SHELL", strings.HasPrefix(k, "LC_"):
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "LANG=C.UTF-8", "TERM=xterm-256color", "SHELL=/bin/sh")
	return append(env, extra...)
}

// Socket returns the path of the server's socket, for running tmux
// commands from elsewhere (tmux -S path ...).
func (t *Tmux) Socket() string { return t.sock }

// Run runs a tmux command on this server and returns its standard output.
func (t *Tmux) Run(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-S", t.sock, "-f", "/dev/null"}, args...)...)
	cmd.Env = t.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("vttest: tmux %s: %w: %s", strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	return stdout.String(), nil
}

// Kill stops the tmux server and removes its directory. It may be called
// more than once.
func (t *Tmux) Kill() error {
	if t.dir == "" {
		return nil
	}
	var err error
	if _, statErr := os.Stat(t.sock); statErr == nil {
		if _, err = t.Run("kill-server"); err != nil && strings.Contains(err.Error(), "no server running") {
			err = nil
		}
	}
	if rmErr := os.RemoveAll(t.dir); err == nil && rmErr != nil {
		err = fmt.Errorf("vttest: %w", rmErr)
	}
	t.dir = ""
	return err
}

// SendKeys sends keys by tmux key name ("Enter", "C-c", "Up", or plain
// words, which tmux types character by character).
func (t *Tmux) SendKeys(keys ...string) error {
	_, err := t.Run(append([]string{"send-keys"}, keys...)...)
	return err
}

// SendLiteral types text exactly as given, with no key-name lookup.
func (t *Tmux) SendLiteral(text string) error {
	_, err := t.Run("send-keys", "-l", "--", text)
	return err
}

// Capture returns the visible screen, one line per row, each ending in a
// newline. withEscapes adds SGR sequences for colours and attributes
// (capture-pane -e) and then also keeps trailing blanks (-N), so that
// blanks with a background colour are not lost.
func (t *Tmux) Capture(withEscapes bool) (string, error) {
	args := []string{"capture-pane", "-p"}
	if withEscapes {
		args = append(args, "-e", "-N")
	}
	return t.Run(args...)
}

// CaptureHistory is Capture of the scrollback and the visible screen
// (capture-pane -S -).
func (t *Tmux) CaptureHistory(withEscapes bool) (string, error) {
	args := []string{"capture-pane", "-p", "-S", "-"}
	if withEscapes {
		args = append(args, "-e", "-N")
	}
	return t.Run(args...)
}

// Display expands a tmux format for the pane (display-message -p), such
// as "#{pane_title}" or "#{pane_dead}".
func (t *Tmux) Display(format string) (string, error) {
	out, err := t.Run("display-message", "-p", format)
	return strings.TrimSuffix(out, "\n"), err
}

// Cursor returns the 0-based cursor position in the pane.
func (t *Tmux) Cursor() (row, col int, err error) {
	out, err := t.Display("#{cursor_y},#{cursor_x}")
	if err != nil {
		return 0, 0, err
	}
	if _, err := fmt.Sscanf(out, "%d,%d", &row, &col); err != nil {
		return 0, 0, fmt.Errorf("vttest: cursor %q: %w", out, err)
	}
	return row, col, nil
}

// Size returns the pane size.
func (t *Tmux) Size() (width, height int, err error) {
	out, err := t.Display("#{pane_width},#{pane_height}")
	if err != nil {
		return 0, 0, err
	}
	if _, err := fmt.Sscanf(out, "%d,%d", &width, &height); err != nil {
		return 0, 0, fmt.Errorf("vttest: size %q: %w", out, err)
	}
	return width, height, nil
}

// Resize changes the window, and with it the pane, to width×height, and
// waits until the program in the pane can see the new size. tmux answers
// resize-window at once but sets the pane terminal's size (and so sends
// SIGWINCH) on a batching timer, so keys sent straight after could
// otherwise run at the old size.
func (t *Tmux) Resize(width, height int) error {
	if _, err := t.Run("resize-window", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height)); err != nil {
		return err
	}
	tty, err := t.Display("#{pane_tty}")
	if err != nil {
		return err
	}
	var w, h int
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if w, h, err = TTYSize(tty); err != nil {
			return err
		}
		if w == width && h == height {
			return nil
		}
	}
	return fmt.Errorf("vttest: pane terminal %s is still %dx%d 5s after resizing to %dx%d", tty, w, h, width, height)
}

// Screen returns the visible screen and cursor as a vt.Framebuffer (see
// ParseCapture).
func (t *Tmux) Screen() (*vt.Framebuffer, error) {
	w, h, err := t.Size()
	if err != nil {
		return nil, err
	}
	capture, err := t.Capture(true)
	if err != nil {
		return nil, err
	}
	fb, err := ParseCapture(capture, w, h)
	if err != nil {
		return nil, err
	}
	if fb.Cursor.Row, fb.Cursor.Col, err = t.Cursor(); err != nil {
		return nil, err
	}
	return fb, nil
}

// WaitFor polls the plain-text screen until done returns true for it, and
// returns that screen. It gives up after timeout with an error holding the
// last screen seen. It is meant for end-to-end tests, where the thing
// waited for is another process; give it a generous timeout.
func (t *Tmux) WaitFor(timeout time.Duration, done func(screen string) bool) (string, error) {
	return t.waitFor(timeout, "screen condition", func() (string, bool, error) {
		s, err := t.Capture(false)
		return s, err == nil && done(s), err
	})
}

// WaitForText waits until the screen contains text.
func (t *Tmux) WaitForText(text string, timeout time.Duration) (string, error) {
	return t.waitFor(timeout, fmt.Sprintf("text %q", text), func() (string, bool, error) {
		s, err := t.Capture(false)
		return s, err == nil && strings.Contains(s, text), err
	})
}

// WaitForFormat waits until the tmux format expands to want, for example
// WaitForFormat("#{pane_title}", marker, timeout) after a PlayCommand.
func (t *Tmux) WaitForFormat(format, want string, timeout time.Duration) error {
	_, err := t.waitFor(timeout, fmt.Sprintf("%s = %q", format, want), func() (string, bool, error) {
		s, err := t.Display(format)
		return s, err == nil && s == want, err
	})
	return err
}

func (t *Tmux) waitFor(timeout time.Duration, what string, poll func() (last string, ok bool, err error)) (string, error) {
	deadline := time.Now().Add(timeout)
	for {
		last, ok, err := poll()
		if ok {
			return last, nil
		}
		if time.Now().After(deadline) {
			if err != nil {
				return last, fmt.Errorf("vttest: waiting %v for %s: %w", timeout, what, err)
			}
			return last, fmt.Errorf("vttest: waiting %v for %s; last seen:\n%s", timeout, what, last)
		}
		time.Sleep(pollInterval)
	}
}
