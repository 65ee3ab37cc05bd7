//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

func serverEnv(home string) []string { return servertest.Env(home, "roam$ ") }

// The real mosh-client drives roam-server: typing reaches the shell, the
// screen comes back, and `exit` ends both ends cleanly.
func TestRealMoshClient(t *testing.T) {
	srv := servertest.Start(t, binary(t), serverEnv(t.TempDir()),
		"new", "-i", "127.0.0.1", "-p", "0", "--", "/bin/bash", "--norc", "--noprofile")

	tm := vttest.StartTmux(t, vttest.TmuxOptions{Width: 80, Height: 24, Command: srv.ClientScript(t, servertest.ClientOptions{})})
	if _, err := tm.WaitForText("roam$", 15*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := tm.SendKeys("echo roam-ok", "Enter"); err != nil {
		t.Fatal(err)
	}
	screen, err := tm.WaitFor(10*time.Second, func(s string) bool {
		for _, line := range strings.Split(s, "\n") {
			if strings.TrimSpace(line) == "roam-ok" {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatal(err)
	}
	// No empty first line: the shell starts only once the client is there.
	if first := strings.SplitN(screen, "\n", 2)[0]; !strings.HasPrefix(first, "roam$") {
		t.Errorf("first line %q, want the prompt", first)
	}

	// The shell sees the client's window size.
	if err := tm.SendKeys("stty size", "Enter"); err != nil {
		t.Fatal(err)
	}
	if _, err := tm.WaitForText("24 80", 10*time.Second); err != nil {
		t.Fatal(err)
	}

	if err := tm.SendKeys("exit", "Enter"); err != nil {
		t.Fatal(err)
	}
	if _, err := tm.WaitForText(servertest.ExitStatusLine(0), 15*time.Second); err != nil {
		t.Fatal(err)
	}
	if s, _ := tm.Capture(false); !strings.Contains(s, "[mosh is exiting.]") {
		t.Errorf("mosh-client did not say it was exiting:\n%s", s)
	}
	srv.WaitExit(t, 15*time.Second)
}

// Command-line behaviour of the binary itself.
func TestCommandLine(t *testing.T) {
	env := []string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "HOME=" + t.TempDir()}
	tests := []struct {
		name       string
		args       []string
		env        []string
		wantStatus int
		stdout     string // must contain
		stderr     string // must contain
	}{
		{"version", []string{"new", "--version"}, env, 0, "roam-server (Roam ", ""},
		{"help", []string{"--help"}, env, 0, "Usage: ", ""},
		{"bad port range", []string{"new", "-p", "5:1"}, env, 1, "", "Bad UDP port range (5:1)"},
		{"bad colors", []string{"new", "-c", "lots"}, env, 1, "", "Bad number of colors (lots)"},
		{"legacy too many", []string{"a", "b", "c"}, env, 1, "", "Usage: "},
		{"not UTF-8", []string{"new", "-p", "0", "-l", "LANG=C"}, []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}, 1, "",
			"roam-server needs a UTF-8 native locale to run."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(binary(t), tt.args...)
			cmd.Env = tt.env
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			status := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				status = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if status != tt.wantStatus || !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("status %d (want %d)\nstdout %q (want %q)\nstderr %q (want %q)",
					status, tt.wantStatus, stdout.String(), tt.stdout, stderr.String(), tt.stderr)
			}
			if strings.Contains(stdout.String(), "MOSH CONNECT") {
				t.Error("printed MOSH CONNECT")
			}
		})
	}
}

// The locale offer is taken when the server's own locale is not UTF-8,
// and a server nobody connects to can be stopped with SIGTERM.
func TestLocaleOfferAndSIGTERM(t *testing.T) {
	env := []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "HOME=" + t.TempDir()}
	srv := servertest.Start(t, binary(t), env, "new", "-i", "127.0.0.1", "-p", "0", "-l", "LC_ALL=C.UTF-8", "--", "true")
	if !servertest.Alive(srv.PID) {
		t.Fatal("server not running")
	}
	syscall.Kill(srv.PID, syscall.SIGTERM)
	srv.WaitExit(t, 10*time.Second)
}
