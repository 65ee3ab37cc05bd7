package e2ebench

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
)

// Defaults of the settings (see the package doc).
const (
	defaultReps      = 5
	defaultCtrlCReps = 9
	defaultBulkSize  = 20 << 20
	defaultIdle      = 30 * time.Second
	defaultBudget    = 18 * time.Minute
)

// bulkKinds are the workload kinds, as genworkload names them.
var bulkKinds = []string{"ascii", "utf8", "sgr", "fullscreen", "mix"}

// ctrlCLink is the Ctrl-C benchmark's link, each way: half of a 250 ms
// round trip and 1 Mbit/s.
var ctrlCLink = linktest.Impairment{Delay: 125 * time.Millisecond, RateBitsPerSec: 1_000_000}

// startError marks a failure to start a session, as opposed to one of a
// measurement: a pairing that cannot start is skipped from then on.
type startError struct{ err error }

func (e *startError) Error() string { return e.err.Error() }
func (e *startError) Unwrap() error { return e.err }

var runStart = time.Now()

// progress prints one progress line on standard error, with the time
// since the start and the machine's load (other work on the machine is the
// main source of noise).
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "e2ebench %6.1fs load %s: %s\n", time.Since(runStart).Seconds(), loadAverage(1), fmt.Sprintf(format, args...))
}

// loadAverage returns the first n load averages (1, 5 and 15 minutes), or
// "?".
func loadAverage(n int) string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= n {
		return strings.Join(f[:n], " ")
	}
	return "?"
}

// interleave runs measure reps times for each pairing, alternating the
// pairings in each round so that drift in the machine's speed affects them
// alike. A failed measurement is reported and that pairing skipped for the
// rest of bench; one that could not even start is skipped for the rest of
// the run. The first round always runs; later ones only while the run is
// within its time budget (E2E_BUDGET), so that a machine slowed down by
// other work still gets a complete, if thinner, table.
func interleave(b *testing.B, h *harness, bench string, reps int, measure func(p pairing, rep int) error) {
	budget := envDuration(b, "E2E_BUDGET", defaultBudget)
	failed := map[pairing]bool{}
	for rep := 1; rep <= reps; rep++ {
		if rep > 1 && time.Since(runStart) > budget {
			results.note(fmt.Sprintf("%s: %d of %d rounds (the run's time budget, E2E_BUDGET=%v, was spent)", bench, rep-1, reps, budget))
			progress("%s: time budget of %v spent, stopping after %d rounds", bench, budget, rep-1)
			break
		}
		for _, p := range h.pairings {
			if failed[p] || results.isBroken(p) {
				continue
			}
			err := measure(p, rep)
			if err == nil {
				continue
			}
			failed[p] = true
			if _, ok := errors.AsType[*startError](err); ok {
				results.markBroken(p, err)
			}
			results.fail(bench, p, err)
			progress("%s %v: FAILED: %v", bench, p, err)
			b.Errorf("%s, %v: %v", bench, p, err)
		}
	}
	results.reportTo(b, bench)
}

// BenchmarkBulk times bulk output per workload kind; see the package doc.
func BenchmarkBulk(b *testing.B) {
	h := loadHarness(b)
	size := envInt(b, "E2E_SIZE", defaultBulkSize)
	reps := envInt(b, "E2E_REPS", defaultReps)
	paths, err := h.workloads(size, bulkKinds...)
	if err != nil {
		b.Fatal(err)
	}
	results.note(fmt.Sprintf("bulk: %d bytes per workload (vt/internal/workload)", size))
	// Every session's connect time goes into one row, after the workloads.
	type connect struct {
		p pairing
		d time.Duration
	}
	var connects []connect
	defer func() {
		for _, c := range connects {
			results.add("connect", "server start to prompt on screen (s)", "connect-s", c.p, c.d.Seconds())
		}
	}()
	for _, kind := range bulkKinds {
		b.Run(kind, func(b *testing.B) {
			bench := "bulk " + kind
			interleave(b, h, bench, reps, func(p pairing, rep int) error {
				r, err := h.bulk(p, paths[kind], size, nil)
				if err != nil {
					return err
				}
				progress("%s rep %d/%d %v: %.2f s (%.2f MB/s), server %.2f s CPU %.1f MB RSS, client %.2f s CPU %.1f MB RSS, %.0f KB wire",
					bench, rep, reps, p, r.elapsed.Seconds(), r.throughput(size), r.serverCPU.Seconds(), mb(r.serverRSS),
					r.clientCPU.Seconds(), mb(r.clientRSS), float64(r.wire)/1e3)
				results.add(bench, "time to last line (s)", "e2e-s", p, r.elapsed.Seconds())
				results.add(bench, "throughput (MB/s)", "MB/s", p, r.throughput(size))
				results.add(bench, "server CPU (s)", "server-cpu-s", p, r.serverCPU.Seconds())
				results.add(bench, "wire server→client (KB)", "wire-KB", p, float64(r.wire)/1e3)
				results.add(bench, "server peak RSS (MB)", "server-rss-MB", p, mb(r.serverRSS))
				results.add(bench, "client CPU (s)", "client-cpu-s", p, r.clientCPU.Seconds())
				results.add(bench, "client CPU until the link is quiet (s)", "client-settled-cpu-s", p, r.settledCPU.Seconds())
				switch {
				case p.client == mosh:
					results.add(bench, noScrollbackRow, "client-noscrollback-cpu-s", p, r.settledCPU.Seconds())
				case p.server == roam:
					off, err := h.bulk(p, paths[kind], size, noScrollback)
					if err != nil {
						return err
					}
					progress("%s rep %d/%d %v, no client scrollback: client %.3f s CPU until the link is quiet", bench, rep, reps, p, off.settledCPU.Seconds())
					results.add(bench, noScrollbackRow, "client-noscrollback-cpu-s", p, off.settledCPU.Seconds())
				}
				results.add(bench, "client peak RSS (MB)", "client-rss-MB", p, mb(r.clientRSS))
				connects = append(connects, connect{p, r.connect})
				return nil
			})
		})
	}
}

