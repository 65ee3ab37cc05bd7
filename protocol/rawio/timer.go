package rawio

import (
	"sync/atomic"
	"time"
)

// Timer delivers a tick on C once the duration last passed to Reset has
// elapsed, or the deadline last passed to Arm has come, like a time.Timer
// that is reset on every turn of a loop.
// A tick that was already on its way when Reset was called may still
// arrive afterwards, so a loop must treat a tick as "look at the clock",
// never as "the deadline passed".
type Timer struct {
	// C receives the ticks; it holds at most one.
	C <-chan struct{}

	c  chan struct{}
	fd *fdTimer    // nil: rt is the timer
	rt *time.Timer // fallback where no timer descriptor is available

	// deadline is what Arm last scheduled (zero after a Reset), and
	// expired is set by each expiry before its tick is sent.
	deadline time.Time
	expired  atomic.Bool
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
	t.deadline = time.Time{}
	t.reset(d)
}

// Arm schedules the tick for deadline on the caller's clock, which reads
// now: Reset(deadline.Sub(now)), except that re-arming the deadline
// already armed, before it has passed, changes nothing and makes no
// system call. A loop that re-arms on every turn mostly finds its
// deadline where it was.
func (t *Timer) Arm(deadline, now time.Time) {
	if deadline.Equal(t.deadline) && !t.expired.Load() {
		return
	}
	t.deadline = deadline
	t.reset(deadline.Sub(now))
}

func (t *Timer) reset(d time.Duration) {
	select {
	case <-t.c:
	default:
	}
	// Cleared after the drain: an expiry from now on sets it again
	// before its tick arrives, so Arm never skips over a lost tick.
	t.expired.Store(false)
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
	t.expired.Store(true)
	select {
	case t.c <- struct{}{}:
	default:
	}
}
