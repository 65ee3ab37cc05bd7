//go:build linux

package gui_test

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/gui"
	"github.com/roamterm/roam/server/sshdtest"
)

// TestBookmarkOpenXvfb is the double-click path as a user meets it: the
// Linux package installed into a private prefix, a .roam bookmark opened
// with gio (as a file manager does) on a virtual display. The app must
// start, connect over SSH to a test sshd and show the remote shell; a
// second gio open must hand its file to that app, which opens a second
// window, with no second app left running.
func TestBookmarkOpenXvfb(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("gui: this test runs sshd (package sshdtest), which needs root; run it as root, as CI does")
	}
	for _, tool := range []string{"gio", "update-mime-database", "desktop-file-validate", "dpkg-deb", "xz"} {
		need(t, tool, "the packages of make deps (packaging/install-deps.sh)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	buildApp(t, bin)

	// Package and install, as packaging/packagetest does.
	root := repoRoot(t)
	dist := filepath.Join(dir, "dist")
	run(t, root, []string{"COMPRESS_LEVEL=0"}, "./packaging/linux/package.sh", "0.1.0",
		filepath.Join(bin, "roam"), filepath.Join(bin, "roam-server"), dist, "amd64")
	run(t, dir, nil, "tar", "-xJf", filepath.Join(dist, "roam-0.1.0-linux-amd64.tar.xz"))
	home := filepath.Join(dir, "home")
	prefix := filepath.Join(dir, "prefix")
	share := filepath.Join(prefix, "share")
	runtimeDir := filepath.Join(dir, "run")
	os.MkdirAll(runtimeDir, 0o700)
	sock := filepath.Join(dir, "debug.sock")
	display := startXvfb(t)
	env := []string{
		"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"), "XDG_RUNTIME_DIR=" + runtimeDir,
		"XDG_DATA_HOME=" + share, "XDG_DATA_DIRS=" + share, "XDG_CURRENT_DESKTOP=GNOME",
		"DISPLAY=" + display, "LANG=C.UTF-8", "SSH_AUTH_SOCK=", gui.DebugSocketEnv + "=" + sock,
	}
	run(t, filepath.Join(dir, "roam-0.1.0-linux-amd64"), env, "./install.sh", "--prefix", prefix)
	installed := filepath.Join(prefix, "bin", "roam")
	t.Cleanup(func() { killByExe(installed) })

	// The sshd, and an ssh_config in the app's home that reaches it by
	// address, as the bookmark names it.
	srv := sshdtest.Start(t, sshdtest.Options{})
	addr := srv.Addr.Addr().String()
	writeTestFile(t, filepath.Join(home, ".ssh", "config"), strings.Join([]string{
		"Host " + addr,
		"  IdentityFile " + srv.UserKeyPath,
		"  IdentitiesOnly yes",
		"  IdentityAgent none",
		"  UserKnownHostsFile " + srv.KnownHostsPath,
		"  GlobalKnownHostsFile /dev/null",
		"  StrictHostKeyChecking yes",
	}, "\n")+"\n")
	seenBookmarks(t, filepath.Join(home, ".config"))
	bookmark := func(name string) string {
		path := filepath.Join(dir, name+".roam")
		writeTestFile(t, path, fmt.Sprintf("version = 1\nname = %q\nhost = %q\nuser = %q\nport = %d\n"+
			"command = [\"/bin/bash\", \"--norc\", \"--noprofile\"]\n", name, addr, srv.User, srv.Addr.Port()))
		return path
	}

	appLog := filepath.Join(dir, "app.log")
	gioOpen := func(path string) {
		t.Helper()
		// The app inherits gio's output: a file, not a pipe that would
		// keep gio's Wait until the app ends.
		out, err := os.OpenFile(appLog, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		cmd := exec.Command("gio", "open", path)
		cmd.Env = append(os.Environ(), env...)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Run(); err != nil {
			log, _ := os.ReadFile(appLog)
			t.Fatalf("gio open %s: %v\n%s", path, err, log)
		}
	}
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(appLog)
			t.Logf("app output:\n%s", log)
		}
	})

	gioOpen(bookmark("first"))
	waitScreen(t, sock, 30*time.Second, func(s string) bool {
		return strings.Contains(s, "title: Roam — first") && strings.Contains(s, "bash-")
	})
	debugRequest(t, sock, "keys "+strconv.Quote("echo roam-bookmark-ok\r"))
	waitScreen(t, sock, 15*time.Second, func(s string) bool { return hasLine(s, "roam-bookmark-ok") })
	if procs := processesOf(installed); len(procs) != 1 {
		t.Fatalf("%d processes of %s run, want 1", len(procs), installed)
	}

	// A second double-click goes to the running app.
	gioOpen(bookmark("second"))
	waitScreen(t, sock, 30*time.Second, func(s string) bool {
		return strings.HasPrefix(s, "windows: 2\n") && strings.Contains(s, "title: Roam — second") && strings.Contains(s, "bash-")
	})
	// The process gio started has handed off and exited.
	deadline := time.Now().Add(10 * time.Second)
	for len(processesOf(installed)) != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("%d processes of %s run after the hand-off, want 1", len(processesOf(installed)), installed)
		}
		time.Sleep(100 * time.Millisecond)
	}

	// Ending both shells ends the sessions (and the servers on the host),
	// then the app with its last window.
	for n := 2; n > 0; n-- {
		debugRequest(t, sock, "keys "+strconv.Quote("exit\r"))
		waitScreen(t, sock, 15*time.Second, func(s string) bool {
			return strings.HasPrefix(s, fmt.Sprintf("windows: %d\n", n-1)) || s == ""
		})
	}
	deadline = time.Now().Add(15 * time.Second)
	for len(processesOf(installed)) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the app still runs after its last session ended")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// repoRoot is the module's directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// run runs name with args in dir with env added, failing the test on
// error.
func run(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "LANG=C.UTF-8"), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// debugRequest sends one request to the app's debug socket and returns
// the answer ("" if the app is not there).
func debugRequest(t *testing.T, sock, request string) string {
	c, err := net.DialTimeout("unix", sock, time.Second)
	if err != nil {
		return ""
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, request+"\n")
	b, _ := io.ReadAll(c)
	return string(b)
}

// waitScreen polls the debug socket's screen until cond holds.
func waitScreen(t *testing.T, sock string, timeout time.Duration, cond func(string) bool) string {
	t.Helper()
	var s string
	if !waitFor(timeout, func() bool { s = debugRequest(t, sock, "screen"); return cond(s) }) {
		t.Fatalf("the app's screen never got there; it shows:\n%s", s)
	}
	return s
}

// hasLine reports whether screen has a row that is exactly line.
func hasLine(screen, line string) bool {
	for _, l := range strings.Split(screen, "\n") {
		if strings.TrimRight(l, " ") == line {
			return true
		}
	}
	return false
}

// processesOf lists the pids running the executable at path.
func processesOf(path string) []int {
	var pids []int
	procs, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, p := range procs {
		if exe, err := os.Readlink(p); err == nil && exe == path {
			var pid int
			if _, err := fmt.Sscanf(p, "/proc/%d/exe", &pid); err == nil {
				pids = append(pids, pid)
			}
		}
	}
	return pids
}
