//go:build unix

package tty_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// bin holds the binaries the end-to-end tests drive, built once by
// TestMain: roam, the same binary named mosh-client (so that servertest's
// ClientScript, which runs "mosh-client" from PATH, runs ours), and
// roam-server.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "roam-tty-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		if err := build(dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		bin = dir
		os.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
		return m.Run()
	}()
	os.Exit(code)
}

// build compiles roam (as roam and as mosh-client) and roam-server into
// dir.
func build(dir string) error {
	for _, b := range []struct{ out, pkg, cgo string }{
		{"roam", "github.com/roamterm/roam", "1"}, // Fyne's GL driver needs cgo
		{"roam-server", "github.com/roamterm/roam/server/cmd/roam-server", "0"},
	} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, b.out), b.pkg)
		cmd.Env = append(os.Environ(), "CGO_ENABLED="+b.cgo)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", b.pkg, err, out)
		}
	}
	return os.Link(filepath.Join(dir, "roam"), filepath.Join(dir, "mosh-client"))
}
