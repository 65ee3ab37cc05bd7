package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/roamterm/roam/protocol/wire"
)

// Tick sends whatever is due at now: a new or resent diff, or an empty ack.
// It returns an error only for local failures to build or send a datagram;
// the state bookkeeping proceeds as if the datagram had left, as mosh does,
// and the protocol's resends recover.
func (t *Transport[L, R]) Tick(now time.Time) error {
	t.calculateTimers(now)
	if !t.conn.PeerKnown() {
		return nil
	}
	if now.Before(t.nextAckTime) && !reached(now, t.nextSendTime) {
		return nil
	}

	target := t.stepFrom(t.sent[t.assumed].state)
	diff := target.DiffFrom(t.sent[t.assumed].state)
	target, diff = t.attemptProspectiveResend(target, diff)
	t.verify(target, diff)

	var err error
	if len(diff) == 0 {
		if !now.Before(t.nextAckTime) {
			err = t.sendEmptyAck(now)
			t.mindelayClock = time.Time{}
		}
		if reached(now, t.nextSendTime) {
			t.nextSendTime = time.Time{}
			t.mindelayClock = time.Time{}
		}
	} else if reached(now, t.nextSendTime) || !now.Before(t.nextAckTime) {
		err = t.sendToReceiver(now, target, diff)
		t.mindelayClock = time.Time{}
	}
	return err
}

// WaitTime returns how long the caller may wait before the next Tick is
// needed: 0 if something is due now, and idleWait (an hour) while the
// peer's address is unknown.
func (t *Transport[L, R]) WaitTime(now time.Time) time.Duration {
	t.calculateTimers(now)
	if !t.conn.PeerKnown() {
		return idleWait
	}
	next := t.nextAckTime
	if !t.nextSendTime.IsZero() && t.nextSendTime.Before(next) {
		next = t.nextSendTime
	}
	return min(max(next.Sub(now), 0), idleWait)
}

// reached reports whether the optional deadline (zero = none) has come.
func reached(now, deadline time.Time) bool {
	return !deadline.IsZero() && !now.Before(deadline)
}

