package launch

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// ServerProcess is a mosh-server or roam-server left running on a host,
// typically a detached session whose client went away.
type ServerProcess struct {
	PID int
	// Started is the start time as the host's ps printed it (host's time
	// zone), e.g. "Mon Nov 24 06:59:01 2026".
	Started string
	// Command is the process's command line.
	Command string
	// Roam is true for a roam-server, false for a mosh-server.
	Roam bool
}

// Sessions lists the servers of t's user running on t's host.
func (l *Launcher) Sessions(ctx context.Context, t Target) ([]ServerProcess, error) {
	out, err := l.run(ctx, t, listScript)
	if err != nil {
		return nil, err
	}
	return parseProcesses(out), nil
}

// Kill ends the given servers on t's host with SIGTERM and returns the pids
// it signalled. A pid that no longer belongs to a mosh-server or
// roam-server is left alone.
func (l *Launcher) Kill(ctx context.Context, t Target, pids []int) ([]int, error) {
	for _, p := range pids {
		if p <= 1 {
			return nil, fmt.Errorf("launch: bad pid %d", p)
		}
	}
	if len(pids) == 0 {
		return nil, nil
	}
	out, err := l.run(ctx, t, killScript(pids))
	if err != nil {
		return nil, err
	}
	var killed []int
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "ROAM KILLED "); ok {
			if p, err := strconv.Atoi(rest); err == nil {
				killed = append(killed, p)
			}
		}
	}
	return killed, nil
}

// run runs script on t's host without a pty and returns its output.
func (l *Launcher) run(ctx context.Context, t Target, script string) ([]byte, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	conn, err := l.dial(ctx, t)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		return nil, fmt.Errorf("launch: opening an SSH session on %s: %w", conn.cfg.alias, err)
	}
	defer sess.Close()
	stop := context.AfterFunc(ctx, func() { sess.Close() })
	defer stop()
	var out, errOut limitedBuffer
	sess.Stdout, sess.Stderr = &out, &errOut
	if err := sess.Run(plainCommand(script)); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("launch: on %s: %w: %s", conn.cfg.alias, err, bytes.TrimSpace(errOut.Bytes()))
	}
	return out.Bytes(), nil
}

// parseProcesses reads "pid lstart(5 words) args" lines and keeps the
// servers: processes whose program is mosh-server or a roam-server.
func parseProcesses(out []byte) []ServerProcess {
	var procs []ServerProcess
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 7 {
			continue
		}
		pid, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		program := path.Base(f[6])
		var roam bool
		switch {
		case program == "mosh-server":
		case strings.HasPrefix(program, "roam-server"):
			roam = true
		default:
			continue
		}
		procs = append(procs, ServerProcess{
			PID: pid, Started: strings.Join(f[1:6], " "), Command: strings.Join(f[6:], " "), Roam: roam,
		})
	}
	return procs
}
