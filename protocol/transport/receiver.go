package transport

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/roamterm/roam/protocol/fragment"
	"github.com/roamterm/roam/protocol/wire"
)

// ErrVersionMismatch is returned by Recv for an instruction whose
// protocol_version is not wire.ProtocolVersion. The instruction is dropped
// and the session carries on (mosh logs "mosh protocol version mismatch").
var ErrVersionMismatch = errors.New("transport: mosh protocol version mismatch")

// ErrThrowawayBeyondOld is returned by Recv for an instruction whose
// throwaway_num exceeds its old_num: honouring it would discard the very
// state the diff applies to (the real mosh aborts). It is dropped.
var ErrThrowawayBeyondOld = errors.New("transport: throwaway_num above old_num")

// Recv processes one received fragment (the payload of an authenticated
// datagram). It returns an error for a fragment or instruction that was
// dropped as malformed — none of them is fatal to the session. Stale,
// duplicated and out-of-order instructions are normal and return nil.
func (t *Transport[L, R]) Recv(payload []byte, now time.Time) error {
	frag, err := fragment.Parse(payload)
	if err != nil {
		return err
	}
	inst, err := t.assembler.Add(frag)
	if err != nil || inst == nil {
		return err
	}
	return t.recvInstruction(inst, now)
}

// recvInstruction is mosh's Transport::recv once an instruction is whole.
func (t *Transport[L, R]) recvInstruction(inst *wire.Instruction, now time.Time) error {
	if inst.ProtocolVersion != wire.ProtocolVersion {
		return fmt.Errorf("%w: got %d", ErrVersionMismatch, inst.ProtocolVersion)
	}

	t.processAcknowledgmentThrough(inst.AckNum)
	// Tell the connection about end-to-end connectivity (port hopping).
	t.conn.RoundTripSucceeded(t.sent[0].at)

	if t.findReceived(inst.NewNum) >= 0 {
		return nil // duplicate
	}
	ref := t.findReceived(inst.OldNum)
	if ref < 0 {
		// The reference state was discarded or has not arrived: this is
		// how stale, reordered and replayed diffs are dropped.
		return nil
	}
	if inst.ThrowawayNum > inst.OldNum {
		return fmt.Errorf("%w: throwaway %d, old %d", ErrThrowawayBeyondOld, inst.ThrowawayNum, inst.OldNum)
	}
	newState := timestampedState[R]{at: now, num: inst.NewNum, state: t.received[ref].state.Clone()}

	t.processThrowawayUntil(inst.ThrowawayNum)

	// A full queue accepts one state per quench period rather than
	// dropping held states: those may already have been acknowledged.
	if len(t.received) > receivedStatesMax {
		if now.Before(t.quenchUntil) {
			t.log.Debug("receiver queue full, discarding state", "num", inst.NewNum)
			return nil
		}
		t.quenchUntil = now.Add(receiverQuench)
	}

	if len(inst.Diff) > 0 {
		if err := newState.state.Apply(inst.Diff); err != nil {
			return fmt.Errorf("transport: state %d: %w", inst.NewNum, err)
		}
	}

	at, _ := slices.BinarySearchFunc(t.received, inst.NewNum, func(s timestampedState[R], num uint64) int {
		return cmpUint64(s.num, num)
	})
	t.received = slices.Insert(t.received, at, newState)
	if at != len(t.received)-1 {
		t.log.Debug("received out-of-order state", "num", inst.NewNum, "ack", inst.AckNum)
		return nil
	}
	t.log.Debug("received state", "num", inst.NewNum, "old", inst.OldNum, "ack", inst.AckNum)
	t.ackNum = inst.NewNum
	t.lastHeard = now
	if len(inst.Diff) > 0 {
		t.pendingDataAck = true
		// mosh's loop recomputes its timers right after a receive; doing
		// it here keeps the 100 ms bound whenever the caller ticks next.
		if t.nextAckTime.After(now.Add(ackDelay)) {
			t.nextAckTime = now.Add(ackDelay)
		}
	}
	return nil
}

func cmpUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// findReceived returns the index of the held peer state num, or -1.
func (t *Transport[L, R]) findReceived(num uint64) int {
	return slices.IndexFunc(t.received, func(s timestampedState[R]) bool { return s.num == num })
}

// processAcknowledgmentThrough drops the sent states older than ackNum,
// unless ackNum names a state we no longer hold (culled: ignore the ack).
func (t *Transport[L, R]) processAcknowledgmentThrough(ackNum uint64) {
	i := slices.IndexFunc(t.sent, func(s timestampedState[L]) bool { return s.num == ackNum })
	if i < 0 {
		return
	}
	t.sent = slices.DeleteFunc(t.sent, func(s timestampedState[L]) bool { return s.num < ackNum })
	t.assumed = 0 // recomputed before its next use
}

// processThrowawayUntil discards held peer states the sender will never
// diff against again. The caller has checked throwaway ≤ old_num, so the
// reference state survives and the list never empties.
func (t *Transport[L, R]) processThrowawayUntil(throwaway uint64) {
	t.received = slices.DeleteFunc(t.received, func(s timestampedState[R]) bool { return s.num < throwaway })
}

// RemoteStateNum is the number of the newest peer state held.
func (t *Transport[L, R]) RemoteStateNum() uint64 { return t.received[len(t.received)-1].num }

// LatestRemoteState returns the newest peer state held and its number. The
// state belongs to the transport: read it, do not change it. (The client
// renders it as its framebuffer.)
func (t *Transport[L, R]) LatestRemoteState() (num uint64, state R) {
	newest := t.received[len(t.received)-1]
	return newest.num, newest.state
}

// RemoteDiff returns the diff from the peer state the application last
// consumed to the newest one, and marks the newest as consumed (mosh's
// get_remote_diff; the server feeds the user events in it to the pty). It
// also rationalises the held states.
func (t *Transport[L, R]) RemoteDiff() []byte {
	newest := t.received[len(t.received)-1].state
	diff := newest.DiffFrom(t.lastConsumed)
	oldest := t.received[0].state
	for i := len(t.received) - 1; i >= 0; i-- {
		t.received[i].state.Subtract(oldest)
	}
	t.lastConsumed = newest.Clone()
	return diff
}
