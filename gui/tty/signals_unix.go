//go:build unix

package tty

import (
	"os"
	"os/signal"
	"syscall"
)

// notifySignals routes to ch the signals mosh-client handles: window
// resizes, resumption after a stop, and those that end the session.
func notifySignals(ch chan<- os.Signal) {
	signal.Notify(ch, syscall.SIGWINCH, syscall.SIGCONT,
		syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGPIPE)
}

func isResize(sig os.Signal) bool   { return sig == syscall.SIGWINCH }
func isContinue(sig os.Signal) bool { return sig == syscall.SIGCONT }

// suspendSelf stops the process group, as mosh-client does for the escape
// key then Ctrl-Z; it returns once continued.
func suspendSelf() { syscall.Kill(0, syscall.SIGSTOP) }
