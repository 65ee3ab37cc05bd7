package e2ebench

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/server/servertest"
)

// bulkResult is one bulk-output measurement.
type bulkResult struct {
	connect              time.Duration // server start to the prompt on the client's screen
	elapsed              time.Duration // Enter to the marker on the client's screen
	serverCPU, clientCPU time.Duration
	wire                 uint64 // UDP payload bytes server→client
	serverRSS, clientRSS uint64 // peak resident set, bytes
	// settledCPU is the client's CPU time from Enter until the link went
	// quiet (settle): for a Roam client of roam-server, with the
	// scrollback that reaches it after the last line is on the screen.
	settledCPU time.Duration
}

// throughput is the workload's size over the elapsed time, in MB/s.
func (r bulkResult) throughput(size int) float64 {
	return float64(size) / 1e6 / r.elapsed.Seconds()
}

// bulk starts a session of pairing p on an unimpaired link, with
// clientEnv added to the client's environment, and measures the `cat` of
// file in it.
func (h *harness) bulk(p pairing, file string, size int, clientEnv []string) (bulkResult, error) {
	s, err := h.startWith(p, linktest.Impairment{}, 0, clientEnv)
	if err != nil {
		return bulkResult{}, &startError{err}
	}
	defer s.close()
	r, err := s.bulk(file, size)
	if err != nil {
		return r, fmt.Errorf("e2ebench: %v: %w", p, err)
	}
	r.connect = s.connect
	return r, nil
}

// bulkPoll is how often bulk looks for the marker: often enough for a
// tenth-of-a-second resolution, rarely enough that the tmux clients it
// runs take little CPU from the processes being measured.
const bulkPoll = 50 * time.Millisecond

// bulk cats file in the session's shell, followed by a marker line, and
// measures from pressing Enter until the marker is on the client's screen.
// The typed command computes the marker ($((n+1))), so its echo does not
// contain it.
func (s *session) bulk(file string, size int) (bulkResult, error) {
	// A short link keeps the command on one line of the pane.
	link := filepath.Join(s.dir, "w")
	if err := os.Symlink(file, link); err != nil {
		return bulkResult{}, err
	}
	n := 100000 + rand.IntN(900000)
	command := fmt.Sprintf("cat %s; echo E2E$((%d+1))", link, n)
	marker := fmt.Sprintf("E2E%d", n+1)
	if err := s.tmux.SendLiteral(command); err != nil {
		return bulkResult{}, err
	}
	// Wait for the echo, so that typing is not part of the time.
	if _, err := s.waitScreen(10*time.Second, 20*time.Millisecond, func(screen string) bool {
		return strings.Contains(screen, command)
	}); err != nil {
		return bulkResult{}, fmt.Errorf("command not echoed: %w", err)
	}

	var before, after bulkResult
	if err := before.take(s); err != nil {
		return bulkResult{}, err
	}
	start := time.Now()
	if err := s.tmux.SendKeys("Enter"); err != nil {
		return bulkResult{}, err
	}
	// Allow for 200 KB/s, 30 times slower than mosh here.
	timeout := 30*time.Second + time.Duration(size/200e3)*time.Second
	seen, err := s.waitScreen(timeout, bulkPoll, func(screen string) bool {
		return strings.Contains(screen, marker)
	})
	if err != nil {
		return bulkResult{}, fmt.Errorf("marker not on the client's screen: %w%s", err, s.clientErrors())
	}
	if err := after.take(s); err != nil {
		return bulkResult{}, err
	}
	s.settle()
	settled, err := preciseCPU(s.client)
	if err != nil {
		return bulkResult{}, err
	}
	return bulkResult{
		elapsed:    seen.Sub(start),
		serverCPU:  after.serverCPU - before.serverCPU,
		clientCPU:  after.clientCPU - before.clientCPU,
		settledCPU: settled - before.clientCPU,
		wire:       after.wire - before.wire,
		serverRSS:  after.serverRSS,
		clientRSS:  after.clientRSS,
	}, nil
}

// Quiet link: settle waits until no byte went from server to client for
// settleQuiet (far longer than a frame interval, far shorter than the
// 3 s heartbeat), for at most settleMax.
const (
	settleQuiet = time.Second
	settleMax   = 60 * time.Second
)

// settle waits for the link to go quiet after bulk output: a Roam server
// sends a Roam client the scrollback a flood left once the flood is over.
func (s *session) settle() {
	deadline := time.Now().Add(settleMax)
	last, quietSince := s.wireBytes(), time.Now()
	for time.Since(quietSince) < settleQuiet && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		if n := s.wireBytes(); n != last {
			last, quietSince = n, time.Now()
		}
	}
}

