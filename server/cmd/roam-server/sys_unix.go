//go:build unix

package main

import (
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/sys/unix"
)

// disableCoreDumps keeps the session key out of core files, as mosh does.
// Only the soft limit is lowered, so the shell may raise it again.
func disableCoreDumps() {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_CORE, &lim) == nil {
		lim.Cur = 0
		unix.Setrlimit(unix.RLIMIT_CORE, &lim)
	}
}

// ignoreHangup makes SIGHUP and SIGPIPE harmless. signal.Notify, not
// signal.Ignore: an ignored signal would stay ignored in the application
// across exec, a caught one is reset to the default there.
func ignoreHangup() {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGHUP, syscall.SIGPIPE)
}

// notifySignals returns channels for SIGTERM/SIGINT (shut down) and
// SIGUSR1 (shut down if idle).
func notifySignals() (shutdown, idle <-chan struct{}) {
	return relay(syscall.SIGTERM, syscall.SIGINT), relay(syscall.SIGUSR1)
}

func relay(sigs ...os.Signal) <-chan struct{} {
	in := make(chan os.Signal, 1)
	out := make(chan struct{}, 1)
	signal.Notify(in, sigs...)
	go func() {
		for range in {
			select {
			case out <- struct{}{}:
			default:
			}
		}
	}()
	return out
}

// initialSize returns the window size of the terminal on f, or 80×24.
func initialSize(f *os.File) (width, height int) {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return defaultWidth, defaultHeight
	}
	return int(ws.Col), int(ws.Row)
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	return err == nil
}
