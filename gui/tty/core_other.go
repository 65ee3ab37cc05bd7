//go:build !unix

package tty

// disableCoreDumps does nothing where there are no core limits to set.
func disableCoreDumps() {}
