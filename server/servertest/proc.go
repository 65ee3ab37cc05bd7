package servertest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ,
// 100 on every Linux architecture Go supports).
const clockTick = 10 * time.Millisecond

// statFields returns the fields of /proc/pid/stat after the command name,
// so that fields[0] is field 3 (state) of proc(5). The name is skipped by
// its closing parenthesis because it may itself hold spaces.
func statFields(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, fmt.Errorf("servertest: %w", err)
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, fmt.Errorf("servertest: /proc/%d/stat: no command name", pid)
	}
	fields := strings.Fields(string(b[i+1:]))
	if len(fields) < 13 {
		return nil, fmt.Errorf("servertest: /proc/%d/stat: %d fields", pid, len(fields))
	}
	return fields, nil
}

// Alive reports whether pid is a running process. A zombie counts as
// gone: a detached daemon is nobody's child we could reap.
func Alive(pid int) bool {
	f, err := statFields(pid)
	return err == nil && f[0] != "Z" && f[0] != "X"
}

// CPUTime is the process's user plus system time so far, all threads
// (fields 14 and 15 of /proc/PID/stat), in 10 ms clock ticks.
func CPUTime(pid int) (time.Duration, error) {
	f, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("servertest: /proc/%d/stat: %w", pid, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * clockTick, nil
}

// ProcessesOf lists the running processes whose executable is binary,
// found through /proc/PID/exe. Give a test its own copy of a binary and
// this finds every daemon that copy started, however it was started.
func ProcessesOf(binary string) []int {
	want, err := filepath.EvalSymlinks(binary)
	if err != nil {
		return nil
	}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var pids []int
	for _, d := range dirs {
		exe, err := os.Readlink(filepath.Join(d, "exe"))
		if err != nil || exe != want {
			continue
		}
		pid, err := strconv.Atoi(filepath.Base(d))
		if err == nil && Alive(pid) {
			pids = append(pids, pid)
		}
	}
	return pids
}
