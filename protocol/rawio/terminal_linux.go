package rawio

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// Terminal reads and writes a terminal through its own non-blocking open
// file description, which Go's poller never sees directly: it watches two
// private epoll instances instead, one holding the terminal for input
// and one that holds it for output only while a write waits for room.
//
// Why: the poller registers every descriptor for both directions, edge
// triggered. A terminal wakes its writers each time the program on its
// other side reads what was drawn, so every frame drawn came back as a
// "writable" edge on each descriptor of the terminal, for no one; about
// one wait in three of a client drawing a flood of output ended in such
// a wake-up and went straight back to sleep. mosh-client's select asks
// for input only.
//
// One goroutine may read and one write at a time; Close ends both.
type Terminal struct {
	name   string // the path it was opened by, for errors
	fd     int
	input  *watch
	output *watch
}

// OpenTerminal opens the terminal at path (e.g. /proc/self/fd/0, to get
// a description of the caller's terminal that can be non-blocking without
// changing the one it shares with others) with flag's access mode.
func OpenTerminal(path string, flag int) (*Terminal, error) {
	fd, err := unix.Open(path, flag&unix.O_ACCMODE|unix.O_NONBLOCK|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	input, err := newWatch(fd, unix.EPOLLIN)
	if err != nil {
		unix.Close(fd)
		return nil, err
	}
	output, err := newWatch(-1, 0)
	if err != nil {
		input.f.Close()
		unix.Close(fd)
		return nil, err
	}
	return &Terminal{name: path, fd: fd, input: input, output: output}, nil
}

// watch is an epoll instance in Go's poller: it polls readable when
// something it holds is ready, so waiting for it is a read wait.
type watch struct {
	f  *os.File
	rc syscall.RawConn
	ep int
}

// newWatch returns a watch holding fd for events, or an empty one for
// fd < 0.
func newWatch(fd int, events uint32) (*watch, error) {
	ep, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, os.NewSyscallError("epoll_create1", err)
	}
	if fd >= 0 {
		if err := unix.EpollCtl(ep, unix.EPOLL_CTL_ADD, fd, &unix.EpollEvent{Events: events}); err != nil {
			unix.Close(ep)
			return nil, os.NewSyscallError("epoll_ctl", err)
		}
	}
	// Non-blocking, so that os.NewFile hands it to the poller.
	if err := unix.SetNonblock(ep, true); err != nil {
		unix.Close(ep)
		return nil, os.NewSyscallError("fcntl", err)
	}
	f := os.NewFile(uintptr(ep), "epoll")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &watch{f: f, rc: rc, ep: ep}, nil
}

// Read reads up to len(b) bytes, waiting for input while there is none.
func (t *Terminal) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	var n uintptr
	var errno unix.Errno
	// Every call on the descriptor happens inside a callback of one of
	// the watches, so Close, which closes the watches first, knows none
	// is under way when it closes the descriptor.
	err := t.input.rc.Read(func(uintptr) bool { return readOnce(uintptr(t.fd), b, &n, &errno) })
	return readResult(t.name, int(n), errno, err)
}

// Write writes all of b unless an error stops it, waiting for room while
// the terminal's buffer is full.
func (t *Terminal) Write(b []byte) (int, error) {
	done := 0
	var errno unix.Errno
	armed := false
	err := t.output.rc.Read(func(uintptr) bool {
		if writeAll(uintptr(t.fd), b, &done, &errno) {
			if armed {
				// So that drawing the next frames wakes no one.
				unix.EpollCtl(t.output.ep, unix.EPOLL_CTL_DEL, t.fd, nil)
			}
			return true
		}
		if !armed {
			// Level triggered: if room appeared since the write, the
			// watch is ready at once.
			if err := unix.EpollCtl(t.output.ep, unix.EPOLL_CTL_ADD, t.fd, &unix.EpollEvent{Events: unix.EPOLLOUT}); err != nil {
				errno = err.(unix.Errno)
				return true
			}
			armed = true
		}
		return false
	})
	return writeResult(t.name, done, errno, err)
}

// Close ends a pending Read or Write and closes the terminal.
func (t *Terminal) Close() error {
	// Closing a watch wakes its waiter and returns once no callback of
	// its is running.
	err := errors.Join(t.input.f.Close(), t.output.f.Close())
	return errors.Join(err, unix.Close(t.fd))
}
