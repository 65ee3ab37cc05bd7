//go:build !unix

package main

import (
	"os"
	"os/signal"
)

func disableCoreDumps() {}

func ignoreHangup() {}

func notifySignals() (shutdown, idle <-chan struct{}) {
	in := make(chan os.Signal, 1)
	out := make(chan struct{}, 1)
	signal.Notify(in, os.Interrupt)
	go func() {
		for range in {
			select {
			case out <- struct{}{}:
			default:
			}
		}
	}()
	return out, nil
}

func initialSize(f *os.File) (width, height int) { return defaultWidth, defaultHeight }

func isTerminal(f *os.File) bool { return false }
