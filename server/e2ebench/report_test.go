package e2ebench

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// A metric is one row of the report: a quantity measured for each pairing.
type metric struct {
	bench   string // "bulk ascii", "idle 30s", "ctrl-c"
	name    string // row label, with its unit: "time to last line (s)"
	unit    string // b.ReportMetric unit, without spaces: "e2e-s"
	samples map[pairing][]float64
}

// report collects what the benchmarks measure, for the table TestMain
// prints at the end of the run.
type report struct {
	mu       sync.Mutex
	metrics  []*metric
	failures []string
	notes    []string
	broken   map[pairing]error // pairings that could not start a session
}

// results is the run's report. Only benchmarks add to it, so a plain test
// run writes no table.
var results = &report{broken: map[pairing]error{}}

// add records one sample of a metric.
func (r *report) add(bench, name, unit string, p pairing, v float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := slices.IndexFunc(r.metrics, func(m *metric) bool { return m.bench == bench && m.name == name })
	if i < 0 {
		r.metrics = append(r.metrics, &metric{bench: bench, name: name, unit: unit, samples: map[pairing][]float64{}})
		i = len(r.metrics) - 1
	}
	m := r.metrics[i]
	m.samples[p] = append(m.samples[p], v)
}

// fail records a failed measurement.
func (r *report) fail(bench string, p pairing, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, fmt.Sprintf("%s, %s: %v", bench, p.label(), err))
}

// note records a remark for the report, such as a benchmark cut short.
func (r *report) note(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.notes = append(r.notes, s)
}

// markBroken records that p cannot start a session, so that later
// benchmarks skip it instead of waiting for the same timeouts again.
func (r *report) markBroken(p pairing, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.broken[p] = err
}

func (r *report) isBroken(p pairing) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.broken[p] != nil
}

// reportTo reports the medians of bench's metrics to b.
func (r *report) reportTo(b *testing.B, bench string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, m := range r.metrics {
		if m.bench != bench {
			continue
		}
		for p, s := range m.samples {
			b.ReportMetric(median(s), m.unit+":"+p.String())
		}
	}
}

func (r *report) empty() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.metrics) == 0 && len(r.failures) == 0 && len(r.notes) == 0
}

// median returns the median of s (the mean of the middle two for an even
// count), or 0 for none.
func median(s []float64) float64 {
	if len(s) == 0 {
		return 0
	}
	s = slices.Sorted(slices.Values(s))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// formatValue prints a value with about three significant digits.
func formatValue(v float64) string {
	switch a := max(v, -v); {
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	case a == 0:
		return "0"
	default: // three significant digits, trailing zeros kept
		return fmt.Sprintf("%.*f", 2-int(math.Floor(math.Log10(a))), v)
	}
}

// markdown renders the report as one table: per benchmark and metric the
// median for each pairing that was measured, and for each pairing but the
// baseline, its ratio to the baseline's median. A cell with fewer samples
// than another in its row (a failed run) says how many it has.
func (r *report) markdown(header string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var present []pairing
	for _, p := range allPairings {
		if slices.ContainsFunc(r.metrics, func(m *metric) bool { return len(m.samples[p]) > 0 }) {
			present = append(present, p)
		}
	}
	var sb strings.Builder
	sb.WriteString(header)
	sb.WriteString("| benchmark | metric | runs |")
	for _, p := range present {
		fmt.Fprintf(&sb, " %s |", p.label())
		if p != baseline {
			sb.WriteString(" ratio |")
		}
	}
	sb.WriteString("\n| --- | --- | ---: |")
	for _, p := range present {
		sb.WriteString(" ---: |")
		if p != baseline {
			sb.WriteString(" ---: |")
		}
	}
	sb.WriteString("\n")
	for _, m := range r.metrics {
		base := m.samples[baseline]
		most := 0
		for _, s := range m.samples {
			most = max(most, len(s))
		}
		fmt.Fprintf(&sb, "| %s | %s | %d |", m.bench, m.name, most)
		for _, p := range present {
			s := m.samples[p]
			switch {
			case len(s) == 0:
				sb.WriteString(" — |")
			case len(s) < most:
				fmt.Fprintf(&sb, " %s (n=%d) |", formatValue(median(s)), len(s))
			default:
				fmt.Fprintf(&sb, " %s |", formatValue(median(s)))
			}
			if p == baseline {
				continue
			}
			if len(s) == 0 || len(base) == 0 || median(base) == 0 {
				sb.WriteString(" — |")
			} else {
				fmt.Fprintf(&sb, " %.2f× |", median(s)/median(base))
			}
		}
		sb.WriteString("\n")
	}
	if len(r.notes) > 0 {
		sb.WriteString("\nNotes:\n\n")
		for _, n := range r.notes {
			fmt.Fprintf(&sb, "- %s\n", n)
		}
	}
	if len(r.failures) > 0 {
		sb.WriteString("\nFailures:\n\n")
		for _, f := range r.failures {
			fmt.Fprintf(&sb, "- %s\n", strings.ReplaceAll(f, "\n", " "))
		}
	}
	return sb.String()
}

// header describes the run: when, where, with what, and how.
func header() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "## Roam vs mosh, end to end (%s)\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&sb, "Machine: %s, %d CPUs, Linux %s, load average at the end %s; %s; %s; %s.\n\n",
		cpuModel(), runtime.NumCPU(), firstLine(os.ReadFile("/proc/sys/kernel/osrelease")),
		loadAverage(3),
		firstLine(exec.Command("mosh-server", "--version").Output()), firstLine(exec.Command("tmux", "-V").Output()),
		runtime.Version())
	sb.WriteString("Medians of `runs` runs per pairing, pairings alternated in each round; ratio = pairing ÷ mosh ↔ mosh " +
		"(below 1 is better for every metric but MB/s). Run-to-run noise on this machine is up to ±40 %. " +
		"Bulk: `cat` of a workload in an 80×24 tmux pane, timed from Enter to the marker line on the client's screen; " +
		"wire = UDP payload server→client. Idle: all sessions at once at a quiet prompt. " +
		"Ctrl-C: 250 ms RTT, 1 Mbit/s each way, `seq` flooding, time until the screen is unchanged for 200 ms with the prompt back.\n\n")
	return sb.String()
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for line := range strings.Lines(string(b)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func firstLine(b []byte, err error) string {
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return line
}

// write prints the table and stores it in bench-results/e2e.md.
func (r *report) write() error {
	md := r.markdown(header())
	fmt.Print("\n" + md)
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir := filepath.Join(root, "bench-results")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	path := filepath.Join(dir, "e2e.md")
	if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	fmt.Fprintf(os.Stderr, "e2ebench: table written to %s\n", path)
	return nil
}

// TestMain runs the tests and benchmarks, then writes the report if any
// benchmark added to it.
func TestMain(m *testing.M) {
	code := m.Run()
	if !results.empty() {
		if err := results.write(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}
