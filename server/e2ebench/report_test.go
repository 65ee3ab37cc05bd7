package e2ebench

import (
	"fmt"
	"math"
	"os"
	"os/exec"
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
	runs    int    // runs behind each figure when the samples are medians already; 0: count the samples
	samples map[pairing][]float64
}

// A failure is a failed measurement, kept with its benchmark so that it
// is stored with that benchmark's rows.
type failure struct{ bench, text string }

// report collects what the benchmarks measure, for the table TestMain
// prints at the end of the run.
type report struct {
	mu       sync.Mutex
	metrics  []*metric
	failures []failure
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

// setRuns records that each sample of a metric is already the median of
// n runs (measured elsewhere).
func (r *report) setRuns(bench, name string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, m := range r.metrics {
		if m.bench == bench && m.name == name {
			m.runs = n
		}
	}
}

// fail records a failed measurement.
func (r *report) fail(bench string, p pairing, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, failure{bench, fmt.Sprintf("%s, %s: %v", bench, p.label(), err)})
}

// note records a remark for the report, such as a benchmark cut short. A
// note that starts with a benchmark's name, or the first word of it, and a
// colon ("bulk: …", "ctrl-c: …") is stored with that benchmark's rows.
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

// markdown renders the run's report as one table (see renderTable).
func (r *report) markdown(header string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	failures := make([]string, len(r.failures))
	for i, f := range r.failures {
		failures[i] = f.text
	}
	return renderTable(header, r.metrics, r.notes, failures, nil)
}

// renderTable renders metrics as one table: per benchmark and metric the
// median for each pairing that was measured, and for each pairing but the
// baseline, its ratio to the baseline's median. A cell with fewer samples
// than another in its row (a failed run) says how many it has. measured
// says, per benchmark, when and under what load it was measured; the
// table has a column for it only when the rows come from different runs.
// Notes (each once) and failures follow the table.
func renderTable(header string, metrics []*metric, notes, failures []string, measured map[string]string) string {
	var present []pairing
	for _, p := range allPairings {
		if slices.ContainsFunc(metrics, func(m *metric) bool { return len(m.samples[p]) > 0 }) {
			present = append(present, p)
		}
	}
	whenColumn := slices.ContainsFunc(metrics, func(m *metric) bool {
		return measured[m.bench] != measured[metrics[0].bench]
	})
	var sb strings.Builder
	sb.WriteString(header)
	sb.WriteString("| benchmark | metric | runs |")
	if whenColumn {
		sb.WriteString(" measured (UTC, load) |")
	}
	for _, p := range present {
		fmt.Fprintf(&sb, " %s |", p.label())
		if p != baseline {
			sb.WriteString(" ratio |")
		}
	}
	sb.WriteString("\n| --- | --- | ---: |")
	if whenColumn {
		sb.WriteString(" --- |")
	}
	for _, p := range present {
		sb.WriteString(" ---: |")
		if p != baseline {
			sb.WriteString(" ---: |")
		}
	}
	sb.WriteString("\n")
	for _, m := range metrics {
		base := m.samples[baseline]
		most := 0
		for _, s := range m.samples {
			most = max(most, len(s))
		}
		fmt.Fprintf(&sb, "| %s | %s | %d |", m.bench, m.name, max(most, m.runs))
		if whenColumn {
			fmt.Fprintf(&sb, " %s |", measured[m.bench])
		}
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
	if notes = uniq(notes); len(notes) > 0 {
		sb.WriteString("\nNotes:\n\n")
		for _, n := range notes {
			fmt.Fprintf(&sb, "- %s\n", n)
		}
	}
	if len(failures) > 0 {
		sb.WriteString("\nFailures:\n\n")
		for _, f := range failures {
			fmt.Fprintf(&sb, "- %s\n", strings.ReplaceAll(f, "\n", " "))
		}
	}
	return sb.String()
}

// uniq returns s without repeats, in the order of first appearance.
func uniq(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// method explains the table's rows, under its heading.
const method = "Medians of `runs` runs per pairing, pairings alternated in each round; ratio = pairing ÷ mosh ↔ mosh " +
	"(below 1 is better for every metric but MB/s and \"shown within 5 ms\"). Run-to-run noise on this machine is up to ±40 %. " +
	"Emulator: Roam's `vt.Emulator` (80×24) fed each bulk workload in 4 KB writes inside the benchmark process (roam ↔ roam column), " +
	"against mosh's bulk throughput end to end (mosh ↔ mosh column; mosh's emulator cannot be timed apart from outside it), " +
	"so that ratio flatters Roam. " +
	"Bulk: `cat` of a workload in an 80×24 tmux pane, timed from Enter to the marker line on the client's screen; " +
	"wire = UDP payload server→client. Connect: server start to the prompt on the client's screen, without SSH (every bulk session). " +
	"Connect via sshd: `mosh host` and `roam --tty host` to the prompt through a real sshd on loopback (gui/tty BenchmarkConnect; " +
	"roam ↔ roam is roam with its cached roam-server; mosh-client ↔ roam-server is not measured there). " +
	"Idle: all sessions at once at a quiet prompt. " +
	"Ctrl-C: 250 ms RTT, 1 Mbit/s each way, `seq` flooding, time until the screen is unchanged for 200 ms with the prompt back. " +
	"Keystroke: a typing trace replayed into every client at once at 500 ms RTT; shown within 5 ms = share of echoed keystrokes " +
	"on the client's screen within 5 ms of the key, mispredicted = share of printable keystrokes whose prediction was taken back.\n\n"

// machine describes the machine and the programs measured (the load is
// recorded apart, per run).
func machine() string {
	return fmt.Sprintf("%s, %d CPUs, Linux %s; %s; %s; %s",
		cpuModel(), runtime.NumCPU(), firstLine(os.ReadFile("/proc/sys/kernel/osrelease")),
		firstLine(exec.Command("mosh-server", "--version").Output()), firstLine(exec.Command("tmux", "-V").Output()),
		runtime.Version())
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

// TestMain runs the tests and benchmarks. If any benchmark added to the
// report, it stores the run's parts in bench-results/parts/ and publishes
// the report assembled from every part there (see publish).
func TestMain(m *testing.M) {
	code := m.Run()
	if !results.empty() {
		if err := results.store(time.Now()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// store saves the run's parts and publishes the report.
func (r *report) store(now time.Time) error {
	dir, err := resultsDir()
	if err != nil {
		return err
	}
	for _, p := range r.parts(now, machine(), loadAverage(3)) {
		if err := savePart(dir, p); err != nil {
			return err
		}
	}
	return publish(dir)
}
