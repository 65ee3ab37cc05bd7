//go:build unix

package tty_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/server/sshdtest"
	"github.com/roamterm/roam/vt/vttest"
)

// The real mosh wrapper runs roam as its client (--client), over a real
// sshd: it asks roam for the colour count (-c), starts mosh-server over
// SSH and execs roam with MOSH_KEY and "-# ARGS IP PORT".
func TestMoshWrapper(t *testing.T) {
	mosh, err := exec.LookPath("mosh")
	if err != nil {
		t.Fatal(servertest.MoshInstallHint)
	}
	sshd := sshdtest.Start(t, sshdtest.Options{})
	q := servertest.ShellQuote
	cmd := fmt.Sprintf("%s --client=%s --ssh=%s %s -- /bin/bash --norc --noprofile; echo \"%s$? @@@\"; exec sleep 86400",
		q(mosh), q(filepath.Join(bin, "roam")), q("ssh -F "+sshd.ConfigPath), q(sshd.HostAlias), servertest.ExitStatusPrefix)
	tm := vttest.StartTmux(t, vttest.TmuxOptions{Width: 80, Height: 24, Command: cmd})
	if _, err := tm.WaitForText("bash-", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	send(t, tm, "echo roam-ok", "Enter")
	vttest.WaitLine(t, tm, "roam-ok", 10*time.Second)
	send(t, tm, "exit", "Enter")
	screen := vttest.WaitLine(t, tm, servertest.ExitStatusLine(0), 15*time.Second)
	if !vttest.HasLine(screen, "[mosh is exiting.]") {
		t.Errorf("no exit message:\n%s", screen)
	}
}
