package e2ebench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// impl names an implementation of one end of a session.
type impl string

const (
	mosh impl = "mosh"
	roam impl = "roam"
)

// A pairing is a client and a server implementation.
type pairing struct{ client, server impl }

// baseline is the pairing every other one is compared with.
var baseline = pairing{mosh, mosh}

// allPairings lists every pairing, baseline first, in table order.
var allPairings = []pairing{{mosh, mosh}, {mosh, roam}, {roam, mosh}, {roam, roam}}

// String is the pairing's short name (client-server), as E2E_PAIRINGS and
// the benchmark metric units spell it.
func (p pairing) String() string { return string(p.client) + "-" + string(p.server) }

// label is the pairing's name in the report table.
func (p pairing) label() string {
	switch {
	case p.client == p.server:
		return fmt.Sprintf("%s ↔ %s", p.client, p.server)
	case p.client == mosh:
		return "mosh-client ↔ roam-server"
	default:
		return "roam ↔ mosh-server"
	}
}

// installHint is the message for a missing mosh.
const installHint = "install it: apt-get install mosh (make deps does)"

// harness holds what every session needs, found once per test binary.
type harness struct {
	root     string          // module root
	servers  map[impl]string // server binary per implementation
	clients  map[impl]string // client binary per implementation
	pairings []pairing       // what the benchmarks measure
}

var (
	harnessOnce sync.Once
	theHarness  *harness
	harnessErr  error
)

// loadHarness finds the binaries and the pairings to measure, failing the
// test or benchmark if mosh or tmux is missing or E2E_PAIRINGS asks for a
// pairing whose binaries do not exist.
func loadHarness(tb testing.TB) *harness {
	tb.Helper()
	harnessOnce.Do(func() { theHarness, harnessErr = newHarness() })
	if harnessErr != nil {
		tb.Fatal(harnessErr)
	}
	return theHarness
}

func newHarness() (*harness, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		return nil, fmt.Errorf("e2ebench: tmux not found in PATH (install it: apt-get install tmux)")
	}
	h := &harness{root: root, servers: map[impl]string{}, clients: map[impl]string{}}
	for _, name := range []string{"mosh-server", "mosh-client"} {
		path, err := exec.LookPath(name)
		if err != nil {
			return nil, fmt.Errorf("e2ebench: %s not found in PATH (%s)", name, installHint)
		}
		if name == "mosh-server" {
			h.servers[mosh] = path
		} else {
			h.clients[mosh] = path
		}
	}
	h.servers[roam] = envOr("E2E_ROAM_SERVER", filepath.Join(root, "bin", "roam-server"))
	h.clients[roam] = envOr("E2E_ROAM_CLIENT", filepath.Join(root, "bin", "roam"))

	available := func(p pairing) bool {
		return isExecutable(h.servers[p.server]) && isExecutable(h.clients[p.client])
	}
	want := os.Getenv("E2E_PAIRINGS")
	if want == "" {
		for _, p := range allPairings {
			if available(p) {
				h.pairings = append(h.pairings, p)
			}
		}
		return h, nil
	}
	for _, name := range strings.Split(want, ",") {
		p, ok := parsePairing(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("e2ebench: E2E_PAIRINGS: unknown pairing %q (want mosh-mosh, mosh-roam, roam-mosh or roam-roam)", name)
		}
		if !available(p) {
			return nil, fmt.Errorf("e2ebench: E2E_PAIRINGS: %v needs %s and %s (run make build, or set E2E_ROAM_SERVER/E2E_ROAM_CLIENT)", p, h.servers[p.server], h.clients[p.client])
		}
		h.pairings = append(h.pairings, p)
	}
	return h, nil
}

func parsePairing(s string) (pairing, bool) {
	for _, p := range allPairings {
		if p.String() == s {
			return p, true
		}
	}
	return pairing{}, false
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("e2ebench: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("e2ebench: no go.mod above the working directory")
		}
		dir = parent
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// envInt reads a positive integer setting, or returns def.
func envInt(tb testing.TB, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		tb.Fatalf("e2ebench: %s=%q: want a positive integer", name, v)
	}
	return n
}

// envDuration reads a positive duration setting, or returns def.
func envDuration(tb testing.TB, name string, def time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		tb.Fatalf("e2ebench: %s=%q: want a positive duration such as 30s", name, v)
	}
	return d
}

// workloads makes sure the bulk workloads of the given size are in the
// benchmark cache (bench-data/) and returns their paths by kind name. The
// workload package is internal to vt/, so its genworkload command does the
// work; it prints the path of each file it provides.
func (h *harness) workloads(size int, kinds ...string) (map[string]string, error) {
	args := []string{"run", "./vt/internal/workload/cmd/genworkload", "-size", strconv.Itoa(size)}
	if len(kinds) == 1 {
		args = append(args, "-kind", kinds[0])
	}
	cmd := exec.Command(goTool(), args...)
	cmd.Dir = h.root
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("e2ebench: genworkload: %w%s", err, stderrOf(err))
	}
	paths := map[string]string{}
	for _, path := range strings.Fields(string(out)) {
		kind, _, _ := strings.Cut(filepath.Base(path), "-")
		paths[kind] = path
	}
	for _, k := range kinds {
		if paths[k] == "" {
			return nil, fmt.Errorf("e2ebench: genworkload made no %s workload (got %q)", k, out)
		}
	}
	return paths, nil
}

// writeWorkload writes one workload of the given kind and size to path,
// outside the cache (for the smoke test).
func (h *harness) writeWorkload(kind string, size int, path string) error {
	cmd := exec.Command(goTool(), "run", "./vt/internal/workload/cmd/genworkload",
		"-size", strconv.Itoa(size), "-kind", kind, "-o", path)
	cmd.Dir = h.root
	if _, err := cmd.Output(); err != nil {
		return fmt.Errorf("e2ebench: genworkload: %w%s", err, stderrOf(err))
	}
	return nil
}

func goTool() string {
	if path, err := exec.LookPath("go"); err == nil {
		return path
	}
	return "/usr/local/go/bin/go"
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
		return ": " + strings.TrimSpace(string(ee.Stderr))
	}
	return ""
}
