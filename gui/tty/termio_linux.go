package tty

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"github.com/roamterm/roam/protocol/rawio"
)

// terminalIO returns what the session reads keys from and draws on: f
// itself, or, when f is a terminal, the same terminal opened anew through
// /proc/self/fd. The new open file description can be non-blocking
// without changing the one the shell shares with us, and then reads and
// writes are raw calls that wait in Go's poller (rawio.Terminal) instead
// of blocking system calls that the scheduler answers by waking threads.
// The returned release closes the reopened terminal; it ends a pending
// Read.
func terminalIO(f *os.File) (rw io.ReadWriter, release func()) {
	fd := int(f.Fd())
	if !term.IsTerminal(fd) {
		return f, func() {}
	}
	flag := os.O_RDWR
	if mode, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0); err == nil {
		flag = mode & unix.O_ACCMODE
	}
	again, err := rawio.OpenTerminal("/proc/self/fd/"+strconv.Itoa(fd), flag)
	if err != nil {
		return f, func() {}
	}
	return again, func() { again.Close() }
}
