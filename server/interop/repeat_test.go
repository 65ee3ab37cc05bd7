package interop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

// repeatCount is how many sessions mosh's repeat test runs back to back.
const repeatCount = 100

// repeatTimeout bounds the whole run of repeatCount sessions; each
// session also has mosh's 15 s watchdog.
const repeatTimeout = 150 * time.Second

// mosh's repeat test: 100 sessions back to back through the real `mosh`
// wrapper (--local, as mosh's harness runs it), each running
// `sh -c 'echo @@@ done'`; every client must exit 0 after drawing the line.
func TestRepeat(t *testing.T) {
	t.Parallel()
	repeatSessions(t, false)
}

// mosh's repeat-with-input test: the same while the terminal sends CR
// every 0.1 s, so input keeps arriving while sessions end (mosh-server
// once died on input after the client had gone).
func TestRepeatWithInput(t *testing.T) {
	t.Parallel()
	repeatSessions(t, true)
}

func repeatSessions(t *testing.T, withInput bool) {
	needTools(t)
	dir := t.TempDir()
	// A private copy of the server, so that every daemon it starts can be
	// found afterwards by its executable.
	server := filepath.Join(dir, "roam-server")
	copyFile(t, roamServer, server)
	statusFile := filepath.Join(dir, "status")
	goFile := filepath.Join(dir, "go")
	script := filepath.Join(dir, "repeat.sh")
	body := fmt.Sprintf(`#!/bin/sh
while [ ! -e %[1]s ]; do sleep 0.05; done
i=0
while [ $i -lt %[2]d ]; do
	i=$((i+1))
	timeout --foreground 15 mosh --local --bind-server=127.0.0.1 --server=%[3]s 127.0.0.1 -- sh -c 'echo @@@ done'
	echo "$?" >> %[4]s
done
echo "@@@ all sessions ended @@@"
exec sleep 86400
`, servertest.ShellQuote(goFile), repeatCount, servertest.ShellQuote(server), servertest.ShellQuote(statusFile))
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	tm := vttest.StartTmux(t, vttest.TmuxOptions{
		Command: script,
		Env:     []string{"HOME=" + dir, "SHELL=/bin/sh", "PS1=" + prompt},
	})
	t.Cleanup(func() {
		for _, pid := range servertest.ProcessesOf(server) {
			servertest.Kill(pid)
		}
	})
	// Everything the clients draw goes to the log, where each session's
	// line is counted (mosh's harness counts it in the tmux log).
	logFile := filepath.Join(dir, "pane.log")
	if _, err := tm.Run("pipe-pane", "-o", "cat >> "+servertest.ShellQuote(logFile)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goFile, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	if withInput {
		go func() {
			for {
				select {
				case <-done:
					return
				case <-time.After(100 * time.Millisecond):
					tm.SendKeys("Enter")
				}
			}
		}()
	}
	start := time.Now()
	_, err := tm.WaitForText("@@@ all sessions ended @@@", repeatTimeout)
	close(done)
	elapsed := time.Since(start)
	statuses := readLines(t, statusFile)
	if err != nil {
		t.Fatalf("%d of %d sessions ended within %v: %v", len(statuses), repeatCount, repeatTimeout, err)
	}
	t.Logf("%d sessions in %v (%v each)", len(statuses), elapsed.Round(time.Millisecond), (elapsed / time.Duration(max(len(statuses), 1))).Round(time.Millisecond))

	if len(statuses) != repeatCount {
		t.Errorf("%d sessions ended, want %d", len(statuses), repeatCount)
	}
	for i, s := range statuses {
		if s != "0" {
			t.Errorf("session %d: mosh exited with status %s (124: still running after 15 s)", i+1, s)
		}
	}
	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(log), "@@@ done"); n < repeatCount {
		t.Errorf("the clients drew \"@@@ done\" %d times, want at least %d", n, repeatCount)
	}
	// Every server has ended (each exits after its shutdown handshake).
	deadline := time.Now().Add(exitTimeout)
	for {
		left := servertest.ProcessesOf(server)
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("servers still running after the sessions ended: %v", left)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}

// readLines returns the lines of a file that may not exist yet.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}
