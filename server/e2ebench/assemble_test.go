package e2ebench

import (
	"bytes"
	"cmp"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// benchOrder is the order of the report's sections, by the first word of
// the benchmark's name; bulk kinds follow bulkKinds.
var benchOrder = []string{"emulator", "bulk", "connect", "idle", "ctrl-c", "keystroke"}

func comparePart(a, b part) int {
	rank := func(bench string) (int, int) {
		first, rest, _ := strings.Cut(bench, " ")
		i := slices.Index(benchOrder, first)
		if i < 0 {
			i = len(benchOrder)
		}
		return i, slices.Index(bulkKinds, rest)
	}
	ag, ak := rank(a.Bench)
	bg, bk := rank(b.Bench)
	return cmp.Or(cmp.Compare(ag, bg), cmp.Compare(ak, bk), strings.Compare(a.Bench, b.Bench))
}

// Rows of the emulator comparison: Roam's vt.Emulator in process against
// mosh's end-to-end bulk throughput (see method).
const (
	emulatorMetric   = "MB/s (roam: vt in process, mosh: end to end)"
	bulkThroughput   = "throughput (MB/s)"
	measuredTimeForm = "01-02 15:04"
)

// assembled is the report made from every stored part.
type assembled struct {
	markdown string
	chart    []chartRow
	subtitle string // date, machine and load, for the chart
}

// assemble reads the parts stored in dir and makes the report: one table,
// newest measurement first in the heading, and the chart's rows.
func assemble(dir string) (assembled, error) {
	parts, err := loadParts(dir)
	if err != nil {
		return assembled{}, err
	}
	if len(parts) == 0 {
		return assembled{}, fmt.Errorf("e2ebench: no results in %s", dir)
	}
	slices.SortStableFunc(parts, comparePart)
	var (
		metrics         []*metric
		notes, failures []string
		measured        = map[string]string{}
		newest          = parts[0]
		withMachine     part
		runs            = map[time.Time]bool{}
		bulkByKind      = map[string]*metric{}
		emulatorByKind  = map[string]*metric{}
	)
	for _, p := range parts {
		if p.Measured.After(newest.Measured) {
			newest = p
		}
		if p.Machine != "" && p.Measured.After(withMachine.Measured) {
			withMachine = p
		}
		runs[p.Measured] = true
		measured[p.Bench] = fmt.Sprintf("%s, %s", p.Measured.UTC().Format(measuredTimeForm), firstField(p.Load))
		for _, pm := range p.Metrics {
			m := &metric{bench: p.Bench, name: pm.Name, unit: pm.Unit, runs: pm.Runs, samples: map[pairing][]float64{}}
			for name, s := range pm.Samples {
				if pr, ok := parsePairing(name); ok {
					m.samples[pr] = s
				}
			}
			metrics = append(metrics, m)
			kind, isBulk := strings.CutPrefix(p.Bench, "bulk ")
			if isBulk && pm.Name == bulkThroughput {
				bulkByKind[kind] = m
			}
			if kind, ok := strings.CutPrefix(p.Bench, "emulator "); ok && pm.Name == emulatorMetric {
				emulatorByKind[kind] = m
			}
		}
		notes = append(notes, p.Notes...)
		failures = append(failures, p.Failures...)
	}
	// mosh's side of the emulator rows is its bulk throughput.
	for kind, m := range emulatorByKind {
		if b := bulkByKind[kind]; b != nil && len(b.samples[baseline]) > 0 {
			m.samples[baseline] = b.samples[baseline]
		}
	}

	var h strings.Builder
	fmt.Fprintf(&h, "## Roam vs mosh (%s)\n\n", newest.Measured.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&h, "Machine: %s. ", withMachine.Machine)
	if len(runs) == 1 {
		fmt.Fprintf(&h, "Load average (1, 5, 15 min) at the end of the run: %s.\n\n", newest.Load)
	} else {
		fmt.Fprintf(&h, "The rows come from %d runs: the measured column gives each run's end and its 1-minute load average then.\n\n", len(runs))
	}
	h.WriteString(method)

	return assembled{
		markdown: renderTable(h.String(), metrics, notes, failures, measured),
		chart:    chartRows(metrics),
		subtitle: fmt.Sprintf("%s, %s, load %s", newest.Measured.UTC().Format("2006-01-02 15:04 UTC"), shortMachine(withMachine.Machine), firstField(newest.Load)),
	}, nil
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return "?"
}

// shortMachine is the machine's description up to the programs' versions.
func shortMachine(m string) string {
	s, _, _ := strings.Cut(m, ";")
	return s
}

// chartRows turns the table's rows into the chart's: each pairing's ratio
// to the baseline; rows without any are left out.
func chartRows(metrics []*metric) []chartRow {
	var rows []chartRow
	for _, m := range metrics {
		row := chartRow{label: m.bench + ": " + m.name, invert: higherIsBetter(m.name)}
		base := median(m.samples[baseline])
		found := false
		for _, p := range chartPairings {
			r := nan
			if s := m.samples[p]; len(s) > 0 && base != 0 {
				r, found = median(s)/base, true
			}
			row.ratios = append(row.ratios, r)
		}
		if found {
			rows = append(rows, row)
		}
	}
	return rows
}

// higherIsBetter reports whether more of the named metric is better.
func higherIsBetter(name string) bool {
	return strings.Contains(name, "MB/s") || strings.HasPrefix(name, "shown within")
}

// publish assembles the report from the parts in dir, prints the table
// and writes it to dir/report.md, with the chart in dir/report.png.
func publish(dir string) error {
	a, err := assemble(dir)
	if err != nil {
		return err
	}
	fmt.Print("\n" + a.markdown)
	if err := writeAtomic(filepath.Join(dir, reportFile), []byte(a.markdown)); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, drawChart(a.chart, a.subtitle)); err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, chartFile), buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "e2ebench: report written to %s and %s\n", filepath.Join(dir, reportFile), filepath.Join(dir, chartFile))
	return nil
}
