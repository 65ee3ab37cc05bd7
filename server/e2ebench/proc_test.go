package e2ebench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ,
// which is 100 on every Linux architecture Go supports).
const clockTick = 10 * time.Millisecond

// statFields returns the fields of /proc/pid/stat after the command name,
// so that fields[0] is field 3 (state) of proc(5). The name is skipped by
// its closing parenthesis because it may itself hold spaces.
func statFields(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, fmt.Errorf("e2ebench: %w", err)
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, fmt.Errorf("e2ebench: /proc/%d/stat: no command name", pid)
	}
	fields := strings.Fields(string(b[i+1:]))
	if len(fields) < 13 {
		return nil, fmt.Errorf("e2ebench: /proc/%d/stat: %d fields", pid, len(fields))
	}
	return fields, nil
}

// cpuTime is the process's user plus system time so far, all threads.
func cpuTime(pid int) (time.Duration, error) {
	f, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	var ticks int64
	for _, s := range f[11:13] { // fields 14 (utime) and 15 (stime)
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("e2ebench: /proc/%d/stat: %w", pid, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * clockTick, nil
}

// alive reports whether pid is a running process. A zombie counts as gone:
// a detached server is nobody's child we can reap, so it may linger as one.
func alive(pid int) bool {
	f, err := statFields(pid)
	return err == nil && f[0] != "Z" && f[0] != "X"
}

// terminate sends SIGTERM to pid, waits up to grace for it to exit, and
// then kills it.
func terminate(pid int, grace time.Duration) {
	if pid <= 0 || !alive(pid) {
		return
	}
	syscall.Kill(pid, syscall.SIGTERM)
	for deadline := time.Now().Add(grace); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if !alive(pid) {
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
