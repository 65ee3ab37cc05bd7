package servertest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// MoshInstallHint is the message tests give when mosh is missing.
const MoshInstallHint = "servertest: mosh-client not found in PATH (install it: apt-get install mosh, or run make deps)"

// RoamServerPackage is the import path Build compiles.
const RoamServerPackage = "github.com/roamterm/roam/server/cmd/roam-server"

var (
	connectRE  = regexp.MustCompile(`(?m)^MOSH CONNECT (\d+) ([A-Za-z0-9+/]{22})\r?$`)
	detachedRE = regexp.MustCompile(`\[mosh-server detached, pid = (\d+)\]`)
)

// Build compiles roam-server, statically as a release would be
// (CGO_ENABLED=0), into dir and returns the binary's path. It is meant for
// TestMain, which has no testing.TB; the error holds the compiler output.
func Build(dir string) (string, error) {
	out := filepath.Join(dir, "roam-server")
	cmd := exec.Command("go", "build", "-o", out, RoamServerPackage)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("servertest: building roam-server: %v\n%s", err, b)
	}
	return out, nil
}

// Env is a minimal environment for a server: PATH, HOME, a UTF-8 LANG
// and PS1 (so that a shell's prompt is predictable), plus extra.
func Env(home, ps1 string, extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"SHELL=/bin/sh",
		"LANG=C.UTF-8",
		"PS1=" + ps1,
		// The shell must not write to home after the test: it gets its
		// hang-up while the test's clean-up removes the directory.
		"HISTFILE=/dev/null",
	}
	return append(env, extra...)
}

// Server is a detached server daemon started by Start.
type Server struct {
	// Port is the UDP port from the MOSH CONNECT line.
	Port int
	// PID is the daemon's pid from the "detached" line.
	PID int
	// Output is the file that holds what the server printed on its
	// standard error: the banner and, with -v, the daemon's log.
	Output string

	key string // printable session key; never printed
}

// Start runs `binary args…` (args usually begin with "new") in env and
// waits for the foreground process to exit, as an SSH session does. The
// daemon's standard output and error go to files in a temporary directory
// (a daemon started with -v keeps them open). The daemon is killed when
// the test ends if it is still running.
func Start(tb testing.TB, binary string, env []string, args ...string) *Server {
	tb.Helper()
	dir := tb.TempDir()
	stdout, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		tb.Fatal(err)
	}
	defer stdout.Close()
	stderrPath := filepath.Join(dir, "stderr")
	stderr, err := os.Create(stderrPath)
	if err != nil {
		tb.Fatal(err)
	}
	defer stderr.Close()

	cmd := exec.Command(binary, args...)
	cmd.Env = env
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	runErr := cmd.Run()
	out, _ := os.ReadFile(stdout.Name())
	errOut, _ := os.ReadFile(stderrPath)

	s := &Server{Output: stderrPath}
	if m := detachedRE.FindSubmatch(errOut); m != nil {
		s.PID, _ = strconv.Atoi(string(m[1]))
		tb.Cleanup(func() { Kill(s.PID) })
	}
	if runErr != nil {
		// stdout is not shown: it may hold the key.
		tb.Fatalf("servertest: %s %q: %v\nstderr %q", binary, args, runErr, errOut)
	}
	m := connectRE.FindSubmatch(out)
	if m == nil {
		tb.Fatalf("servertest: no MOSH CONNECT line in the output of %s; stderr %q", binary, errOut)
	}
	if s.PID == 0 {
		tb.Fatalf("servertest: no \"detached, pid = N\" line in stderr %q", errOut)
	}
	s.Port, _ = strconv.Atoi(string(m[1]))
	s.key = string(m[2])
	return s
}

// WaitExit waits up to timeout for the daemon to exit and fails the test
// if it does not.
func (s *Server) WaitExit(tb testing.TB, timeout time.Duration) {
	tb.Helper()
	if err := WaitGone(s.PID, timeout); err != nil {
		tb.Fatal(err)
	}
}

// Kill sends SIGKILL to pid if it is still running.
func Kill(pid int) {
	if pid > 0 && Alive(pid) {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// WaitGone waits up to timeout for pid to exit.
func WaitGone(pid int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for Alive(pid) {
		if time.Now().After(deadline) {
			return fmt.Errorf("servertest: process %d still running after %v", pid, timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// keyFileMode keeps the key file readable by its owner only.
const keyFileMode = 0o600

// writeKey writes the session key to a 0600 file in dir.
func (s *Server) writeKey(dir string) (string, error) {
	path := filepath.Join(dir, "key")
	if err := os.WriteFile(path, []byte(s.key+"\n"), keyFileMode); err != nil {
		return "", fmt.Errorf("servertest: %w", err)
	}
	return path, nil
}

// ContainsKey reports whether b holds the session key in its printable
// form, for tests that check the key leaks nowhere (logs, screens).
func (s *Server) ContainsKey(b []byte) bool { return bytes.Contains(b, []byte(s.key)) }
