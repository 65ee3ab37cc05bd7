//go:build unix

package daemon

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
)

// Spawn starts the running executable again with args (args[0] is the
// name it shows in ps) and env as a detached daemon: in a new session,
// with stdin, stdout and stderr on /dev/null unless keepStdio (mosh's -v),
// and with arg available to Detached. It returns the child's pid and the
// pipe on which the child's Report arrives; the caller reads it with
// ReadReport and closes it.
func Spawn(args, env []string, arg string, keepStdio bool) (pid int, report io.ReadCloser, err error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, nil, fmt.Errorf("daemon: finding own executable: %w", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return 0, nil, fmt.Errorf("daemon: %w", err)
	}
	cmd := &exec.Cmd{
		Path:        exe,
		Args:        args,
		Env:         withMarker(env, arg),
		ExtraFiles:  []*os.File{w},
		SysProcAttr: &syscall.SysProcAttr{Setsid: true},
	}
	if keepStdio {
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	}
	err = cmd.Start()
	// The child has its copy; ours must go so that EOF reaches the reader
	// when the child exits.
	w.Close()
	if err != nil {
		r.Close()
		return 0, nil, fmt.Errorf("daemon: starting %s: %w", exe, err)
	}
	pid = cmd.Process.Pid
	// Nobody waits for the daemon: it outlives us and is reaped by init.
	cmd.Process.Release()
	return pid, r, nil
}
