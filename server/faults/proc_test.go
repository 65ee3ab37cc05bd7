package faults

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/vt/vttest"
)

// clientPID returns the pid of roam in tm's pane, a descendant of the
// pane's process (the wrapper execs roam).
func clientPID(t *testing.T, tm *vttest.Tmux) int {
	t.Helper()
	s, err := tm.Display("#{pane_pid}")
	if err != nil {
		t.Fatal(err)
	}
	pane, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		t.Fatalf("pane pid %q: %v", s, err)
	}
	deadline := time.Now().Add(startTimeout)
	for time.Now().Before(deadline) {
		for _, pid := range descendants(pane) {
			if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err == nil && exe == roamBin {
				return pid
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("roam did not start in the pane:\n%s", capture(tm))
	return 0
}

// appTTY returns the terminal of the application in the session served by
// roam-server srvPID: the standard input of the daemon's child.
func appTTY(t *testing.T, srvPID int) string {
	t.Helper()
	for _, pid := range children(srvPID) {
		if tty, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/0", pid)); err == nil && strings.HasPrefix(tty, "/dev/pts/") {
			return tty
		}
	}
	t.Fatalf("roam-server %d has no child on a pty", srvPID)
	return ""
}

// descendants lists pid's children, grandchildren and so on.
func descendants(pid int) []int {
	var out []int
	for _, c := range children(pid) {
		out = append(append(out, c), descendants(c)...)
	}
	return out
}

// children lists pid's child processes. Each thread lists the children
// it forked, and a Go program (roam-server) forks from any of its threads.
func children(pid int) []int {
	lists, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	var out []int
	for _, list := range lists {
		b, err := os.ReadFile(list)
		if err != nil {
			continue
		}
		for _, f := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(f); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// procStatus returns a field of /proc/pid/status in kB (VmRSS, VmHWM).
func procStatusKB(t *testing.T, pid int, field string) int {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				t.Fatalf("/proc/%d/status %s: %v", pid, field, err)
			}
			return n
		}
	}
	t.Fatalf("/proc/%d/status has no %s", pid, field)
	return 0
}

// coreLimit returns the soft "Max core file size" of pid from
// /proc/pid/limits.
func coreLimit(t *testing.T, pid int) string {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/limits", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "Max core file size"); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				return f[0]
			}
		}
	}
	t.Fatalf("/proc/%d/limits has no core file size:\n%s", pid, b)
	return ""
}

// cmdlines returns every process's command line, arguments joined by
// spaces, keyed by pid.
func cmdlines() map[int]string {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	out := map[int]string{}
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "cmdline"))
		if err != nil {
			continue
		}
		if pid, err := strconv.Atoi(filepath.Base(d)); err == nil {
			out[pid] = strings.ReplaceAll(string(b), "\x00", " ")
		}
	}
	return out
}
