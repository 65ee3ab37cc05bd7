package interop

import (
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

// maxNoDiffCPU is mosh's bound for the network-no-diff test.
const maxNoDiffCPU = time.Second

// mosh's network-no-diff test: output that does not change the screen
// (`x` then BS, every second for 10 s) must not make the server spin; its
// CPU time (user + system, /proc/PID/stat) stays under a second.
func TestNoDiffCPU(t *testing.T) {
	t.Parallel()
	s := startSession(t, sessionOptions{command: []string{"/bin/sh", "-c",
		`i=0; while [ "$i" -lt 10 ] && printf 'x\b' && sleep 1; do i=$((i+1)); done; printf '\r\nno-diff-done\r\n'; exec sleep 86400`}})
	vttest.WaitLine(t, s.tm, "no-diff-done", 30*time.Second)
	cpu, err := servertest.CPUTime(s.srv.PID)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("server CPU over the 10 s session: %v", cpu)
	if cpu >= maxNoDiffCPU {
		t.Errorf("server used %v of CPU on output that does not change the screen, want < %v", cpu, maxNoDiffCPU)
	}
}
