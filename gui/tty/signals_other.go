//go:build !unix

package tty

import (
	"os"
	"os/signal"
)

// notifySignals routes to ch the interrupt, which ends the session; other
// systems have no window-size or job-control signals.
func notifySignals(ch chan<- os.Signal) { signal.Notify(ch, os.Interrupt) }

func isResize(os.Signal) bool   { return false }
func isContinue(os.Signal) bool { return false }

// suspendSelf does nothing: there is no job control to return from.
func suspendSelf() {}
