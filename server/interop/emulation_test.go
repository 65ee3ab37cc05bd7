package interop

import (
	"fmt"
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

// chunkPause separates the chunks of a stimulus so that the server sends
// them in separate frames (its send interval on loopback is 20 ms).
const chunkPause = 100 * time.Millisecond

// settleTimeout bounds the wait for the client's screen to be complete
// once the end-of-stimulus title has arrived.
const settleTimeout = 3 * time.Second

// clearScreen starts every stimulus, as mosh's e2e tests clear first.
const clearScreen = "\x1b[H\x1b[2J"

// Each of mosh's emulation stimuli (vttest's corpus) drawn through the real
// mosh-client and roam-server leaves the screen it leaves when drawn
// straight in tmux: the same text, colours, attributes, wide characters and
// cursor (mosh's "verify" action: direct == baseline).
func TestEmulationMatchesTmux(t *testing.T) {
	for i, c := range vttest.Corpus() {
		c.Chunks = append([][]byte{[]byte(clearScreen)}, c.Chunks...)
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			marker := fmt.Sprintf("interop-case-%d-done", i)
			var want *vt.Framebuffer
			if c.CompareWithTmux() {
				want = playDirect(t, c, marker)
				if c.TmuxFix != nil {
					c.TmuxFix(want) // c.TmuxQuirk says why
				}
			} else {
				t.Logf("only post-checked: %s", c.TmuxQuirk)
			}
			tm := playThroughMosh(t, c, marker)
			if problem := settle(t, tm, c, want); problem != "" {
				t.Error(problem)
			}
		})
	}
}

// settle checks the client's screen against c.Expect and want (if not
// nil) and returns what is wrong. The title marker can reach tmux before
// the rest of the client's frame has been drawn, so it looks again until
// the screen is right or settleTimeout has passed.
func settle(t *testing.T, tm *vttest.Tmux, c vttest.Case, want *vt.Framebuffer) string {
	t.Helper()
	deadline := time.Now().Add(settleTimeout)
	for {
		got := screen(t, tm)
		var problem string
		if c.Expect != nil {
			if err := vttest.CheckExpect(got, c.Expect); err != nil {
				problem = fmt.Sprintf("post-check through mosh: %v\n", err)
			}
		}
		if want != nil {
			if d := vttest.Diff(want, got); d != "" {
				problem += "screen through mosh-client + roam-server differs from tmux (want = tmux, got = mosh):\n" + d
			}
		}
		if problem == "" || time.Now().After(deadline) {
			return problem
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// playThroughMosh runs the stimulus as the session's command and returns
// the client's pane once the title marker has arrived.
func playThroughMosh(t *testing.T, c vttest.Case, marker string) *vttest.Tmux {
	t.Helper()
	cmd, err := vttest.PlayCommand(t.TempDir(), c, chunkPause, marker)
	if err != nil {
		t.Fatal(err)
	}
	s := startSession(t, sessionOptions{command: []string{"/bin/sh", "-c", cmd}})
	if err := s.tm.WaitForFormat("#{pane_title}", marker, screenTimeout); err != nil {
		t.Fatalf("through mosh: %v", err)
	}
	return s.tm
}

// playDirect runs the stimulus straight in a tmux pane of the same size.
func playDirect(t *testing.T, c vttest.Case, marker string) *vt.Framebuffer {
	t.Helper()
	cmd, err := vttest.PlayCommand(t.TempDir(), c, chunkPause, marker)
	if err != nil {
		t.Fatal(err)
	}
	tm := vttest.StartTmux(t, vttest.TmuxOptions{Command: cmd})
	if err := tm.WaitForFormat("#{pane_title}", marker, screenTimeout); err != nil {
		t.Fatalf("direct: %v", err)
	}
	return screen(t, tm)
}
