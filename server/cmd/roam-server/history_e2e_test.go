//go:build unix

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

// The real mosh-client ignores Roam's history extension: with the server
// made to send its history to a client that did not ask for it, output
// that scrolls (so history lines travel), a switch to the alternate screen
// and back and a clear of the history (so its alternate-screen flag and
// clear mark travel), typing and exit work as before, and mosh-client
// does not abort.
func TestRealMoshClientIgnoresHistory(t *testing.T) {
	env := append(serverEnv(t.TempDir()), "ROAM_HISTORY_FORCE=1")
	srv := servertest.Start(t, binary(t), env,
		"new", "-i", "127.0.0.1", "-p", "0", "--history-lines", "500", "--", "/bin/bash", "--norc", "--noprofile")

	tm := vttest.StartTmux(t, vttest.TmuxOptions{Width: 80, Height: 24, Command: srv.ClientScript(t, servertest.ClientOptions{})})
	if _, err := tm.WaitForText("roam$", 15*time.Second); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ keys, want string }{
		{"seq 1 300; echo seq-done", "seq-done"},
		{`printf '\e[?1049halt-on\n'`, "alt-on"},
		{`printf '\e[?1049l\e[3J'; echo alt-off`, "alt-off"},
		{"echo roam-ok", "roam-ok"},
	} {
		if err := tm.SendKeys(step.keys, "Enter"); err != nil {
			t.Fatal(err)
		}
		want := step.want
		if _, err := tm.WaitFor(10*time.Second, func(s string) bool {
			for _, line := range strings.Split(s, "\n") {
				if strings.TrimSpace(line) == want {
					return true
				}
			}
			return false
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tm.SendKeys("exit", "Enter"); err != nil {
		t.Fatal(err)
	}
	if _, err := tm.WaitForText(servertest.ExitStatusLine(0), 15*time.Second); err != nil {
		t.Fatal(err)
	}
	if s, _ := tm.Capture(false); strings.Contains(s, "Assertion") || !strings.Contains(s, "[mosh is exiting.]") {
		t.Errorf("mosh-client did not exit cleanly:\n%s", s)
	}
	srv.WaitExit(t, 15*time.Second)
}
