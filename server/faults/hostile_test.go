package faults

import (
	"strings"
	"testing"
	"time"
)

// bombs is a workload of escape-sequence bombs, each followed by a reset
// of what it may have left behind: huge and numerous parameters, an OSC
// string of 10 MB that only a CAN ends, a base character with 100,000
// combining marks, and a single line of 10 MB.
var bombs = strings.Join([]string{
	// Parameters far beyond any screen, and far too many of them.
	`printf '\033[99999999999999999999;99999999999999999999H\033[4294967296;4294967297r\033[99999999999L\033[99999999999@\033[99999999999P\033[99999999999b\033[99999999999S\033[99999999999T\033[r\033[H'`,
	`printf '\033[%s1m\033[0m' "$(head -c 200000 /dev/zero | tr '\0' ';')"`,
	`printf '\033[38;2;99999999999;99999999999;99999999999m\033[38;5;99999999999m\033[0m'`,
	// An OSC that never ends by itself.
	`printf '\033]0;'; head -c 10000000 /dev/zero | tr '\0' 'A'; printf '\030'`,
	`printf '\033]8;;'; head -c 1000000 /dev/zero | tr '\0' 'u'; printf '\033\\'`,
	// A deep combining stack.
	`printf 'e%s\n' "$(head -c 100000 /dev/zero | tr '\0' 'x' | sed 's/x/\xcc\x81/g')"`,
	// One line of 10 MB.
	`head -c 10000000 /dev/zero | tr '\0' 'x'; echo`,
}, "\n")

// maxServerRSS bounds roam-server's peak resident memory through the
// bombs; maxClientRSS bounds roam's.
const (
	maxServerRSS = 100 << 10 // kB
	maxClientRSS = 200 << 10 // kB
)

// The remote side writes escape-sequence bombs: neither end hangs, memory
// stays bounded, and afterwards the screen equals a direct run's.
func TestHostileOutput(t *testing.T) {
	t.Parallel()
	r := startRig(t, rigOptions{workload: bombs})
	r.waitDone(t, 3*screenTimeout)
	checkPeakRSS(t, r)
	r.usable(t)
}

// The same bombs while roam's window is resized 40 times: neither end
// hangs, memory stays bounded, and once the last size has reached the
// application, the session shows typed commands exactly as a direct run at
// that size does.
func TestHostileOutputWhileResizing(t *testing.T) {
	t.Parallel()
	r := startRig(t, rigOptions{workload: bombs})
	for i := range 40 {
		w, h := 40+i%3*40, 10+i%4*10
		if err := r.remote.Resize(w, h); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.resizeRemote(t, 80, 24)
	r.waitDone(t, 3*screenTimeout)
	checkPeakRSS(t, r)
	r.usable(t)
}

// checkPeakRSS fails the test if either end's peak resident memory went
// past its bound.
func checkPeakRSS(t *testing.T, r *rig) {
	t.Helper()
	server, client := procStatusKB(t, r.srv.PID, "VmHWM"), procStatusKB(t, r.client, "VmHWM")
	t.Logf("peak RSS: roam-server %d MB, roam %d MB", server>>10, client>>10)
	if server > maxServerRSS {
		t.Errorf("roam-server's peak RSS %d kB, want < %d kB", server, maxServerRSS)
	}
	if client > maxClientRSS {
		t.Errorf("roam's peak RSS %d kB, want < %d kB", client, maxClientRSS)
	}
}
