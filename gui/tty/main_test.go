//go:build unix

package tty_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// bin holds the binaries the end-to-end tests drive, built once by
// TestMain: roam, the same binary named mosh-client (so that servertest's
// ClientScript, which runs "mosh-client" from PATH, runs ours), and
// roam-server.
var bin string

// testVersion is the version roam is built with: it names the cache
// directory of uploaded servers on a host, so that no test finds a cache
// left by another run, and TestMain removes it from this user's home.
var testVersion = fmt.Sprintf("test-%d-%d", os.Getpid(), time.Now().UnixNano())

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "roam-tty-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		if home, err := os.UserHomeDir(); err == nil {
			defer os.RemoveAll(filepath.Join(home, ".cache", "roam", testVersion))
		}
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

// build compiles roam-server and roam (as roam and as mosh-client) into
// dir. roam is linked to upload that roam-server rather than its bundled
// ones (which a tree without `make bundle` lacks), and with testVersion.
func build(dir string) error {
	ldflags := "-X github.com/roamterm/roam/gui/tty.serverOverride=" + filepath.Join(dir, "roam-server") +
		" -X github.com/roamterm/roam/server/version.Version=" + testVersion
	for _, b := range []struct{ out, pkg, cgo, ldflags string }{
		{"roam-server", "github.com/roamterm/roam/server/cmd/roam-server", "0", ""},
		{"roam", "github.com/roamterm/roam", "1", ldflags}, // Fyne's GL driver needs cgo
	} {
		cmd := exec.Command("go", "build", "-ldflags", b.ldflags, "-o", filepath.Join(dir, b.out), b.pkg)
		cmd.Env = append(os.Environ(), "CGO_ENABLED="+b.cgo)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", b.pkg, err, out)
		}
	}
	return os.Link(filepath.Join(dir, "roam"), filepath.Join(dir, "mosh-client"))
}
