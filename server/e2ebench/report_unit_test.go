package e2ebench

import (
	"bytes"
	"errors"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	roamMosh = pairing{roam, mosh}
	roamRoam = pairing{roam, roam}
)

// TestPartialRunKeepsRows stores a full run, then a run of one benchmark,
// and checks that the report still has every row, the new figures
// replacing the old ones of that benchmark only, each with its time.
func TestPartialRunKeepsRows(t *testing.T) {
	dir := t.TempDir()
	t1 := time.Date(2026, 11, 24, 7, 0, 0, 0, time.UTC)
	full := &report{broken: map[pairing]error{}}
	for _, p := range allPairings {
		second := 2.0
		if p == roamRoam {
			second = 1
		}
		full.add("bulk ascii", "time to last line (s)", "e2e-s", p, 2)
		full.add("bulk ascii", "time to last line (s)", "e2e-s", p, second)
		full.add("idle 30s", "server wakeups/s", "server-wakeups/s", p, 1)
	}
	full.note("bulk: 1000 bytes per workload")
	full.note("a remark for every part")
	full.fail("idle 30s", roamMosh, errors.New("old failure"))
	for _, p := range full.parts(t1, "Test CPU, 2 CPUs", "6.61 7.07 7.16") {
		if err := savePart(dir, p); err != nil {
			t.Fatal(err)
		}
	}

	a, err := assemble(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## Roam vs mosh (2026-11-24 07:00 UTC)",
		"Machine: Test CPU, 2 CPUs. Load average (1, 5, 15 min) at the end of the run: 6.61 7.07 7.16.",
		"| bulk ascii | time to last line (s) | 2 | 2.00 | 2.00 | 1.00× | 2.00 | 1.00× | 1.50 | 0.75× |",
		"- bulk: 1000 bytes per workload\n- a remark for every part\n", // each note once
		"- idle 30s, roam ↔ mosh-server: old failure",
	} {
		if !strings.Contains(a.markdown, want) {
			t.Errorf("full run's report lacks %q:\n%s", want, a.markdown)
		}
	}
	if strings.Contains(a.markdown, "measured (UTC") {
		t.Errorf("one run's report has a measured column:\n%s", a.markdown)
	}

	t2 := t1.Add(time.Hour)
	partial := &report{broken: map[pairing]error{}}
	for _, p := range allPairings {
		partial.add("idle 30s", "server wakeups/s", "server-wakeups/s", p, 3)
	}
	for _, p := range partial.parts(t2, "Test CPU, 2 CPUs", "1.00 2.00 3.00") {
		if err := savePart(dir, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := publish(dir); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(dir, reportFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## Roam vs mosh (2026-11-24 08:00 UTC)",
		"The rows come from 2 runs",
		"| bulk ascii | time to last line (s) | 2 | 11-24 07:00, 6.61 | 2.00 |",
		"| idle 30s | server wakeups/s | 1 | 11-24 08:00, 1.00 | 3.00 |",
		"- bulk: 1000 bytes per workload",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report after a partial run lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(string(md), "old failure") {
		t.Errorf("the idle benchmark's old failure outlived its rerun:\n%s", md)
	}
	f, err := os.Open(filepath.Join(dir, chartFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Size(), chartSize(2); got != want {
		t.Errorf("report.png is %v, want %v (two rows)", got, want)
	}
}

// TestAssembleJoins checks the rows made from other figures than the
// e2ebench sessions': the emulator rows, whose mosh side is mosh's bulk
// throughput, and gui/tty's connect benchmark, read from its output.
func TestAssembleJoins(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 24, 7, 0, 0, 0, time.UTC)
	r := &report{broken: map[pairing]error{}}
	r.add("bulk ascii", bulkThroughput, "MB/s", baseline, 2.5)
	for _, v := range []float64{50, 40, 45} {
		r.add("emulator ascii", emulatorMetric, "MB/s", roamRoam, v)
	}
	c, err := parseConnect("goos: linux\n" +
		"BenchmarkConnect-2   \t       5\t2189975094 ns/op\t      1137 first-upload-ms\t       788.5 mosh-ms\t       564.1 roam-cached-ms\t       577.6 roam-mosh-server-ms\t         0.7155 roam/mosh\n" +
		"--- BENCH: BenchmarkConnect-2\n    e2e_ssh_bench_test.go:120: roam-cached       median    561 ms\nPASS\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.runs != 5 || c.upload != 1.137 {
		t.Errorf("parseConnect: %d runs, upload %v s; want 5 and 1.137", c.runs, c.upload)
	}
	for p, s := range c.seconds {
		r.add(connectSSHBench, connectSSHMetric, "connect-s", p, s)
	}
	r.setRuns(connectSSHBench, connectSSHMetric, c.runs)
	for _, p := range r.parts(at, "Test CPU, 2 CPUs", "1.00 1.00 1.00") {
		if err := savePart(dir, p); err != nil {
			t.Fatal(err)
		}
	}
	a, err := assemble(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| emulator ascii | " + emulatorMetric + " | 3 | 2.50 (n=1) | — | — | 45.0 | 18.00× |",
		"| connect via sshd | " + connectSSHMetric + " | 5 | 0.788 | 0.578 | 0.73× | 0.564 | 0.72× |",
	} {
		if !strings.Contains(a.markdown, want) {
			t.Errorf("report lacks %q:\n%s", want, a.markdown)
		}
	}
	// Sections in report order: emulator, bulk, connect.
	e, b, cn := strings.Index(a.markdown, "| emulator"), strings.Index(a.markdown, "| bulk"), strings.Index(a.markdown, "| connect")
	if !(e < b && b < cn) {
		t.Errorf("sections out of order (emulator at %d, bulk at %d, connect at %d):\n%s", e, b, cn, a.markdown)
	}
	if len(a.chart) != 2 {
		t.Errorf("%d chart rows, want 2 (emulator and connect; bulk has no ratio)", len(a.chart))
	}
}

func TestParseConnectErrors(t *testing.T) {
	for _, out := range []string{
		"FAIL\tgithub.com/roamterm/roam/gui/tty\n",
		"BenchmarkConnect-2 5 100 ns/op 788.5 mosh-ms\n", // roam's times missing
		"BenchmarkConnect-2 5 100 ns/op x mosh-ms 1 roam-cached-ms 2 roam-mosh-server-ms\n",
	} {
		if c, err := parseConnect(out); err == nil {
			t.Errorf("parseConnect(%q) = %+v, want an error", out, c)
		}
	}
}

// TestChart draws a chart and checks that it decodes at the expected size
// and that every measured ratio has a bar of its pairing's colour in its
// row, on the side of 1× that its ratio says (left is better), and that
// an unmeasured one has none.
func TestChart(t *testing.T) {
	rows := []chartRow{
		{label: "bulk ascii: time to last line (s)", ratios: []float64{0.25, 1.4, 1}},
		{label: "emulator ascii: MB/s (roam: vt.Emulator in process; mosh: end to end)", invert: true, ratios: []float64{nan, nan, 20}},
		{label: "idle 30s: server wakeups/s", ratios: []float64{10, 1000, 1e-6}}, // beyond the scale
		{label: "ctrl-c: quiet after Ctrl-C (s) ↔ ×", ratios: []float64{0.83, nan, 1.03}},
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, drawChart(rows, "2026-11-24 07:00 UTC, Test CPU, load 6.6")); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Size(), chartSize(len(rows)); got != want {
		t.Fatalf("chart is %v, want %v", got, want)
	}
	mid := (chartLabelWidth + chartWidth - chartMargin) / 2
	for i, r := range rows {
		for k, c := range chartColors {
			y0, y1 := barBand(i, k)
			leftOf, rightOf := 0, 0
			for y := y0; y < y1; y++ {
				for x := 0; x < chartWidth; x++ {
					if img.At(x, y) != c {
						continue
					}
					if x < mid-1 {
						leftOf++
					} else if x > mid+1 {
						rightOf++
					}
				}
			}
			v, ok := r.plotted(k)
			switch {
			case !ok && leftOf+rightOf > 0:
				t.Errorf("row %d, %v: %d pixels of a bar for no figure", i, chartPairings[k], leftOf+rightOf)
			case ok && v < 0.9 && (leftOf == 0 || rightOf > 0):
				t.Errorf("row %d, %v: ratio %v drawn with %d pixels left and %d right of 1×, want left only", i, chartPairings[k], v, leftOf, rightOf)
			case ok && v > 1.1 && (rightOf == 0 || leftOf > 0):
				t.Errorf("row %d, %v: ratio %v drawn with %d pixels left and %d right of 1×, want right only", i, chartPairings[k], v, leftOf, rightOf)
			case ok && math.Abs(v-1) < 0.1 && img.At(mid, y0) != c:
				t.Errorf("row %d, %v: ratio %v has no bar at 1×", i, chartPairings[k], v)
			}
		}
	}
	// The clipped bars stop inside the image.
	if y0, _ := barBand(2, 1); img.At(chartWidth-chartMargin-1, y0) != chartColors[1] {
		t.Errorf("the clipped bar does not reach the scale's edge")
	}
}

func TestPartFile(t *testing.T) {
	for bench, want := range map[string]string{
		"bulk ascii":          "bulk-ascii.json",
		"bulk utf8":           "bulk-utf8.json",
		"idle 30s":            "idle.json",
		"keystroke 500ms RTT": "keystroke-rtt.json",
		"ctrl-c":              "ctrl-c.json",
		"connect via sshd":    "connect-via-sshd.json",
	} {
		if got := partFile(bench); got != want {
			t.Errorf("partFile(%q) = %q, want %q", bench, got, want)
		}
	}
}