// take reads the session's counters into r: CPU times so far, bytes on the
// wire so far, and peak RSS. The server's CPU time is utime+stime; the
// client's, tens of milliseconds per workload, is too small for that
// figure's 10 ms ticks and is read from schedstat.
func (r *bulkResult) take(s *session) error {
	var errs [4]error
	r.serverCPU, errs[0] = servertest.CPUTime(s.server)
	r.clientCPU, errs[1] = preciseCPU(s.client)
	r.serverRSS, errs[2] = peakRSS(s.server)
	r.clientRSS, errs[3] = peakRSS(s.client)
	r.wire = s.wireBytes()
	return errors.Join(errs[:]...)
}

// idleRun is one session of the idle benchmark.
type idleRun struct {
	session       *session
	before, after idleSample
	err           error
}

// idleSample is what the idle benchmark reads at the start and the end of
// the period.
type idleSample struct {
	serverWakeups, clientWakeups uint64
	serverCPU, clientCPU         time.Duration
	wire                         uint64 // both directions
}

func (r *idleSample) take(s *session) error {
	var errs [4]error
	r.serverWakeups, errs[0] = wakeups(s.server)
	r.clientWakeups, errs[1] = wakeups(s.client)
	r.serverCPU, errs[2] = preciseCPU(s.server)
	r.clientCPU, errs[3] = preciseCPU(s.client)
	st := s.relay.Stats()
	r.wire = st.ToClient.ReceivedBytes + st.ToServer.ReceivedBytes
	return errors.Join(errs[:]...)
}

// Ctrl-C benchmark timing.
const (
	// floodTime is how long `seq` floods the screen before Ctrl-C, so that
	// the link's queue is full, as it is in real use.
	floodTime = 2 * time.Second
	// ctrlCPhase bounds a random extra wait before Ctrl-C. Frames and
	// acknowledgements repeat every ~130 ms on this link, and a key
	// typed just after the client's last send waits up to a send
	// interval (125 ms) for the next: with a fixed wait, Ctrl-C falls at
	// nearly the same phase of that cycle in every rep of a pairing, and
	// a server whose frame interval differs by a few milliseconds moves
	// the whole pairing from one side of the cycle to the other.
	ctrlCPhase = 250 * time.Millisecond
	// quietPoll is how often the screen is captured after Ctrl-C, and
	// quietFor how long it must stay unchanged to count as quiet.
	quietPoll = 50 * time.Millisecond
	quietFor  = 200 * time.Millisecond
	// quietTimeout bounds the wait (ssh takes about 9 s here).
	quietTimeout = 60 * time.Second
)

// ctrlC starts a session of pairing p on the Ctrl-C link, floods the screen
// with seq, and returns how long after Ctrl-C the screen went quiet.
func (h *harness) ctrlC(p pairing) (time.Duration, error) {
	s, err := h.start(p, ctrlCLink, 0)
	if err != nil {
		return 0, &startError{err}
	}
	defer s.close()
	quiet, err := s.ctrlC()
	if err != nil {
		return 0, fmt.Errorf("e2ebench: %v: %w", p, err)
	}
	return quiet, nil
}

// ctrlC measures from sending Ctrl-C until the screen last changed, once it
// has stayed unchanged for quietFor with the prompt back on its last line.
// (The prompt condition keeps a pause in the flood's frames, which a slow
// link can cause, from counting as quiet.)
func (s *session) ctrlC() (time.Duration, error) {
	if err := s.tmux.SendLiteral("seq 1 100000000"); err != nil {
		return 0, err
	}
	if err := s.tmux.SendKeys("Enter"); err != nil {
		return 0, err
	}
	if _, err := s.waitScreen(20*time.Second, quietPoll, flooding); err != nil {
		return 0, fmt.Errorf("seq's output not on the screen: %w", err)
	}
	time.Sleep(floodTime + rand.N(ctrlCPhase))

	start := time.Now()
	if err := s.tmux.SendKeys("C-c"); err != nil {
		return 0, err
	}
	last, changed := "", start
	for {
		screen, err := s.tmux.Capture(false)
		now := time.Now()
		if err != nil {
			return 0, err
		}
		switch {
		case screen != last:
			last, changed = screen, now
		case now.Sub(changed) >= quietFor && promptLast(screen):
			return changed.Sub(start), nil
		}
		if now.Sub(start) > quietTimeout {
			return 0, fmt.Errorf("screen not quiet %v after Ctrl-C; last screen:\n%s", quietTimeout, screen)
		}
		time.Sleep(quietPoll)
	}
}

// flooding reports whether most of the screen is numbers, as when seq runs.
func flooding(screen string) bool {
	numbers := 0
	for line := range strings.Lines(screen) {
		line = strings.TrimSpace(line)
		if line != "" && strings.Trim(line, "0123456789") == "" {
			numbers++
		}
	}
	return numbers >= 20
}

// promptLast reports whether the last non-blank line of screen is the
// shell's prompt.
func promptLast(screen string) bool {
	lines := strings.Split(strings.TrimRight(screen, " \n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1]) == strings.TrimSpace(prompt)
}
