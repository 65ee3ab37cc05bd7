package e2ebench

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkConnectSSH times connecting through a real sshd on loopback,
// `mosh host` against `roam --tty host`, by running gui/tty's
// BenchmarkConnect (which owns that set-up: a private sshd, roam's upload
// of roam-server, typed-ahead consent) in a child `go test` and reading
// its result line. E2E_CONNECT_REPS (default 10) connects are made with
// each; the figures are their medians.
func BenchmarkConnectSSH(b *testing.B) {
	h := loadHarness(b)
	reps := envInt(b, "E2E_CONNECT_REPS", defaultConnectReps)
	progress("%s: gui/tty BenchmarkConnect, %d connects each", connectSSHBench, reps)
	cmd := exec.Command(goTool(), "test", "-count=1", "-run", "^$", "-bench", "^BenchmarkConnect$",
		fmt.Sprintf("-benchtime=%dx", reps), "-timeout", "10m", "./gui/tty")
	cmd.Dir = h.root
	out, err := cmd.CombinedOutput()
	if err != nil {
		err = fmt.Errorf("e2ebench: go test ./gui/tty: %w\n%s", err, out)
		results.fail(connectSSHBench, baseline, err)
		b.Fatal(err)
	}
	c, err := parseConnect(string(out))
	if err != nil {
		results.fail(connectSSHBench, baseline, err)
		b.Fatal(err)
	}
	for p, s := range c.seconds {
		results.add(connectSSHBench, connectSSHMetric, "connect-s", p, s)
		progress("%s %v: median %.3f s", connectSSHBench, p, s)
	}
	results.setRuns(connectSSHBench, connectSSHMetric, c.runs)
	results.note(fmt.Sprintf("%s: roam's first connect, uploading roam-server, took %.2f s", connectSSHBench, c.upload))
	results.reportTo(b, connectSSHBench)
}

const (
	defaultConnectReps = 10
	connectSSHBench    = "connect via sshd"
	connectSSHMetric   = "connect to prompt (s)"
)

// connectSSHUnits maps BenchmarkConnect's metrics (medians, in ms) to the
// pairings they time.
var connectSSHUnits = map[string]pairing{
	"mosh-ms":             {mosh, mosh},
	"roam-mosh-server-ms": {roam, mosh},
	"roam-cached-ms":      {roam, roam},
}

// connectResult is what BenchmarkConnect reported.
type connectResult struct {
	seconds map[pairing]float64 // median connect time per pairing
	runs    int                 // connects per pairing
	upload  float64             // roam's first connect, with the upload, in seconds
}

// parseConnect reads BenchmarkConnect's result line from go test's output:
// "BenchmarkConnect-2  10  … 788.5 mosh-ms  564.1 roam-cached-ms …".
func parseConnect(out string) (connectResult, error) {
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "BenchmarkConnect") {
			continue
		}
		runs, err := strconv.Atoi(f[1])
		if err != nil {
			continue // a log line that happens to start so
		}
		c := connectResult{seconds: map[pairing]float64{}, runs: runs}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return connectResult{}, fmt.Errorf("e2ebench: BenchmarkConnect: bad value %q in %q", f[i], line)
			}
			if p, ok := connectSSHUnits[f[i+1]]; ok {
				c.seconds[p] = v / 1e3
			}
			if f[i+1] == "first-upload-ms" {
				c.upload = v / 1e3
			}
		}
		if len(c.seconds) != len(connectSSHUnits) {
			return connectResult{}, fmt.Errorf("e2ebench: BenchmarkConnect: want %d connect times in %q", len(connectSSHUnits), line)
		}
		return c, nil
	}
	return connectResult{}, fmt.Errorf("e2ebench: no BenchmarkConnect result in go test's output:\n%s", out)
}
