package e2ebench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/server/servertest"
)

// TestSmoke runs one bulk measurement, mosh-client ↔ mosh-server on a
// 200 KB workload, to prove the harness works: the session starts, the key
// stays off command lines, the marker arrives, every counter reads, and
// closing the session ends the server.
func TestSmoke(t *testing.T) {
	h := loadHarness(t)
	const size = 200 << 10
	file := filepath.Join(t.TempDir(), "ascii.vt")
	if err := h.writeWorkload("ascii", size, file); err != nil {
		t.Fatal(err)
	}
	s, err := h.start(baseline, linktest.Impairment{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)

	key, err := os.ReadFile(filepath.Join(s.dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	key = bytes.TrimSpace(key)
	for _, pid := range []int{s.server, s.client} {
		cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(cmdline, key) {
			t.Errorf("session key on the command line of pid %d: %q", pid, bytes.ReplaceAll(cmdline, key, []byte("KEY")))
		}
	}

	r, err := s.bulk(file, size)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("200 KB: %v, server %v CPU %.1f MB RSS, client %v CPU %.1f MB RSS, %d bytes on the wire",
		r.elapsed, r.serverCPU, mb(r.serverRSS), r.clientCPU, mb(r.clientRSS), r.wire)
	if r.elapsed <= 0 || r.elapsed > time.Minute {
		t.Errorf("elapsed %v, want between 0 and a minute", r.elapsed)
	}
	// The screen's final state alone takes hundreds of bytes; the whole
	// workload uncompressed is the most that could be needed (mosh sends
	// only screen states, far less).
	if r.wire < 200 || r.wire > 4*size {
		t.Errorf("%d bytes server→client, want between 200 and %d", r.wire, 4*size)
	}
	for name, rss := range map[string]uint64{"server": r.serverRSS, "client": r.clientRSS} {
		if rss < 1e6 || rss > 1e9 {
			t.Errorf("%s peak RSS %d bytes, want between 1 MB and 1 GB", name, rss)
		}
	}
	if r.serverCPU < 0 || r.clientCPU < 0 {
		t.Errorf("negative CPU time: server %v, client %v", r.serverCPU, r.clientCPU)
	}
	before, err := wakeups(s.server)
	if err != nil || before == 0 {
		t.Errorf("server wakeups %d, %v; want a positive count", before, err)
	}
	if cpu, err := preciseCPU(s.server); err != nil || cpu <= 0 {
		t.Errorf("server schedstat CPU %v, %v; want a positive time", cpu, err)
	}

	server := s.server
	s.close()
	if servertest.Alive(server) {
		t.Errorf("server %d still running after the session closed", server)
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{0.004123, "0.00412"},
		{0.4, "0.400"},
		{0.9999, "1.000"},
		{5.678, "5.68"},
		{14.83, "14.8"},
		{745.4, "745"},
	} {
		if got := formatValue(tc.in); got != tc.want {
			t.Errorf("formatValue(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestMarkdown checks the table's shape: one column per measured pairing,
// ratios to the baseline, sample counts where a pairing has fewer, and
// failures listed below.
func TestMarkdown(t *testing.T) {
	r := &report{broken: map[pairing]error{}}
	mr := pairing{mosh, roam}
	for _, v := range []float64{4, 6, 5} {
		r.add("bulk ascii", "time (s)", "e2e-s", baseline, v)
	}
	r.add("bulk ascii", "time (s)", "e2e-s", mr, 1)
	r.add("bulk ascii", "time (s)", "e2e-s", mr, 2)
	r.fail("bulk ascii", mr, fmt.Errorf("marker not on the screen\nlast screen"))
	r.note("bulk ascii: 2 of 3 rounds")
	got := r.markdown("# H\n\n")
	want := "# H\n\n" +
		"| benchmark | metric | runs | mosh ↔ mosh | mosh-client ↔ roam-server | ratio |\n" +
		"| --- | --- | ---: | ---: | ---: | ---: |\n" +
		"| bulk ascii | time (s) | 3 | 5.00 | 1.50 (n=2) | 0.30× |\n" +
		"\nNotes:\n\n" +
		"- bulk ascii: 2 of 3 rounds\n" +
		"\nFailures:\n\n" +
		"- bulk ascii, mosh-client ↔ roam-server: marker not on the screen last screen\n"
	if got != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "roam ↔ roam") {
		t.Error("table has a column for a pairing never measured")
	}
}
