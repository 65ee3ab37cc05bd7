package e2ebench

// The report is assembled from parts: each benchmark ("bulk ascii",
// "idle 30s", "ctrl-c", …) stores its latest figures in its own file under
// bench-results/parts/, so that a run of some benchmarks (-bench Idle)
// replaces their rows and leaves the others' alone, each row saying when
// it was measured.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A part is one benchmark's figures from one run.
type part struct {
	Bench    string       `json:"bench"`
	Measured time.Time    `json:"measured"` // the end of the run
	Load     string       `json:"load"`     // load averages (1, 5, 15 minutes) then
	Machine  string       `json:"machine"`
	Metrics  []partMetric `json:"metrics"`
	Notes    []string     `json:"notes,omitempty"`
	Failures []string     `json:"failures,omitempty"`
}

// A partMetric is one metric of a part, its samples keyed by pairing
// (pairing.String: "mosh-roam").
type partMetric struct {
	Name    string               `json:"name"`
	Unit    string               `json:"unit"`
	Runs    int                  `json:"runs,omitempty"`
	Samples map[string][]float64 `json:"samples"`
}

// Where the results go, under the module root.
const (
	resultsSubdir = "bench-results"
	partsSubdir   = "parts"
	reportFile    = "report.md"
	chartFile     = "report.png"
)

func resultsDir() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, resultsSubdir), nil
}

// parts splits the run's results into one part per benchmark. A note goes
// with the benchmarks it names (see note); one that names none goes with
// every part.
func (r *report) parts(at time.Time, machine, load string) []part {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*part
	get := func(bench string) *part {
		for _, p := range out {
			if p.Bench == bench {
				return p
			}
		}
		out = append(out, &part{Bench: bench, Measured: at.UTC(), Load: load, Machine: machine})
		return out[len(out)-1]
	}
	for _, m := range r.metrics {
		pm := partMetric{Name: m.name, Unit: m.unit, Runs: m.runs, Samples: map[string][]float64{}}
		for p, s := range m.samples {
			pm.Samples[p.String()] = s
		}
		get(m.bench).Metrics = append(get(m.bench).Metrics, pm)
	}
	for _, f := range r.failures {
		get(f.bench).Failures = append(get(f.bench).Failures, f.text)
	}
	for _, n := range r.notes {
		named, _, _ := strings.Cut(n, ":")
		var owners []*part
		for _, p := range out {
			if p.Bench == named || strings.HasPrefix(p.Bench, named+" ") {
				owners = append(owners, p)
			}
		}
		if len(owners) == 0 {
			owners = out
		}
		for _, p := range owners {
			p.Notes = append(p.Notes, n)
		}
	}
	parts := make([]part, len(out))
	for i, p := range out {
		parts[i] = *p
	}
	return parts
}

// partFile is the file name of bench's part: "bulk ascii" →
// bulk-ascii.json. Words that start with a digit, which are settings
// ("idle 30s"), are left out, so that a rerun with other settings replaces
// the part.
func partFile(bench string) string {
	var words []string
	for _, w := range strings.Fields(strings.ToLower(bench)) {
		if w[0] < '0' || w[0] > '9' {
			words = append(words, w)
		}
	}
	return strings.Join(words, "-") + ".json"
}

// savePart writes p to dir/parts/, replacing the benchmark's previous part
// at once (through a rename, so that an interrupted write leaves the old).
func savePart(dir string, p part) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	return writeAtomic(filepath.Join(dir, partsSubdir, partFile(p.Bench)), append(b, '\n'))
}

// writeAtomic writes data to path through a temporary file and a rename,
// making path's directory if need be.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	return nil
}

// loadParts reads every part in dir/parts/.
func loadParts(dir string) ([]part, error) {
	files, err := filepath.Glob(filepath.Join(dir, partsSubdir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("e2ebench: %w", err)
	}
	var parts []part
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("e2ebench: %w", err)
		}
		var p part
		if err := json.Unmarshal(b, &p); err != nil {
			return nil, fmt.Errorf("e2ebench: %s: %w", f, err)
		}
		parts = append(parts, p)
	}
	return parts, nil
}
