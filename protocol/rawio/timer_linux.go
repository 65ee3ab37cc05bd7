package rawio

import (
	"os"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// fdTimer is a timerfd that Go's poller waits on: its expiry wakes the
// one thread blocked in the poller, and no runtime timer exists for the
// scheduler's monitor to wake for.
type fdTimer struct {
	f  *os.File
	rc syscall.RawConn
	fd uintptr
}

func newFDTimer(tick func()) (*fdTimer, error) {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), "timerfd")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	t := &fdTimer{f: f, rc: rc, fd: uintptr(fd)}
	go t.run(tick)
	return t, nil
}

// run calls tick on every expiry until the timer is closed.
func (t *fdTimer) run(tick func()) {
	var expiries [8]byte
	for {
		if _, errno, err := readFD(t.rc, expiries[:]); err != nil || errno != 0 {
			return
		}
		tick()
	}
}

// arm sets the one expiry, d from now (at once for d <= 0: a zero
// it_value would disarm the timer instead).
func (t *fdTimer) arm(d time.Duration) {
	spec := unix.ItimerSpec{Value: unix.NsecToTimespec(max(int64(d), 1))}
	unix.RawSyscall6(unix.SYS_TIMERFD_SETTIME, t.fd, 0, uintptr(unsafe.Pointer(&spec)), 0, 0, 0)
}

func (t *fdTimer) close() { t.f.Close() }
