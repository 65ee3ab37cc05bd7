package rawio

import "time"

// Timer delivers a tick on C once the duration last passed to Reset has
// elapsed, like a time.Timer that is reset on every turn of a loop.
// A tick that was already on its way when Reset was called may still
// arrive afterwards, so a loop must treat a tick as "look at the clock",
// never as "the deadline passed".
type Timer struct {
	// C receives the ticks; it holds at most one.
	C <-chan struct{}

	c  chan struct{}
	fd *fdTimer    // nil: rt is the timer
	rt *time.Timer // fallback where no timer descriptor is available
}

// NewTimer returns a stopped Timer.
func NewTimer() *Timer {
	c := make(chan struct{}, 1)
	t := &Timer{C: c, c: c}
	if fd, err := newFDTimer(t.tick); err == nil {
		t.fd = fd
		return t
	}
	t.rt = time.AfterFunc(time.Hour, t.tick)
	t.rt.Stop()
	return t
}

// Reset discards a pending tick and schedules the next one d from now; d
// at or below zero ticks at once.
func (t *Timer) Reset(d time.Duration) {
	select {
	case <-t.c:
	default:
	}
	if t.fd != nil {
		t.fd.arm(d)
		return
	}
	t.rt.Reset(d)
}

// Stop releases the timer. It must not be used afterwards.
func (t *Timer) Stop() {
	if t.fd != nil {
		t.fd.close()
		return
	}
	t.rt.Stop()
}

func (t *Timer) tick() {
	select {
	case t.c <- struct{}{}:
	default:
	}
}
