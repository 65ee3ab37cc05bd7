package faults

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// suspendFor is how long a process stays stopped: the minute in
// make test (the cases run in parallel with the rest), an hour in the soak.
func suspendFor() time.Duration {
	if soak {
		return time.Hour
	}
	return time.Minute
}

// The client or the server is stopped (SIGSTOP) during output and
// continued (SIGCONT) a minute later: the session picks up where it was
// and nothing is lost.
func TestSuspend(t *testing.T) {
	t.Parallel()
	for _, who := range []string{"client", "server"} {
		t.Run(who, func(t *testing.T) {
			t.Parallel()
			r := startRig(t, rigOptions{workload: numbered(3000, 100*time.Millisecond)})
			pid := r.client
			if who == "server" {
				pid = r.srv.PID
			}
			time.Sleep(time.Second)
			if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { syscall.Kill(pid, syscall.SIGCONT) })
			sleepPhase(t, who+" stopped", suspendFor())
			if who == "server" {
				// The client noticed: the bar names the silence.
				if s := screenText(t, r.remote); !hasPrefixLine(s, "roam: Last contact") {
					t.Errorf("no \"Last contact\" bar while the server was stopped:\n%s", s)
				}
			}
			if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
				t.Fatal(err)
			}
			r.waitDone(t, screenTimeout)
			r.sameScreen(t, screenTimeout)
			r.usable(t)
		})
	}
}

// hasPrefixLine reports whether a line of screen starts with prefix.
func hasPrefixLine(screen, prefix string) bool {
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasPrefix(line, prefix) {
			return true
		}
	}
	return false
}
