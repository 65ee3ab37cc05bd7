package statesync

import (
	"math"
	"time"
)

// EchoTimeout is how long input must have been in the application's hands
// before the server acknowledges its echo (mosh's ECHO_TIMEOUT): the
// client's predictor takes an echo ack of N to mean "whatever the
// application echoed for input up to state N is in this frame".
const EchoTimeout = 50 * time.Millisecond

// NoWait is what the WaitTime methods return when nothing is scheduled.
const NoWait = time.Duration(math.MaxInt64)

// maxInputFrames bounds the echo-ack history. Frames arrive at most once
// per received client state, and the history drains every EchoTimeout, so
// the bound is only reached by a flood; the oldest records then go first,
// which only makes an echo ack come early for input that is long gone.
const maxInputFrames = 1024

// inputFrame records when the server took in a client state with events.
type inputFrame struct {
	num uint64
	at  time.Time
}

// echoAcker computes echo_ack from the times client states were taken
// in. It is not part of the synchronised state: clones do not carry it.
type echoAcker struct {
	frames []inputFrame // oldest first, all newer than the current ack
}

func (e *echoAcker) register(num uint64, now time.Time) {
	if len(e.frames) == maxInputFrames {
		e.frames = append(e.frames[:0], e.frames[1:]...)
	}
	e.frames = append(e.frames, inputFrame{num, now})
}

// newest returns the newest frame number that has been registered for at
// least EchoTimeout, and drops every frame up to it.
func (e *echoAcker) newest(now time.Time) (uint64, bool) {
	var num uint64
	found := false
	n := 0
	for i, f := range e.frames {
		if now.Sub(f.at) < EchoTimeout {
			break
		}
		num, found, n = f.num, true, i+1
	}
	e.frames = append(e.frames[:0], e.frames[n:]...)
	return num, found
}

// waitTime returns how long until the oldest pending frame becomes old
// enough to acknowledge. Unlike mosh, which schedules only from the second
// record and so leaves the very first echo ack to whatever wakes the loop
// next, every pending frame schedules a wakeup.
func (e *echoAcker) waitTime(now time.Time) time.Duration {
	if len(e.frames) == 0 {
		return NoWait
	}
	return max(0, e.frames[0].at.Add(EchoTimeout).Sub(now))
}