// The like-for-like row of client CPU: a Roam client of roam-server
// receives the scrollback a flood leaves (10,000 lines by default), which
// mosh-client never gets. The row holds each mosh-client's figure until
// the link is quiet again (it keeps no scrollback), and for roam ↔ roam
// that of a second session whose client keeps none either
// (ROAM_HISTORY_LINES=0, so it does not ask the server for it). Roam's
// client of mosh-server, which receives no scrollback, is not run twice.
const noScrollbackRow = "client CPU until the link is quiet, no client keeping scrollback (s)"

var noScrollback = []string{"ROAM_HISTORY_LINES=0"}

// BenchmarkIdle measures every pairing's session at once at a quiet
// prompt; see the package doc.
func BenchmarkIdle(b *testing.B) {
	h := loadHarness(b)
	period := envDuration(b, "E2E_IDLE", defaultIdle)
	bench := fmt.Sprintf("idle %v", period)
	var runs []*idleRun
	for _, p := range h.pairings {
		if results.isBroken(p) {
			continue
		}
		s, err := h.start(p, linktest.Impairment{}, 2*period)
		if err != nil {
			results.markBroken(p, err)
			results.fail(bench, p, err)
			b.Errorf("%s, %v: %v", bench, p, err)
			continue
		}
		defer s.close()
		runs = append(runs, &idleRun{session: s})
	}
	progress("%s: %d sessions at a prompt, measuring", bench, len(runs))
	time.Sleep(2 * time.Second) // let the start-up traffic die down
	for _, r := range runs {
		r.err = r.before.take(r.session)
	}
	time.Sleep(period)
	for _, r := range runs {
		p := r.session.pairing
		if r.err == nil {
			r.err = r.after.take(r.session)
		}
		if r.err != nil {
			results.fail(bench, p, r.err)
			b.Errorf("%s, %v: %v", bench, p, r.err)
			continue
		}
		perSec := func(a, b uint64) float64 { return float64(b-a) / period.Seconds() }
		ms := func(a, b time.Duration) float64 { return (b - a).Seconds() * 1e3 }
		results.add(bench, "server wakeups/s", "server-wakeups/s", p, perSec(r.before.serverWakeups, r.after.serverWakeups))
		results.add(bench, "server CPU (ms)", "server-cpu-ms", p, ms(r.before.serverCPU, r.after.serverCPU))
		results.add(bench, "client wakeups/s", "client-wakeups/s", p, perSec(r.before.clientWakeups, r.after.clientWakeups))
		results.add(bench, "client CPU (ms)", "client-cpu-ms", p, ms(r.before.clientCPU, r.after.clientCPU))
		results.add(bench, "wire both ways (bytes/s)", "wire-B/s", p, perSec(r.before.wire, r.after.wire))
		progress("%s %v: server %.2f wakeups/s %.1f ms CPU, client %.2f wakeups/s %.1f ms CPU",
			bench, p, perSec(r.before.serverWakeups, r.after.serverWakeups), ms(r.before.serverCPU, r.after.serverCPU),
			perSec(r.before.clientWakeups, r.after.clientWakeups), ms(r.before.clientCPU, r.after.clientCPU))
	}
	results.reportTo(b, bench)
}

// BenchmarkCtrlC measures how long the screen keeps changing after Ctrl-C
// interrupts a flood of output on a slow link; see the package doc.
func BenchmarkCtrlC(b *testing.B) {
	h := loadHarness(b)
	reps := envInt(b, "E2E_CTRLC_REPS", defaultCtrlCReps)
	const bench = "ctrl-c"
	interleave(b, h, bench, reps, func(p pairing, rep int) error {
		quiet, err := h.ctrlC(p)
		if err != nil {
			return err
		}
		progress("%s rep %d/%d %v: quiet %.2f s after Ctrl-C", bench, rep, reps, p, quiet.Seconds())
		results.add(bench, "quiet after Ctrl-C (s)", "quiet-s", p, quiet.Seconds())
		return nil
	})
}

func mb(bytes uint64) float64 { return float64(bytes) / 1e6 }
