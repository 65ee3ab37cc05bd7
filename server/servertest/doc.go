// Package servertest runs roam-server (or mosh-server) as a detached
// daemon for end-to-end tests and drives the real mosh-client against it.
//
// Build compiles roam-server once into a directory of the caller's choice.
// Start runs `SERVER new ARGS…` exactly as an SSH session would, reads the
// `MOSH CONNECT port key` line and the pid from `[mosh-server detached,
// pid = N]`, and kills the daemon when the test ends. ClientScript writes a
// wrapper for a tmux pane that reads the session key from a 0600 file (so
// the key is on no command line and in no tmux environment), runs Debian's
// mosh-client and then prints `@@@ exitstatus: N`, as mosh's own e2e
// harness (src/tests/print-exitstatus) does.
//
// The /proc helpers (Alive, CPUTime, ProcessesOf) let a test check that a
// daemon it cannot wait for, because it is nobody's child, has exited or
// how much CPU it used.
//
// Missing tools are fatal, with the package to install.
package servertest
