//go:build unix

package instance

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as the later process: with roleEnv set it
// runs one role and exits instead of running the tests.
const roleEnv = "ROAM_INSTANCE_TEST_ROLE"

// Exit statuses of the forward role, as the app's: 0 when handed off.
const (
	exitHandedOff = 0
	exitNoHandOff = 3
	exitError     = 4
)

func TestMain(m *testing.M) {
	switch os.Getenv(roleEnv) {
	case "forward":
		ok, err := Forward(os.Args[1:])
		switch {
		case err != nil:
			fmt.Fprintln(os.Stderr, err)
			os.Exit(exitError)
		case ok:
			os.Exit(exitHandedOff)
		}
		os.Exit(exitNoHandOff)
	case "listen":
		if _, err := Listen(context.Background(), func([]string) {}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(exitError)
		}
		fmt.Println("listening")
		select {}
	}
	os.Exit(m.Run())
}

// runtimeDir points Dir at a fresh directory, as a new login would.
func runtimeDir(t *testing.T) string {
	d := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", d)
	return d
}

// forward runs the forward role in dir and returns its exit status.
func forward(t *testing.T, dir string, args ...string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), roleEnv+"=forward", "LANG=C.UTF-8")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if exit.ExitCode() == exitError {
			t.Logf("forward: %s", out)
		}
		return exit.ExitCode()
	}
	t.Fatalf("forward: %v", err)
	return -1
}

func TestHandOff(t *testing.T) {
	runtimeDir(t)
	got := make(chan []string, 1)
	srv, err := Listen(context.Background(), func(args []string) { got <- args })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })

	// The second process passes a file relative to its own directory and
	// a URL, and exits 0.
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "x.roam"), []byte(`host = "h"`), 0o600); err != nil {
		t.Fatal(err)
	}
	if status := forward(t, work, "x.roam", "ssh://me@h:22", "--tty"); status != exitHandedOff {
		t.Fatalf("second process exited %d, want %d (handed off)", status, exitHandedOff)
	}
	select {
	case args := <-got:
		want := []string{filepath.Join(work, "x.roam"), "ssh://me@h:22", "--tty"}
		if !slices.Equal(args, want) {
			t.Errorf("handler got %q, want %q", args, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("handler was not called")
	}

	if _, err := Listen(context.Background(), func([]string) {}); !errors.Is(err, ErrRunning) {
		t.Errorf("second Listen = %v, want ErrRunning", err)
	}
}

func TestNoInstance(t *testing.T) {
	runtimeDir(t)
	if status := forward(t, t.TempDir(), "x.roam"); status != exitNoHandOff {
		t.Errorf("forward with no instance exited %d, want %d", status, exitNoHandOff)
	}
}

// TestStaleSocket kills a listening instance, as a crash would, leaving
// its socket behind: the next process finds no instance and takes over.
func TestStaleSocket(t *testing.T) {
	dir := runtimeDir(t)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), roleEnv+"=listen")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var line [10]byte
	if n, err := out.Read(line[:]); err != nil || !strings.HasPrefix(string(line[:n]), "listening") {
		t.Fatalf("listener said %q, %v", line[:n], err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(dir, "roam", "instance.sock")); err != nil {
		t.Fatalf("the killed instance left no socket, so this tests nothing: %v", err)
	}

	if status := forward(t, t.TempDir(), "x"); status != exitNoHandOff {
		t.Errorf("forward to a dead instance exited %d, want %d", status, exitNoHandOff)
	}
	got := make(chan []string, 1)
	srv, err := Listen(context.Background(), func(args []string) { got <- args })
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	if status := forward(t, t.TempDir(), "ssh://h"); status != exitHandedOff {
		t.Errorf("forward to the new instance exited %d", status)
	}
	if args := <-got; !slices.Equal(args, []string{"ssh://h"}) {
		t.Errorf("handler got %q", args)
	}
}

func TestContextStops(t *testing.T) {
	dir := runtimeDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Listen(ctx, func([]string) {})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	cancel()
	// The server closes on its own goroutine; wait for the socket to go.
	sock := filepath.Join(dir, "roam", "instance.sock")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		_, err := os.Stat(sock)
		if errors.Is(err, os.ErrNotExist) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("socket still there after the context ended: %v", err)
		}
	}
	srv.Close()
	// The lock is released: a new instance may start.
	srv2, err := Listen(context.Background(), func([]string) {})
	if err != nil {
		t.Fatalf("Listen after Close: %v", err)
	}
	srv2.Close()
}

func TestPrivateDir(t *testing.T) {
	dir := runtimeDir(t)
	if err := os.Mkdir(filepath.Join(dir, "roam"), 0o755); err != nil {
		t.Fatal(err)
	}
	srv, err := Listen(context.Background(), func([]string) {})
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	fi, err := os.Stat(filepath.Join(dir, "roam"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("socket directory has mode %v, want 0700", fi.Mode().Perm())
	}
}
