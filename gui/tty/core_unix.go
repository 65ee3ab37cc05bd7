//go:build unix

package tty

import "golang.org/x/sys/unix"

// DisableCoreDumps keeps the session key out of core files, as
// mosh-client does. Only the soft limit is lowered.
func DisableCoreDumps() {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_CORE, &lim) == nil {
		lim.Cur = 0
		unix.Setrlimit(unix.RLIMIT_CORE, &lim)
	}
}
