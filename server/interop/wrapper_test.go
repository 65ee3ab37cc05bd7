package interop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/server/sshdtest"
	"github.com/roamterm/roam/vt/vttest"
)

// The real `mosh` wrapper uses roam-server through a real sshd on
// 127.0.0.1: `mosh --server=roam-server --ssh="ssh -F config" host`
// gets a login shell in which typing works, and `exit` ends the client
// with status 0 and the server with it.
func TestMoshWrapperOverSSH(t *testing.T) {
	t.Parallel()
	needTools(t)
	sshd := sshdtest.Start(t, sshdtest.Options{HostAlias: "roam-interop"})
	dir := t.TempDir()
	// A private copy, to find the daemon the SSH session starts.
	server := filepath.Join(dir, "roam-server")
	copyFile(t, roamServer, server)
	t.Cleanup(func() {
		for _, pid := range servertest.ProcessesOf(server) {
			servertest.Kill(pid)
		}
	})

	script := filepath.Join(dir, "mosh.sh")
	body := fmt.Sprintf(`#!/bin/sh
mosh --server=%s --ssh=%s %s
echo "%s$? @@@"
exec sleep 86400
`, servertest.ShellQuote(server), servertest.ShellQuote("ssh -F "+sshd.ConfigPath), sshd.HostAlias, servertest.ExitStatusPrefix)
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	tm := vttest.StartTmux(t, vttest.TmuxOptions{Command: script, Env: []string{"MOSH_TITLE_NOPREFIX=1"}})
	s := &session{tm: tm}

	// The login shell's prompt is whatever the account's start-up files
	// make it; a command's output tells that the session is up.
	deadline := time.Now().Add(startTimeout)
	for {
		run(t, tm, "echo wrapper-$((6*7))")
		if _, err := tm.WaitFor(2*time.Second, func(screen string) bool { return vttest.HasLine(screen, "wrapper-42") }); err == nil {
			break
		}
		if time.Now().After(deadline) {
			screen, _ := tm.Capture(false)
			t.Fatalf("no working session through mosh and sshd; screen:\n%s\nsshd log:\n%s", screen, sshd.Log())
		}
	}
	pids := servertest.ProcessesOf(server)
	if len(pids) != 1 {
		t.Fatalf("%d roam-server daemons running, want 1: %v", len(pids), pids)
	}
	s.typed(t, "typing")

	run(t, tm, "exit")
	screen, err := tm.WaitFor(exitTimeout, func(screen string) bool {
		return strings.Contains(screen, servertest.ExitStatusPrefix)
	})
	if err != nil {
		t.Fatalf("mosh did not exit: %v", err)
	}
	if !vttest.HasLine(screen, servertest.ExitStatusLine(0)) || !strings.Contains(screen, "[mosh is exiting.]") {
		t.Errorf("mosh did not exit cleanly:\n%s", screen)
	}
	if err := servertest.WaitGone(pids[0], exitTimeout); err != nil {
		t.Error(err)
	}
}
