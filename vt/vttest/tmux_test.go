package vttest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
)

const waitTimeout = 20 * time.Second

func TestTmuxHarness(t *testing.T) {
	tm := StartTmux(t, TmuxOptions{Width: 60, Height: 10, Command: "cat"})
	if err := tm.SendLiteral("héllo 日本"); err != nil {
		t.Fatal(err)
	}
	if err := tm.SendKeys("Enter"); err != nil {
		t.Fatal(err)
	}
	// The tty echoes the line, cat repeats it.
	screen, err := tm.WaitFor(waitTimeout, func(s string) bool { return strings.Count(s, "héllo 日本") == 2 })
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(screen, "\n"); lines[0] != "héllo 日本" || lines[1] != "héllo 日本" {
		t.Errorf("screen starts %q, want the line twice", lines[:2])
	}
	if row, col, err := tm.Cursor(); err != nil || row != 2 || col != 0 {
		t.Errorf("cursor = %d,%d (%v), want 2,0", row, col, err)
	}
	if term, err := tm.Display("#{pane_width}x#{pane_height}"); err != nil || term != "60x10" {
		t.Errorf("pane size = %q (%v)", term, err)
	}
	if err := tm.Resize(70, 12); err != nil {
		t.Fatal(err)
	}
	if w, h, err := tm.Size(); err != nil || w != 70 || h != 12 {
		t.Errorf("size after resize = %dx%d (%v), want 70x12", w, h, err)
	}
	if _, err := tm.WaitForText("never shown", 100*time.Millisecond); err == nil {
		t.Error("WaitForText of absent text succeeded")
	}
	if err := tm.Kill(); err != nil {
		t.Error(err)
	}
	if err := tm.Kill(); err != nil {
		t.Errorf("second Kill: %v", err)
	}
}

func TestTmuxEnvironment(t *testing.T) {
	tm := StartTmux(t, TmuxOptions{Command: `echo "$LANG $TERM $X_ROAM"; exec sleep 86400`, Env: []string{"X_ROAM=yes"}})
	if _, err := tm.WaitForText("C.UTF-8 tmux-256color yes", waitTimeout); err != nil {
		t.Fatal(err)
	}
}

// playInTmux plays c in an 80×24 tmux pane and returns the screen.
func playInTmux(t *testing.T, c Case, pause time.Duration) *vt.Framebuffer {
	t.Helper()
	marker := fmt.Sprintf("roam-done-%d", time.Now().UnixNano())
	cmd, err := PlayCommand(t.TempDir(), c, pause, marker)
	if err != nil {
		t.Fatal(err)
	}
	tm := StartTmux(t, TmuxOptions{Width: CorpusWidth, Height: CorpusHeight, Command: cmd})
	if err := tm.WaitForFormat("#{pane_title}", marker, waitTimeout); err != nil {
		t.Fatal(err)
	}
	fb, err := tm.Screen()
	if err != nil {
		t.Fatal(err)
	}
	return fb
}

func caseNamed(t *testing.T, name string) Case {
	for _, c := range Corpus() {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no corpus case %q", name)
	return Case{}
}

// TestCorpusInTmux checks the corpus itself: played in tmux, the cases give
// the results mosh's post-checks expect, and every case parses.
func TestCorpusInTmux(t *testing.T) {
	t.Run("post-checks", func(t *testing.T) {
		for _, c := range Corpus() {
			if c.Expect == nil || c.TmuxQuirk != "" {
				continue
			}
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				fb := playInTmux(t, c, 0)
				if err := CheckExpect(fb, c.Expect); err != nil {
					t.Error(err)
				}
			})
		}
	})
	t.Run("all-parse", func(t *testing.T) {
		for _, c := range Corpus() {
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				playInTmux(t, c, 0)
			})
		}
	})
}

func TestPlayCommandPauses(t *testing.T) {
	// The chunks of wrap-across-frames arrive apart and still wrap.
	fb := playInTmux(t, caseNamed(t, "emulation-wrap-across-frames"), 50*time.Millisecond)
	if got := rowText(fb.Row(7)); !strings.HasPrefix(got, "!wrapped") {
		t.Errorf("row 7 = %q, want it to start with !wrapped", got)
	}
}
