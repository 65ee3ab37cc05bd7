package rawio

import (
	"io"
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
	err := rc.Read(func(fd uintptr) bool { return readOnce(fd, b, &n, &errno) })
	return int(n), errno, err
}

// writeFD writes all of b to a non-blocking descriptor that rc serves,
// waiting in the poller while it is full.
func writeFD(rc syscall.RawConn, b []byte) (int, unix.Errno, error) {
	done := 0
	var errno unix.Errno
	err := rc.Write(func(fd uintptr) bool { return writeAll(fd, b, &done, &errno) })
	return done, errno, err
}

// readOnce is one read of fd into b inside a RawConn callback, storing
// the count in n: false while nothing is there.
func readOnce(fd uintptr, b []byte, n *uintptr, errno *unix.Errno) bool {
	return rawCall(func() unix.Errno {
		var e unix.Errno
		*n, _, e = unix.RawSyscall(unix.SYS_READ, fd, uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)))
		return e
	}, errno)
}

// writeAll writes b[*done:] to fd inside a RawConn callback, counting in
// done, until all is written or an error is stored in errno (true) or fd
// is full (false: wait for room).
func writeAll(fd uintptr, b []byte, done *int, errno *unix.Errno) bool {
	for *done < len(b) && *errno == 0 {
		var n uintptr
		more := rawCall(func() unix.Errno {
			var e unix.Errno
			rest := b[*done:]
			n, _, e = unix.RawSyscall(unix.SYS_WRITE, fd, uintptr(unsafe.Pointer(unsafe.SliceData(rest))), uintptr(len(rest)))
			return e
		}, errno)
		if !more {
			return false
		}
		*done += int(n)
	}
	return true
}

// readResult and writeResult turn the outcome of readFD or writeFD (or a
// Terminal's) on the file named name into what io.Reader and io.Writer
// return.
func readResult(name string, n int, errno unix.Errno, err error) (int, error) {
	switch {
	case err != nil:
		return 0, &os.PathError{Op: "read", Path: name, Err: err}
	case errno != 0:
		return 0, &os.PathError{Op: "read", Path: name, Err: errno}
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

func writeResult(name string, done int, errno unix.Errno, err error) (int, error) {
	switch {
	case err != nil:
		return done, &os.PathError{Op: "write", Path: name, Err: err}
	case errno != 0:
		return done, &os.PathError{Op: "write", Path: name, Err: errno}
	}
	return done, nil
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
