package interop

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

// roamServer is the roam-server binary TestMain builds.
var roamServer string

// minParallel is how many tests run at once unless -test.parallel says
// otherwise. The tests mostly wait on other processes (tmux, mosh-client,
// the server) and on the clock, so more of them than there are CPUs fit.
const minParallel = 6

func TestMain(m *testing.M) {
	flag.Parse()
	servertest.RaiseParallel(minParallel)
	dir, err := os.MkdirTemp("", "roam-interop-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	roamServer, err = servertest.Build(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// needTools fails the test if a program the package drives is missing.
func needTools(t *testing.T) {
	t.Helper()
	for _, tool := range []struct{ name, hint string }{
		{"tmux", vttest.TmuxInstallHint},
		{"mosh-client", servertest.MoshInstallHint},
		{"mosh", servertest.MoshInstallHint},
	} {
		if _, err := exec.LookPath(tool.name); err != nil {
			t.Fatal(tool.hint)
		}
	}
}
