package faults

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
)

// During a live session with verbose logging at both ends, the session
// key in its printable form is on no process's command line (the
// detached server's included), in neither log, on the screen, or in the
// stack dumps both programs print on SIGQUIT; both run with core dumps
// off; and the server, run as root, says so.
func TestSecrets(t *testing.T) {
	t.Parallel()
	clientLog := t.TempDir() + "/client.log"
	r := startRig(t, rigOptions{
		workload:    numbered(300, 10*time.Millisecond),
		serverArgs:  []string{"-v"},
		clientFlags: []string{"-v"},
		clientLog:   clientLog,
	})
	r.waitDone(t, screenTimeout)
	r.sameScreen(t, screenTimeout)

	for pid, cmdline := range cmdlines() {
		if r.srv.ContainsKey([]byte(cmdline)) {
			t.Errorf("the key is on the command line of process %d", pid)
		}
	}
	for _, p := range []struct {
		name string
		pid  int
	}{{"roam-server", r.srv.PID}, {"roam", r.client}} {
		if got := coreLimit(t, p.pid); got != "0" {
			t.Errorf("%s (pid %d) may dump core: soft limit %s, want 0", p.name, p.pid, got)
		}
	}
	serverOut, err := os.ReadFile(r.srv.Output)
	if err != nil {
		t.Fatal(err)
	}
	const rootWarning = "Warning: roam-server is running as root."
	if root := os.Geteuid() == 0; root != strings.Contains(string(serverOut), rootWarning) {
		t.Errorf("running as root: %v, but the server's stderr has the warning: %v\n%s",
			root, !root, serverOut)
	}

	// Crash output: Go prints every goroutine's stack on SIGQUIT.
	for _, pid := range []int{r.srv.PID, r.client} {
		if err := syscall.Kill(pid, syscall.SIGQUIT); err != nil {
			t.Fatal(err)
		}
		if err := servertest.WaitGone(pid, 10*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []struct{ name, path string }{{"server", r.srv.Output}, {"client", clientLog}} {
		b, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "goroutine ") {
			t.Errorf("no stack dump in the %s's output after SIGQUIT (%d bytes)", f.name, len(b))
		}
		if r.srv.ContainsKey(b) {
			t.Errorf("the key is in the %s's log or stack dump", f.name)
		}
	}
	if r.srv.ContainsKey([]byte(screenText(t, r.remote))) {
		t.Error("the key is on the client's screen")
	}
}
