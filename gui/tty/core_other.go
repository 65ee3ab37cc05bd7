//go:build !unix

package tty

// DisableCoreDumps does nothing where there are no core limits to set.
func DisableCoreDumps() {}
