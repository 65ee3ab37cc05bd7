//go:build unix

package tty

import "golang.org/x/sys/unix"

// disableCoreDumps keeps the session key out of core files, as
// mosh-client does. Only the soft limit is lowered.
func disableCoreDumps() {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_CORE, &lim) == nil {
		lim.Cur = 0
		unix.Setrlimit(unix.RLIMIT_CORE, &lim)
	}
}
