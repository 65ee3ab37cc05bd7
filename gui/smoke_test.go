package gui_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/gui"
)

// need returns the path of a program the smoke test drives, failing the
// test with the package to install when it is missing.
func need(t *testing.T, prog, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err != nil {
		t.Fatalf("%s is missing: install it (apt-get install %s, or make deps)", prog, pkg)
	}
	return p
}

// freeDisplay returns an X display number nobody uses.
func freeDisplay(t *testing.T) int {
	for n := 90; n < 200; n++ {
		_, lockErr := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n))
		_, sockErr := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
		if os.IsNotExist(lockErr) && os.IsNotExist(sockErr) {
			return n
		}
	}
	t.Fatal("no free X display number in :90–:199")
	return 0
}

// start runs cmd and kills it when the test ends.
func start(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", cmd.Path, err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
}

// waitFor polls cond every 100 ms until it holds or timeout passes.
func waitFor(timeout time.Duration, cond func() bool) bool {
	for end := time.Now().Add(timeout); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// killByExe kills the processes running the executable at path (Linux).
func killByExe(path string) {
	procs, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, p := range procs {
		if exe, err := os.Readlink(p); err == nil && exe == path {
			var pid int
			if _, err := fmt.Sscanf(p, "/proc/%d/exe", &pid); err == nil {
				if proc, err := os.FindProcess(pid); err == nil {
					proc.Kill()
				}
			}
		}
	}
}

// screenText asks the app's debug socket for the window's screen.
func screenText(sock string) string {
	c, err := net.DialTimeout("unix", sock, time.Second)
	if err != nil {
		return ""
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	io.WriteString(c, "screen\n")
	b, _ := io.ReadAll(c)
	return string(b)
}

// buildApp builds roam and roam-server into dir.
func buildApp(t *testing.T, dir string) {
	t.Helper()
	build := func(env []string, out, pkg string) {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, out), pkg)
		cmd.Env = append(os.Environ(), env...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, b)
		}
	}
	build(nil, "roam", "github.com/roamterm/roam")
	build([]string{"CGO_ENABLED=0"}, "roam-server", "github.com/roamterm/roam/server/cmd/roam-server")
}

// startXvfb starts a virtual X server and returns its display name.
func startXvfb(t *testing.T) string {
	t.Helper()
	xvfb := need(t, "Xvfb", "xvfb")
	display := fmt.Sprintf(":%d", freeDisplay(t))
	start(t, exec.Command(xvfb, display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"))
	xsock := "/tmp/.X11-unix/X" + display[1:]
	if !waitFor(10*time.Second, func() bool { _, err := os.Stat(xsock); return err == nil }) {
		t.Fatalf("Xvfb %s did not start", display)
	}
	return display
}

// seenBookmarks writes settings in which the first-run bookmarks window
// was shown already, so that only the session's window opens.
func seenBookmarks(t *testing.T, configHome string) {
	t.Helper()
	dir := filepath.Join(configHome, "roam")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "settings.json"), []byte(`{"bookmarks_seen": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestSmokeXvfb builds the real app, runs a bare "roam" on a virtual X
// display (a local session with roam-server over UDP), types a command
// into the window with xdotool, checks its output on the screen and takes
// a screenshot, then closes the window and expects the app to exit.
func TestSmokeXvfb(t *testing.T) {
	xdotool := need(t, "xdotool", "xdotool")
	importer := need(t, "import", "imagemagick")

	dir := t.TempDir()
	buildApp(t, dir)
	// The server detaches from the app; whatever is left of it when the
	// test ends is found by its executable, which only this test runs.
	t.Cleanup(func() { killByExe(filepath.Join(dir, "roam-server")) })

	display := startXvfb(t)

	home := filepath.Join(dir, "home")
	os.MkdirAll(home, 0o700)
	seenBookmarks(t, filepath.Join(home, ".config"))
	sock := filepath.Join(dir, "debug.sock")
	var appLog strings.Builder
	app := exec.Command(filepath.Join(dir, "roam"))
	app.Dir = home
	app.Env = append(os.Environ(), "DISPLAY="+display, "LANG=C.UTF-8", "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_RUNTIME_DIR="+dir,
		"SHELL=/bin/sh", gui.DebugSocketEnv+"="+sock)
	app.Stdout, app.Stderr = &appLog, &appLog
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() {
		select {
		case <-exited:
		default:
			app.Process.Kill()
			<-exited
		}
	})

	if !waitFor(30*time.Second, func() bool { return strings.Count(screenText(sock), "\n") > 2 }) {
		t.Fatalf("the window never showed a screen; app output:\n%s", appLog.String())
	}
	xdo := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, xdotool, args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("xdotool %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	win := strings.Fields(xdo("search", "--sync", "--name", "Roam"))[0]
	xdo("windowfocus", "--sync", win)
	xdo("type", "--delay", "20", "echo roam-ok")
	xdo("key", "Return")

	var screen string
	ok := waitFor(15*time.Second, func() bool {
		screen = screenText(sock)
		for _, line := range strings.Split(screen, "\n") {
			if line == "roam-ok" { // the output, not the command line
				return true
			}
		}
		return false
	})
	shot := filepath.Join(os.TempDir(), "roam-gui-smoke.png")
	cmd := exec.Command(importer, "-window", "root", shot)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("screenshot: %v\n%s", err, out)
	} else {
		t.Logf("screenshot of the window: %s", shot)
	}
	if !ok {
		t.Fatalf("the screen never showed roam-ok:\n%s\napp output:\n%s", screen, appLog.String())
	}

	// Closing the window ends the session (the server is told) and the
	// app with it.
	// Through XTEST to the focused window, not XSendEvent to win: the
	// window may be gone before the key's release is sent.
	xdo("key", "ctrl+shift+w")
	select {
	case err := <-exited:
		exited <- err // for the cleanup
		if err != nil {
			t.Errorf("app exited with %v; output:\n%s", err, appLog.String())
		}
	case <-time.After(15 * time.Second):
		t.Errorf("app still running 15 s after its window was closed")
	}
}
