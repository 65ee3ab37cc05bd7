package faults

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
)

// A server that dies cannot be replaced: a new roam-server on the same
// port has a new key, so the client's datagrams fail its authentication
// and the session is over by design. The client must say so: the bar
// reports the silence, and quitting (Ctrl-^ .) ends with mosh-client's
// message that the server did not acknowledge the shutdown, and status 1.
//
// The client has no network timeout of its own (mosh-client neither):
// it waits for the server until the user quits, so the test quits.
func TestServerRestart(t *testing.T) {
	t.Parallel()
	r := startRig(t, rigOptions{workload: numbered(500, 10*time.Millisecond)})
	r.waitDone(t, screenTimeout)
	r.sameScreen(t, screenTimeout)

	if err := syscall.Kill(r.srv.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := servertest.WaitGone(r.srv.PID, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	script := workload(t, "")
	again := servertest.Start(t, roamServer, servertest.Env(t.TempDir(), prompt),
		"new", "-i", "127.0.0.1", "-p", strconv.Itoa(r.srv.Port), "--", "/bin/sh", script)
	if again.Port != r.srv.Port {
		t.Fatalf("new server on port %d, want %d", again.Port, r.srv.Port)
	}
	killed := time.Now()

	s, err := r.remote.WaitFor(screenTimeout, func(s string) bool { return hasPrefixLine(s, "roam: Last contact") })
	if err != nil {
		t.Fatalf("the client never reported the silence: %v", err)
	}
	bar := strings.SplitN(s, "\n", 2)[0]
	t.Logf("%v after the kill the bar says %q", time.Since(killed).Round(time.Millisecond), bar)
	if !strings.Contains(bar, "[To quit: Ctrl-^ .]") {
		t.Errorf("the bar does not say how to quit: %q", bar)
	}
	// Keep waiting past the point where a client could have resynced.
	time.Sleep(5 * time.Second)
	if s := screenText(t, r.remote); !hasPrefixLine(s, "roam: Last contact") {
		t.Fatalf("the bar went away although the new server cannot talk to the client:\n%s", s)
	}

	if err := r.remote.SendKeys("C-^", "."); err != nil {
		t.Fatal(err)
	}
	s, err = r.remote.WaitFor(screenTimeout, func(s string) bool {
		return strings.Contains(s, servertest.ExitStatusPrefix)
	})
	if err != nil {
		t.Fatalf("the client did not exit after Ctrl-^ .: %v", err)
	}
	for _, want := range []string{
		"mosh did not shut down cleanly",
		"mosh-server process may still be running on the server",
		"[mosh is exiting.]",
		servertest.ExitStatusLine(1),
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the client's last words lack %q:\n%s", want, s)
		}
	}
	if !servertest.Alive(again.PID) {
		t.Error("the new server died of the old client's datagrams")
	}
}
