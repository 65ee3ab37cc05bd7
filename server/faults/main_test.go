package faults

import (
	"flag"
	"fmt"
	"github.com/roamterm/roam/server/servertest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Built by TestMain: roamBin is the roam client, roamServer the server,
// and binDir, first on PATH, also holds the mosh-client wrapper that
// servertest's ClientScript runs.
var roamBin, roamServer, binDir string

// soak is set by ROAM_SOAK=1 (make soak): the long versions of the cases.
var soak = os.Getenv("ROAM_SOAK") == "1"

// minParallel is how many tests run at once unless -test.parallel says
// otherwise: they mostly wait on other processes and on the clock, and the
// long suspensions must overlap to fit make test's budget.
const minParallel = 16

// clientWrapper stands in for mosh-client: it runs roam with MOSH_KEY
// from the environment (which makes roam a mosh-client), adding the flags
// in FAULTS_CLIENT_FLAGS and sending standard error to FAULTS_CLIENT_LOG
// when a test asks for them. exec keeps roam the direct child of the
// pane's script, where clientPID looks for it.
const clientWrapper = `#!/bin/sh
if [ -n "$FAULTS_CLIENT_LOG" ]; then exec 2>>"$FAULTS_CLIENT_LOG"; fi
exec %s $FAULTS_CLIENT_FLAGS "$@"
`

func TestMain(m *testing.M) {
	flag.Parse()
	servertest.RaiseParallel(minParallel)
	dir, err := os.MkdirTemp("", "roam-faults-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := 1
	if err := build(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		binDir = dir
		os.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
		stop := soakProgress()
		code = m.Run()
		stop()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// build compiles roam and roam-server into dir and writes the
// mosh-client wrapper.
func build(dir string) error {
	roamBin = filepath.Join(dir, "roam")
	roamServer = filepath.Join(dir, "roam-server")
	for _, b := range []struct{ out, pkg, cgo string }{
		{roamBin, "github.com/roamterm/roam", "1"}, // Fyne's GL driver needs cgo
		{roamServer, "github.com/roamterm/roam/server/cmd/roam-server", "0"},
	} {
		cmd := exec.Command("go", "build", "-o", b.out, b.pkg)
		cmd.Env = append(os.Environ(), "CGO_ENABLED="+b.cgo)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("faults: building %s: %v\n%s", b.pkg, err, out)
		}
	}
	wrapper := fmt.Sprintf(clientWrapper, roamBin)
	return os.WriteFile(filepath.Join(dir, "mosh-client"), []byte(wrapper), 0o755)
}

// soakProgress prints, in a soak, a progress line every minute so that a
// run of an hour or more is visibly alive; it returns a function that
// stops it.
func soakProgress() (stop func()) {
	if !soak {
		return func() {}
	}
	done := make(chan struct{})
	start := time.Now()
	go func() {
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				fmt.Fprintf(os.Stderr, "soak: %v elapsed; running: %s\n",
					time.Since(start).Round(time.Second), running.list())
			case <-done:
				return
			}
		}
	}()
	return func() { close(done) }
}
