package transport

import (
	"time"

	"github.com/roamterm/roam/protocol/wire"
)

// The shutdown handshake (mosh-wire.md §4.8):
//
//	initiator                          peer
//	StartShutdown
//	new_num = Shutdown  ───────────▶   holds state Shutdown, so ack_num = Shutdown;
//	  every send interval               its ack timer fires within a send interval
//	ShutdownAcknowledged ◀─────────    ack_num = Shutdown sent:
//	  (or ShutdownAckTimedOut            CounterpartyShutdownAckSent; it may exit
//	   after 16 tries or 10 s)

// StartShutdown begins the shutdown handshake: from now on every state is
// sent as state number Shutdown, at the frame rate. Calling it again has no
// effect.
func (t *Transport[L, R]) StartShutdown(now time.Time) {
	if t.shutdownInProgress {
		return
	}
	t.shutdownInProgress = true
	t.shutdownStart = now
}

// ShutdownInProgress reports whether StartShutdown was called.
func (t *Transport[L, R]) ShutdownInProgress() bool { return t.shutdownInProgress }

// ShutdownAcknowledged reports whether the peer acknowledged our shutdown
// state: the initiator may exit cleanly.
func (t *Transport[L, R]) ShutdownAcknowledged() bool { return t.sent[0].num == wire.Shutdown }

// CounterpartyShutdownAckSent reports whether we have sent an
// acknowledgement of the peer's shutdown state: the peer's side is done and
// we may exit.
func (t *Transport[L, R]) CounterpartyShutdownAckSent() bool { return t.lastAckSent == wire.Shutdown }

// ShutdownAckTimedOut reports whether the initiator should stop waiting for
// the acknowledgement: 16 shutdown instructions sent, or 10 s passed.
func (t *Transport[L, R]) ShutdownAckTimedOut(now time.Time) bool {
	if !t.shutdownInProgress {
		return false
	}
	return t.shutdownTries >= shutdownRetries || now.Sub(t.shutdownStart) >= activeRetryTimeout
}
