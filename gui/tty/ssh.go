package tty

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/server/bundle"
	"github.com/roamterm/roam/server/launch"
)

// FirstContactTimeout is how long a session reached over SSH waits for the
// server's first datagram before it reports UDP as blocked.
const FirstContactTimeout = 5 * time.Second

// UDPBlocked is the check both front ends make once a session reached
// over SSH has waited for the server's first datagram: f is the session's
// frame after waiting waited for server. While f is still connecting it
// returns *launch.UDPBlockedError, whose Help names the port and the fix;
// otherwise nil.
func UDPBlocked(f session.Frame, server netip.AddrPort, waited time.Duration) error {
	if !f.Status.Connecting {
		return nil
	}
	return &launch.UDPBlockedError{Addr: server, Waited: waited}
}

// serverOverride, when set at link time (-ldflags "-X
// github.com/roamterm/roam/gui/tty.serverOverride=PATH"), names a
// roam-server binary for this machine's platform that is uploaded instead
// of the bundled ones: for tests and for developers trying their own
// server build. Release builds leave it empty.
var serverOverride string

// launcher returns the launcher for a command line run on this terminal.
func launcher(ui *terminalUI) (*launch.Launcher, error) {
	l := &launch.Launcher{UI: ui.callbacks()}
	if serverOverride != "" {
		b, err := os.ReadFile(serverOverride)
		if err != nil {
			return nil, fmt.Errorf("tty: the roam-server this build was linked to upload: %w", err)
		}
		l.Bundle = []bundle.Server{bundle.FromBytes(bundle.Platform{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH}, b)}
	}
	return l, nil
}

// launchContext is cancelled by Ctrl-C or SIGTERM while SSH is at work
// (the terminal is not raw yet, so Ctrl-C is a signal).
func launchContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// runSSH reaches inv's host over SSH, starts a server there and runs the
// session in this terminal.
func runSSH(inv Invocation) int {
	if err := localeError(inv.Program, os.LookupEnv); err != nil {
		return Fail(err)
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return Fail(errNotTerminal)
	}
	ui := &terminalUI{in: os.Stdin, out: os.Stderr}
	l, err := launcher(ui)
	if err != nil {
		return Fail(err)
	}
	target := inv.Target
	termName, _ := os.LookupEnv("TERM")
	target.Colors = ColorCount(termName, os.LookupEnv)

	// A question abandoned by Ctrl-C may leave echo off.
	saved, _ := term.GetState(fd)
	ctx, cancel := launchContext()
	res, err := l.Connect(ctx, target)
	cancel()
	if saved != nil {
		term.Restore(fd, saved)
	}
	if err != nil {
		return diagnose(os.Stderr, err)
	}
	port := strconv.Itoa(int(res.Addr.Port()))
	err = runSession(res.Addr, port, res.Key, inv.Options, FirstContactTimeout)
	var blocked *launch.UDPBlockedError
	if errors.As(err, &blocked) {
		code := diagnose(os.Stderr, err)
		if res.PID > 0 {
			fmt.Fprintf(os.Stderr, "\nThe server (pid %d) may still be running on %s; "+
				"%s --kill-sessions %s %d ends it.\n", res.PID, inv.Destination, inv.Program, inv.Destination, res.PID)
		}
		return code
	}
	return sessionEnded(err, res.Addr.Addr().String(), port)
}

// diagnose prints err as "roam: ERROR", then the explanation and fix of a
// launch.Diagnosis, and returns the exit status 1.
func diagnose(w io.Writer, err error) int {
	fmt.Fprintf(w, "roam: %v\n", err)
	var d launch.Diagnosis
	if errors.As(err, &d) {
		fmt.Fprintf(w, "\n%s\n", wrap(d.Help(), 76))
	}
	return 1
}

// wrap breaks text into lines of at most width columns at spaces,
// keeping its own line breaks.
func wrap(text string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for _, word := range strings.Fields(para) {
			if col > 0 && col+1+len(word) > width {
				b.WriteByte('\n')
				col = 0
			} else if col > 0 {
				b.WriteByte(' ')
				col++
			}
			b.WriteString(word)
			col += len(word)
		}
	}
	return b.String()
}

// runSessions lists or ends the servers left running on inv's host.
func runSessions(inv Invocation) int {
	ui := &terminalUI{in: os.Stdin, out: os.Stderr}
	l, err := launcher(ui)
	if err != nil {
		return Fail(err)
	}
	ctx, cancel := launchContext()
	defer cancel()
	procs, err := l.Sessions(ctx, inv.Target)
	if err != nil {
		return diagnose(os.Stderr, err)
	}
	if inv.Action == ActionListSessions {
		printSessions(os.Stdout, inv.Destination, procs)
		return 0
	}
	pids := inv.PIDs
	if len(pids) == 0 {
		for _, p := range procs {
			pids = append(pids, p.PID)
		}
		if len(pids) == 0 {
			fmt.Printf("No mosh-server or roam-server of yours is running on %s.\n", inv.Destination)
			return 0
		}
	}
	killed, err := l.Kill(ctx, inv.Target, pids)
	if err != nil {
		return diagnose(os.Stderr, err)
	}
	code := 0
	for _, pid := range pids {
		if contains(killed, pid) {
			fmt.Printf("Ended server %d on %s.\n", pid, inv.Destination)
		} else {
			fmt.Fprintf(os.Stderr, "roam: %d is not a mosh-server or roam-server of yours on %s; left alone\n", pid, inv.Destination)
			code = 1
		}
	}
	return code
}

func contains(pids []int, pid int) bool {
	for _, p := range pids {
		if p == pid {
			return true
		}
	}
	return false
}

// printSessions prints a table of servers.
func printSessions(w io.Writer, host string, procs []launch.ServerProcess) {
	if len(procs) == 0 {
		fmt.Fprintf(w, "No mosh-server or roam-server of yours is running on %s.\n", host)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "PID\tSERVER\tSTARTED\tCOMMAND")
	for _, p := range procs {
		kind := "mosh"
		if p.Roam {
			kind = "roam"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", p.PID, kind, p.Started, p.Command)
	}
	tw.Flush()
}

// versionText is what --version prints: the version and the platforms
// this build can upload a server to.
func versionText(version string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "roam %s\n", version)
	platforms := bundle.Platforms()
	if len(platforms) == 0 {
		b.WriteString("no bundled servers in this build (run make build)\n")
	} else {
		names := make([]string, len(platforms))
		for i, p := range platforms {
			names[i] = p.String()
		}
		fmt.Fprintf(&b, "bundled roam-server for: %s\n", strings.Join(names, ", "))
	}
	if serverOverride != "" {
		fmt.Fprintf(&b, "uploads instead: %s (%s/%s, set at link time)\n", serverOverride, runtime.GOOS, runtime.GOARCH)
	}
	return b.String()
}
