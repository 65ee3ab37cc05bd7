package rawio

import (
	"os"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// rawCall runs one non-blocking system call on fd inside a RawConn
// callback: it retries EINTR and reports whether the call is done (false:
// EAGAIN, wait for readiness and call again).
func rawCall(call func() unix.Errno, errno *unix.Errno) bool {
	for {
		switch e := call(); e {
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		default:
			*errno = e
			return true
		}
	}
}

// readFD reads from a non-blocking descriptor that rc serves, waiting in
// the poller while nothing is there.
func readFD(rc syscall.RawConn, b []byte) (int, unix.Errno, error) {
	var n uintptr
	var errno unix.Errno
	err := rc.Read(func(fd uintptr) bool {
		return rawCall(func() unix.Errno {
			var e unix.Errno
			n, _, e = unix.RawSyscall(unix.SYS_READ, fd, uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)))
			return e
		}, &errno)
	})
	return int(n), errno, err
}

// writeFD writes all of b to a non-blocking descriptor that rc serves,
// waiting in the poller while it is full.
func writeFD(rc syscall.RawConn, b []byte) (int, unix.Errno, error) {
	done := 0
	var errno unix.Errno
	err := rc.Write(func(fd uintptr) bool {
		for done < len(b) && errno == 0 {
			var n uintptr
			more := rawCall(func() unix.Errno {
				var e unix.Errno
				rest := b[done:]
				n, _, e = unix.RawSyscall(unix.SYS_WRITE, fd, uintptr(unsafe.Pointer(unsafe.SliceData(rest))), uintptr(len(rest)))
				return e
			}, &errno)
			if !more {
				return false
			}
			done += int(n)
		}
		return true
	})
	return done, errno, err
}

// pollable returns f's RawConn if f is in non-blocking mode, else nil.
func pollable(f *os.File) syscall.RawConn {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil
	}
	flags := 0
	if err := rc.Control(func(fd uintptr) { flags, err = unix.FcntlInt(fd, unix.F_GETFL, 0) }); err != nil || flags&unix.O_NONBLOCK == 0 {
		return nil
	}
	return rc
}