// calculateTimers is mosh's calculate_timers: it refreshes the assumed
// receiver state, rationalises the stored states and recomputes when the
// next ack and the next send are due.
func (t *Transport[L, R]) calculateTimers(now time.Time) {
	t.updateAssumedReceiverState(now)
	t.rationalizeStates()

	if t.pendingDataAck && t.nextAckTime.After(now.Add(ackDelay)) {
		t.nextAckTime = now.Add(ackDelay)
	}

	back := t.sent[len(t.sent)-1]
	heardRecently := !t.lastHeard.IsZero() && t.lastHeard.Add(activeRetryTimeout).After(now)
	switch {
	case !t.current.Equal(back.state):
		// A new state: collect changes for sendMinDelay, and keep the
		// frame interval.
		if t.mindelayClock.IsZero() {
			t.mindelayClock = now
		}
		last := back.at
		if !t.background(t.current, back.state) {
			// A change that matters waits a frame interval behind the
			// last send that mattered, not behind background steps or
			// empty acks. (mosh counts acks too: a key typed just after
			// the client acknowledged a frame waited up to half an RTT
			// for nothing, and on a link busy with output the client
			// acknowledges every frame.)
			last = t.lastForeground
		}
		t.nextSendTime = later(t.mindelayClock.Add(t.sendMinDelay), last.Add(t.SendInterval()))
	case !t.current.Equal(t.sent[t.assumed].state) && heardRecently:
		// The assumed receiver state aged out: resend at the frame rate.
		t.nextSendTime = back.at.Add(t.SendInterval())
		if !t.mindelayClock.IsZero() {
			t.nextSendTime = later(t.nextSendTime, t.mindelayClock.Add(t.sendMinDelay))
		}
	case !t.current.Equal(t.sent[0].state) && heardRecently:
		// Sent and presumably in flight: resend if no ack within the RTO.
		t.nextSendTime = back.at.Add(t.conn.RTO() + ackDelay)
	default:
		t.nextSendTime = time.Time{}
	}

	// Speed up the shutdown handshake.
	if t.shutdownInProgress || t.ackNum == wire.Shutdown {
		t.nextAckTime = back.at.Add(t.SendInterval())
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// updateAssumedReceiverState assumes the peer holds every state sent less
// than RTO + ackDelay ago, walking forward from the acknowledged one and
// stopping at the first older state.
func (t *Transport[L, R]) updateAssumedReceiverState(now time.Time) {
	t.assumed = 0
	for i := 1; i < len(t.sent); i++ {
		if now.Sub(t.sent[i].at) >= t.conn.RTO()+ackDelay {
			return
		}
		t.assumed = i
	}
}

// rationalizeStates cuts the prefix the peer is known to hold out of every
// stored state, the acknowledged one last (it subtracts itself).
func (t *Transport[L, R]) rationalizeStates() {
	known := t.sent[0].state
	t.current.Subtract(known)
	for i := len(t.sent) - 1; i >= 0; i-- {
		t.sent[i].state.Subtract(known)
	}
}

// background reports whether s differs from old only by background steps
// (see Stepper); false for states that are not Steppers.
func (t *Transport[L, R]) background(s, old L) bool {
	st, ok := any(s).(Stepper[L])
	return ok && st.BackgroundFrom(old)
}

// stepFrom returns the state to send on the way from old to the current
// state: the current state itself unless it is a Stepper.
func (t *Transport[L, R]) stepFrom(old L) L {
	if s, ok := any(t.current).(Stepper[L]); ok {
		return s.StepFrom(old)
	}
	return t.current
}

// attemptProspectiveResend replaces proposed (a diff against an
// unacknowledged state, leading to target) by the diff against the
// acknowledged state when that is not longer, or longer by less than 100
// bytes while still under 1000 bytes: a cheap insurance against the
// assumed state having been lost.
func (t *Transport[L, R]) attemptProspectiveResend(target L, proposed []byte) (L, []byte) {
	if t.assumed == 0 {
		return target, proposed
	}
	acked := t.sent[0].state
	resendTarget := t.stepFrom(acked)
	if !resendTarget.Equal(target) {
		// A step from the acknowledged state gets less far: not a
		// like-for-like alternative, and taking it would stop the
		// pipelining of steps.
		return target, proposed
	}
	resend := resendTarget.DiffFrom(acked)
	if len(resend) <= len(proposed) || (len(resend) < 1000 && len(resend)-len(proposed) < 100) {
		t.assumed = 0
		return resendTarget, resend
	}
	return target, proposed
}

// verify is mosh's verbose round-trip check of a diff leading to target.
func (t *Transport[L, R]) verify(target L, diff []byte) {
	if !t.verifyDiffs {
		return
	}
	rebuilt := t.sent[t.assumed].state.Clone()
	if len(diff) > 0 {
		if err := rebuilt.Apply(diff); err != nil {
			t.log.Warn("round-trip Instruction verification failed", "err", err)
			return
		}
	}
	if !target.Equal(rebuilt) {
		t.log.Warn("round-trip Instruction verification failed")
	} else if !bytes.Equal(target.InitDiff(), rebuilt.InitDiff()) {
		t.log.Warn("target state Instruction verification failed")
	}
}

// sendEmptyAck sends a new state number carrying no diff: the heartbeat
// and the acknowledgement of the peer's states.
func (t *Transport[L, R]) sendEmptyAck(now time.Time) error {
	newNum := t.sent[len(t.sent)-1].num + 1
	if t.shutdownInProgress {
		newNum = wire.Shutdown
	}
	oldNum := t.sent[t.assumed].num // before addSentState may cull it
	t.addSentState(now, newNum, t.current)
	err := t.sendInFragments(now, nil, oldNum, newNum)
	t.nextAckTime = now.Add(ackInterval)
	t.nextSendTime = time.Time{}
	return err
}

// sendToReceiver sends diff, which leads from the assumed receiver state
// to target (the current state or a step towards it). If target was
// already sent this is a pure retransmission: the number is reused and
// only its timestamp refreshed.
func (t *Transport[L, R]) sendToReceiver(now time.Time, target L, diff []byte) error {
	back := &t.sent[len(t.sent)-1]
	newNum := back.num + 1
	if target.Equal(back.state) {
		newNum = back.num
	}
	if t.shutdownInProgress {
		newNum = wire.Shutdown
	}
	oldNum := t.sent[t.assumed].num
	if !t.background(target, back.state) {
		t.lastForeground = now
	}
	if newNum == back.num {
		back.at = now
	} else {
		t.addSentState(now, newNum, target)
	}
	err := t.sendInFragments(now, diff, oldNum, newNum)
	t.assumed = len(t.sent) - 1
	t.nextAckTime = now.Add(ackInterval)
	t.nextSendTime = time.Time{}
	return err
}

// addSentState appends a copy of state, culling one state from the middle
// of the list when it is full (never the acknowledged front). The callers
// take old_num before calling it, and t.assumed is recomputed before its
// next use, so culling the assumed state is harmless.
func (t *Transport[L, R]) addSentState(now time.Time, num uint64, state L) {
	t.sent = append(t.sent, timestampedState[L]{at: now, num: num, state: state.Clone()})
	if len(t.sent) > sentStatesMax {
		cull := len(t.sent) - sentStatesCullFromEnd
		t.sent = append(t.sent[:cull], t.sent[cull+1:]...)
	}
}

// sendInFragments builds the instruction and hands its fragments to the
// connection. throwaway_num is the acknowledged state, never above old_num
// (the real peer aborts otherwise): old_num is taken from the list, which
// is sorted, and the front is never culled.
func (t *Transport[L, R]) sendInFragments(now time.Time, diff []byte, oldNum, newNum uint64) error {
	inst := wire.Instruction{
		ProtocolVersion: wire.ProtocolVersion,
		OldNum:          oldNum,
		NewNum:          newNum,
		AckNum:          t.ackNum,
		ThrowawayNum:    t.sent[0].num,
		Diff:            diff,
		Chaff:           t.chaff(),
	}
	if newNum == wire.Shutdown {
		t.shutdownTries++
	}
	t.pendingDataAck = false
	t.lastAckSent = inst.AckNum

	maxPayload := t.conn.MaxPayload()
	frags, err := t.fragmenter.Make(&inst, maxPayload)
	if err != nil {
		return fmt.Errorf("transport: %w", err)
	}
	var errs []error
	buf := make([]byte, 0, maxPayload)
	for _, f := range frags {
		buf = f.Append(buf[:0])
		if err := t.conn.Send(buf, now); err != nil {
			errs = append(errs, err)
		}
		if t.log.Enabled(context.Background(), slog.LevelDebug) {
			t.log.Debug("sent", "old", inst.OldNum, "new", inst.NewNum, "id", f.ID, "frag", f.Num,
				"ack", inst.AckNum, "throwaway", inst.ThrowawayNum, "len", len(buf),
				"interval", t.SendInterval(), "rto", t.conn.RTO(), "srtt", t.conn.SRTT())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("transport: send: %w", errors.Join(errs...))
	}
	return nil
}

// chaff returns 0–16 random bytes to blur instruction lengths.
func (t *Transport[L, R]) chaff() []byte {
	var b [1 + chaffMax]byte
	if _, err := io.ReadFull(t.rand, b[:1]); err != nil {
		return nil
	}
	n := int(b[0]) % (chaffMax + 1)
	if _, err := io.ReadFull(t.rand, b[1:1+n]); err != nil {
		return nil
	}
	return append([]byte(nil), b[1:1+n]...)
}
