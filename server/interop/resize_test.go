package interop

import (
	"fmt"
	"github.com/roamterm/roam/vt/vttest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Resizing the client's tmux window resizes the remote pty; a full-screen
// program (less) survives a storm of resizes from split panes (mosh's
// window-resize test); and `exit` ends both ends cleanly.
func TestResizeAndExit(t *testing.T) {
	t.Parallel()
	s := startSession(t, sessionOptions{})

	run(t, s.tm, "stty size")
	vttest.WaitLine(t, s.tm, "24 80", screenTimeout)
	for _, size := range []struct{ w, h int }{{100, 30}, {60, 20}, {80, 24}} {
		if err := s.tm.Resize(size.w, size.h); err != nil {
			t.Fatal(err)
		}
		s.waitPtySize(t, size.w, size.h)
	}

	// mosh's window-resize: less, then panes split off, shrunk and grown
	// ten times each way, vertically and horizontally.
	file := filepath.Join(t.TempDir(), "lines")
	var text strings.Builder
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&text, "line %03d\n", i)
	}
	if err := os.WriteFile(file, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, s.tm, "less "+file)
	vttest.WaitLine(t, s.tm, "line 023", screenTimeout)
	for _, dir := range []struct{ split, shrink, grow string }{{"-v", "-D", "-U"}, {"-h", "-L", "-R"}} {
		tmux(t, s, "split-window", dir.split)
		for _, step := range []string{dir.shrink, dir.grow} {
			for range 10 {
				time.Sleep(100 * time.Millisecond)
				tmux(t, s, "resize-pane", step)
			}
		}
		time.Sleep(500 * time.Millisecond)
		tmux(t, s, "kill-pane")
		// tmux defers the pane's resize, and so the client's SIGWINCH
		// and less's redraw; mosh's test waits a second here too, so that
		// the next key is not typed while less is redrawing.
		time.Sleep(time.Second)
		// Back at 80×24, less shows its first page again.
		screen := vttest.WaitLine(t, s.tm, "line 023", screenTimeout)
		if first := strings.SplitN(screen, "\n", 2)[0]; strings.TrimSpace(first) != "line 001" {
			t.Errorf("after the %s resizes less shows %q on top, want line 001:\n%s", dir.split, first, screen)
		}
	}
	if err := s.tm.SendKeys("q"); err != nil {
		t.Fatal(err)
	}
	s.waitPrompt(t, screenTimeout)
	s.waitPtySize(t, 80, 24)
	s.typed(t, "after-less")

	run(t, s.tm, "exit")
	s.expectCleanExit(t)
}

// waitPtySize asks `stty size` in the session until it reports the size.
// tmux 3.3 defers a pane's resize, and so mosh-client's SIGWINCH, by up to
// a few hundred milliseconds after resize-window returns; a line typed
// meanwhile still runs at the old size, so one answer is not enough.
func (s *session) waitPtySize(t *testing.T, width, height int) {
	t.Helper()
	want := fmt.Sprintf("%d %d", height, width)
	deadline := time.Now().Add(screenTimeout)
	for {
		run(t, s.tm, "clear; stty size")
		_, err := s.tm.WaitFor(time.Second, func(screen string) bool {
			return strings.HasPrefix(screen, want+"\n") && lastLine(screen) == strings.TrimSpace(prompt)
		})
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("stty size in the session never said %q: %v", want, err)
		}
	}
}

// tmux runs a tmux command on the session's server.
func tmux(t *testing.T, s *session, args ...string) {
	t.Helper()
	if _, err := s.tm.Run(args...); err != nil {
		t.Fatalf("tmux %q: %v", args, err)
	}
}
