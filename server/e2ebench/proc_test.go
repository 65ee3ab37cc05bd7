package e2ebench

import (
	"errors"
	"fmt"
	"github.com/roamterm/roam/server/servertest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// terminate sends SIGTERM to pid, waits up to grace for it to exit, and
// then kills it.
func terminate(pid int, grace time.Duration) {
	if pid <= 0 || !servertest.Alive(pid) {
		return
	}
	syscall.Kill(pid, syscall.SIGTERM)
	for deadline := time.Now().Add(grace); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if !servertest.Alive(pid) {
			return
		}
	}
	syscall.Kill(pid, syscall.SIGKILL)
}

// statusField returns the value of one "Name:\tvalue" line of a
// /proc/.../status file, as an integer (the first word of the value).
func statusField(path, name string) (uint64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("e2ebench: %w", err)
	}
	for line := range strings.Lines(string(b)) {
		k, v, ok := strings.Cut(line, ":")
		if !ok || k != name {
			continue
		}
		words := strings.Fields(v)
		if len(words) == 0 {
			break
		}
		n, err := strconv.ParseUint(words[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("e2ebench: %s: %s: %w", path, name, err)
		}
		return n, nil
	}
	return 0, fmt.Errorf("e2ebench: %s: no %s", path, name)
}

// peakRSS is the process's resident-set high-water mark (VmHWM), in bytes.
func peakRSS(pid int) (uint64, error) {
	kb, err := statusField(fmt.Sprintf("/proc/%d/status", pid), "VmHWM")
	return kb * 1024, err
}

// tasks lists the /proc directories of the process's threads.
func tasks(pid int) ([]string, error) {
	dirs, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*", pid))
	if err == nil && len(dirs) == 0 {
		err = fmt.Errorf("e2ebench: process %d has no threads (gone?)", pid)
	}
	return dirs, err
}

// wakeups is the number of context switches, voluntary and involuntary,
// summed over the process's current threads: each is the thread being put
// to sleep or preempted, so the count tracks how often it ran.
func wakeups(pid int) (uint64, error) {
	dirs, err := tasks(pid)
	if err != nil {
		return 0, err
	}
	var sum uint64
	for _, d := range dirs {
		for _, name := range []string{"voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"} {
			n, err := statusField(filepath.Join(d, "status"), name)
			if errors.Is(err, os.ErrNotExist) {
				break // the thread exited meanwhile
			}
			if err != nil {
				return 0, err
			}
			sum += n
		}
	}
	return sum, nil
}

// preciseCPU is the time the process's current threads have spent on a
// CPU, in nanoseconds from /proc/PID/task/*/schedstat: finer than cpuTime's
// clock ticks, which idle figures of a few milliseconds need, but blind to
// threads that have exited.
func preciseCPU(pid int) (time.Duration, error) {
	dirs, err := tasks(pid)
	if err != nil {
		return 0, err
	}
	var sum time.Duration
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "schedstat"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("e2ebench: %w", err)
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return 0, fmt.Errorf("e2ebench: %s/schedstat: empty", d)
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("e2ebench: %s/schedstat: %w", d, err)
		}
		sum += time.Duration(ns)
	}
	return sum, nil
}
