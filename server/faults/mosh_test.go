package faults

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

// The remaining end-to-end cases of mosh's suite (mosh-wire §9.2), with
// Roam at both ends.

// pty-deadlock: ^S stops the heavy output for 10 s, ^Q lets it go on, and
// the workload ends normally (the server must not block writing the
// user's keys to a stopped pty).
func TestPTYDeadlock(t *testing.T) {
	t.Parallel()
	r := startRig(t, rigOptions{workload: `end=$(($(date +%s)+6)); while [ $(date +%s) -lt $end ]; do seq 1 2000; done; echo '=== normal exit ==='`})
	time.Sleep(2 * time.Second)
	if err := r.remote.SendKeys("C-s"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Second)
	if err := r.remote.SendKeys("C-q", "Enter"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.remote.WaitForText("=== normal exit ===", screenTimeout); err != nil {
		t.Fatal(err)
	}
	r.waitDone(t, screenTimeout)
	r.usable(t)
}

// server-network-timeout: with MOSH_SERVER_NETWORK_TMOUT=10 the server
// ends by itself once its client is gone (SIGKILL) for 10 s; mosh's test
// allows 17 s.
func TestServerNetworkTimeout(t *testing.T) {
	t.Parallel()
	r := startRig(t, rigOptions{workload: "echo ready", serverEnv: []string{"MOSH_SERVER_NETWORK_TMOUT=10"}})
	r.waitDone(t, screenTimeout)
	r.sameScreen(t, screenTimeout)
	if err := syscall.Kill(r.client, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	time.Sleep(5 * time.Second)
	if !servertest.Alive(r.srv.PID) {
		t.Fatal("the server ended 5 s after its client, before the 10 s timeout")
	}
	r.srv.WaitExit(t, 17*time.Second-time.Since(killed))
	t.Logf("server gone %v after the client was killed", time.Since(killed).Round(time.Millisecond))
}

// server-signal-timeout: with MOSH_SERVER_SIGNAL_TMOUT=10, SIGUSR1 ends the
// server only once the client has been silent for 10 s.
func TestServerSignalTimeout(t *testing.T) {
	t.Parallel()
	r := startRig(t, rigOptions{workload: "echo ready", serverEnv: []string{"MOSH_SERVER_SIGNAL_TMOUT=10"}})
	r.waitDone(t, screenTimeout)
	r.sameScreen(t, screenTimeout)
	if err := syscall.Kill(r.srv.PID, syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if !servertest.Alive(r.srv.PID) {
		t.Fatal("SIGUSR1 ended a server whose client is alive")
	}
	r.usable(t)
	if err := syscall.Kill(r.client, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	syscall.Kill(r.srv.PID, syscall.SIGUSR1)
	time.Sleep(2 * time.Second)
	if !servertest.Alive(r.srv.PID) {
		t.Fatal("SIGUSR1 ended the server 2 s after its client, before the 10 s timeout")
	}
	time.Sleep(8 * time.Second)
	if err := syscall.Kill(r.srv.PID, syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	r.srv.WaitExit(t, 5*time.Second)
}

// repeatCount is how many back-to-back sessions TestRepeatWithInput runs:
// mosh's 100 in the soak, 10 in make test to keep within its budget.
func repeatCount() int {
	if soak {
		return 100
	}
	return 10
}

// repeat-with-input: back-to-back sessions whose application prints a
// line and exits, while Enter is typed every 0.1 s: every client exits
// with status 0 and every server ends (typing into a session whose
// application is gone must not kill or hang anything).
func TestRepeatWithInput(t *testing.T) {
	t.Parallel()
	n := repeatCount()
	for i := range n {
		if soak && i%10 == 0 {
			running.set(t.Name(), fmt.Sprintf("session %d of %d", i+1, n))
		}
		srv := servertest.Start(t, roamServer, servertest.Env(t.TempDir(), prompt),
			"new", "-i", "127.0.0.1", "-p", "0", "--", "/bin/sh", "-c", "sleep 0.5; echo '@@@ done'")
		tm := vttest.StartTmux(t, vttest.TmuxOptions{Command: srv.ClientScript(t, servertest.ClientOptions{})})
		stop := make(chan struct{})
		go func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
					tm.SendKeys("Enter")
				}
			}
		}()
		s, err := tm.WaitFor(15*time.Second, func(s string) bool { return strings.Contains(s, servertest.ExitStatusPrefix) })
		close(stop)
		if err != nil {
			t.Fatalf("session %d: %v", i+1, err)
		}
		if !strings.Contains(s, servertest.ExitStatusLine(0)) || !strings.Contains(s, "[mosh is exiting.]") {
			t.Fatalf("session %d did not end cleanly:\n%s", i+1, s)
		}
		srv.WaitExit(t, 15*time.Second)
		tm.Kill()
	}
	running.set(t.Name(), "")
}

// window-resize: inside less, the pane is split and resized ten times each
// way, then less quits: nothing hangs and the shell works as in a direct
// run.
func TestWindowResizeUnderLess(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	text := filepath.Join(dir, "text")
	var b strings.Builder
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&b, "%d %s\n", i, strings.Repeat("less ", i%30))
	}
	if err := os.WriteFile(text, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := startRig(t, rigOptions{workload: "echo ready"})
	r.waitDone(t, screenTimeout)
	r.typeBoth(t, "TERM=xterm less "+text)
	for _, tm := range []*vttest.Tmux{r.direct, r.remote} {
		if _, err := tm.WaitForText("2 less less", screenTimeout); err != nil {
			t.Fatal(err)
		}
	}
	tmux := func(args ...string) {
		t.Helper()
		if _, err := r.remote.Run(args...); err != nil {
			t.Fatalf("tmux %v: %v", args, err)
		}
	}
	tmux("split-window", "-v", "sleep 3600")
	for i := range 10 {
		tmux("resize-pane", "-t", "{top}", "-y", fmt.Sprint(5+i))
		time.Sleep(100 * time.Millisecond)
	}
	tmux("kill-pane", "-t", "{bottom}")
	tmux("split-window", "-h", "sleep 3600")
	for i := range 10 {
		tmux("resize-pane", "-t", "{left}", "-x", fmt.Sprint(20+3*i))
		time.Sleep(100 * time.Millisecond)
	}
	tmux("kill-pane", "-t", "{right}")
	r.resizeRemote(t, 80, 24)
	for _, tm := range []*vttest.Tmux{r.direct, r.remote} {
		if err := tm.SendKeys("q"); err != nil {
			t.Fatal(err)
		}
	}
	r.usable(t)
}
