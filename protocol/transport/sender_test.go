package transport

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/transport/transporttest"
	"github.com/roamterm/roam/protocol/wire"
)

func TestSendInterval(t *testing.T) {
	tests := []struct {
		srtt, want time.Duration
	}{
		{0, ms(20)},
		{ms(1), ms(20)},
		{ms(40), ms(20)},
		{ms(40) + time.Microsecond, ms(21)}, // ceil(20.0005 ms)
		{ms(41), ms(21)},
		{ms(100), ms(50)},
		{ms(499), ms(250)},
		{ms(500), ms(250)},
		{time.Second, ms(250)}, // mosh's SRTT before the first sample
	}
	for _, tc := range tests {
		conn := transporttest.NewConn()
		conn.SmoothedRTT = tc.srtt
		if got := newClient(conn).SendInterval(); got != tc.want {
			t.Errorf("SRTT %v: SendInterval = %v, want %v", tc.srtt, got, tc.want)
		}
	}
}

func TestHeartbeat(t *testing.T) {
	conn := transporttest.NewConn()
	c := newClient(conn)
	now := t0
	runUntil(t, c, &now, at(10000))
	got := decodeSent(t, conn.Sent)
	if want := []time.Duration{0, ms(3000), ms(6000), ms(9000)}; !slices.Equal(sendTimes(got), want) {
		t.Fatalf("sends at %v, want %v", sendTimes(got), want)
	}
	for i, s := range got {
		want := wire.Instruction{ProtocolVersion: 2, NewNum: uint64(i + 1)}
		s.inst.Chaff = nil
		if !instructionEqual(s.inst, &want) {
			t.Errorf("heartbeat %d = %+v, want %+v", i, s.inst, want)
		}
	}
}

func instructionEqual(a, b *wire.Instruction) bool {
	return bytes.Equal(a.AppendMarshal(nil), b.AppendMarshal(nil))
}

func TestMinDelayAndFrameInterval(t *testing.T) {
	tests := []struct {
		name      string
		minDelay  time.Duration
		appendAt  []int // ms: one byte appended at each
		wantSends []int // ms, after the first empty ack at 0
	}{
		// SRTT 100 ms: frames at least 50 ms apart.
		{"server", ServerSendMinDelay, []int{1000, 1009, 1120}, []int{1008, 1058, 1128}},
		{"client", ClientSendMinDelay, []int{1000, 1002, 1120}, []int{1001, 1051, 1121}},
		{"burst within the min delay goes out once", ServerSendMinDelay, []int{1000, 1003, 1007}, []int{1008}},
		// The heartbeat at 3000 carries no change: the key need not wait
		// a frame interval behind it.
		{"a change does not wait behind an empty ack", ClientSendMinDelay, []int{3010, 3020}, []int{3000, 3011, 3061}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn := transporttest.NewConn()
			conn.SmoothedRTT, conn.Timeout = ms(100), ms(200)
			c := New(conn, &transporttest.Log{}, &transporttest.Value{}, testOptions(tc.minDelay, 1))
			now := t0
			for _, a := range tc.appendAt {
				runUntil(t, c, &now, at(a))
				c.CurrentState().Append('x')
			}
			runUntil(t, c, &now, at(tc.appendAt[len(tc.appendAt)-1]+400))
			var want []time.Duration
			for _, w := range append([]int{0}, tc.wantSends...) {
				want = append(want, ms(w))
			}
			if got := sendTimes(decodeSent(t, conn.Sent)); !slices.Equal(got, want) {
				t.Errorf("sends at %v, want %v", got, want)
			}
		})
	}
}

func TestAckDelay(t *testing.T) {
	tests := []struct {
		name     string
		diff     []byte
		wantAck  int
		wantNext int
	}{
		{"non-empty diff acked within 100 ms", []byte("=x"), 1100, 4100},
		{"empty diff waits for the heartbeat", nil, 3000, 6000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn := transporttest.NewConn()
			c := newClient(conn)
			p := &peer{t: t}
			now := t0
			runUntil(t, c, &now, at(1000))
			if err := p.send(c, wire.Instruction{OldNum: 0, NewNum: 1, Diff: tc.diff}, now); err != nil {
				t.Fatal(err)
			}
			runUntil(t, c, &now, at(6500))
			got := decodeSent(t, conn.Sent)
			want := []time.Duration{0, ms(tc.wantAck), ms(tc.wantNext)}
			if !slices.Equal(sendTimes(got), want) {
				t.Fatalf("sends at %v, want %v", sendTimes(got), want)
			}
			if got[1].inst.AckNum != 1 {
				t.Errorf("ack_num = %d, want 1", got[1].inst.AckNum)
			}
		})
	}
}

// TestRetransmission covers RTO+100 resends while the peer was heard in
// the last 10 s, and the fall-back to the 3-s ack timer after that.
func TestRetransmission(t *testing.T) {
	conn := transporttest.NewConn()
	conn.SmoothedRTT, conn.Timeout = ms(100), ms(200)
	c := newClient(conn)
	p := &peer{t: t}
	now := t0
	runUntil(t, c, &now, at(500))
	// The peer acks our heartbeat (state 1) with an empty state of its own.
	if err := p.send(c, wire.Instruction{OldNum: 0, NewNum: 1, AckNum: 1}, now); err != nil {
		t.Fatal(err)
	}
	if c.SentStateAcked() != 1 || !conn.LastRoundTrip.Equal(t0) {
		t.Fatalf("acked %d at %v, want state 1 sent at t0", c.SentStateAcked(), conn.LastRoundTrip)
	}
	runUntil(t, c, &now, at(600))
	c.CurrentState().Append('a')
	runUntil(t, c, &now, at(17000))

	want := []time.Duration{0}
	for s := 601; s < 10500; s += 300 { // heard at 500: active until 10500
		want = append(want, ms(s))
	}
	last := want[len(want)-1]
	want = append(want, last+ms(3000), last+ms(6000))
	got := decodeSent(t, conn.Sent)
	if !slices.Equal(sendTimes(got), want) {
		t.Fatalf("sends at\n%v\nwant\n%v", sendTimes(got), want)
	}
	for _, s := range got[1:] {
		if s.inst.OldNum != 1 || s.inst.NewNum != 2 || string(s.inst.Diff) != "a" || s.inst.ThrowawayNum != 1 {
			t.Fatalf("resend at %v = %+v, want the same state 1→2", s.at.Sub(t0), s.inst)
		}
	}
}

// TestNeverHeardResendsOnAckTimer: a client that never heard the server
// repeats its first state only every 3 s.
func TestNeverHeardResendsOnAckTimer(t *testing.T) {
	conn := transporttest.NewConn()
	c := newClient(conn)
	c.CurrentState().Append('r')
	now := t0
	runUntil(t, c, &now, at(9500))
	got := decodeSent(t, conn.Sent)
	if want := []time.Duration{0, ms(3000), ms(6000), ms(9000)}; !slices.Equal(sendTimes(got), want) {
		t.Fatalf("sends at %v, want %v", sendTimes(got), want)
	}
	for _, s := range got {
		if s.inst.NewNum != 1 || s.inst.OldNum != 0 || string(s.inst.Diff) != "r" {
			t.Errorf("send at %v = %+v, want state 0→1 \"r\"", s.at.Sub(t0), s.inst)
		}
	}
}

// TestAssumedStateAgesOut covers the assumed receiver state and the
// prospective resend optimisation: a second change is sent against the
// unacknowledged first one only when resending both is much longer, and
// once the first is older than RTO+100 everything is resent against the
// acknowledged state.
func TestAssumedStateAgesOut(t *testing.T) {
	big := string(bytes.Repeat([]byte{'a'}, 1500))
	type send struct {
		at       int
		old, new uint64
		diff     string
	}
	tests := []struct {
		name  string
		first string
		want  []send
	}{
		{
			// 0: empty ack (1). 101: the ack of the peer's state 1 rides
			// on state "a" (2, old 0). 251: "ab" against the acked state
			// 0 is barely longer than "b", so it is resent whole. 551:
			// state 3 is not acked within RTO+100: resend.
			name:  "small change resent whole",
			first: "a",
			want:  []send{{0, 0, 1, ""}, {101, 0, 2, "a"}, {251, 0, 3, "ab"}, {551, 0, 3, "ab"}},
		},
		{
			// 251: resending 1501 bytes is too long, so "b" goes against
			// the assumed state 2. 551: state 2 (sent at 101) aged out
			// first, so the assumed state falls back to 0.
			name:  "large change diffed against the assumed state",
			first: big,
			want:  []send{{0, 0, 1, ""}, {101, 0, 2, big}, {251, 2, 3, "b"}, {551, 0, 3, big + "b"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn := transporttest.NewConn()
			conn.SmoothedRTT, conn.Timeout = ms(100), ms(200)
			c := newClient(conn)
			p := &peer{t: t}
			now := t0
			runUntil(t, c, &now, at(100))
			if err := p.send(c, wire.Instruction{NewNum: 1}, now); err != nil { // heard, nothing acked
				t.Fatal(err)
			}
			c.CurrentState().Append([]byte(tc.first)...)
			runUntil(t, c, &now, at(250))
			c.CurrentState().Append('b')
			runUntil(t, c, &now, at(600))
			got := decodeSent(t, conn.Sent)
			if len(got) != len(tc.want) {
				t.Fatalf("sends at %v, want %d", sendTimes(got), len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.at != at(w.at) || g.inst.OldNum != w.old || g.inst.NewNum != w.new || string(g.inst.Diff) != w.diff {
					t.Errorf("send %d at %v = %d→%d (%d bytes), want at %d ms %d→%d (%d bytes)",
						i, g.at.Sub(t0), g.inst.OldNum, g.inst.NewNum, len(g.inst.Diff), w.at, w.old, w.new, len(w.diff))
				}
			}
		})
	}
}

func TestShutdownGivesUpAfter16Tries(t *testing.T) {
	conn := transporttest.NewConn() // SRTT 1 s: send interval 250 ms
	c := newClient(conn)
	now := t0
	runUntil(t, c, &now, at(1000))
	c.StartShutdown(now)
	c.StartShutdown(now.Add(time.Second)) // no effect
	if !c.ShutdownInProgress() {
		t.Fatal("ShutdownInProgress = false")
	}
	for now.Before(at(6000)) && !c.ShutdownAckTimedOut(now) {
		runUntil(t, c, &now, now.Add(time.Millisecond))
	}
	got := decodeSent(t, conn.Sent)[1:]
	if len(got) != shutdownRetries {
		t.Fatalf("%d shutdown sends, want %d", len(got), shutdownRetries)
	}
	for i, s := range got {
		if s.at != at(1000+250*i) || s.inst.NewNum != wire.Shutdown {
			t.Errorf("shutdown send %d at %v new %d, want at %d ms new %d", i, s.at.Sub(t0), s.inst.NewNum, 1000+250*i, wire.Shutdown)
		}
	}
	if !now.Equal(at(1000 + 250*15 + 1)) {
		t.Errorf("timed out at %v, want right after the 16th send", now.Sub(t0))
	}
	if c.ShutdownAcknowledged() {
		t.Error("ShutdownAcknowledged without an ack")
	}
}

func TestShutdownGivesUpAfter10s(t *testing.T) {
	conn := transporttest.NewConn()
	conn.Known = false // nothing can be sent, so only the clock counts
	c := newClient(conn)
	start := at(500)
	if c.ShutdownAckTimedOut(start) {
		t.Fatal("timed out before shutdown started")
	}
	c.StartShutdown(start)
	now := t0
	runUntil(t, c, &now, start.Add(10*time.Second))
	if c.ShutdownAckTimedOut(start.Add(10*time.Second - time.Millisecond)) {
		t.Error("timed out before 10 s")
	}
	if !c.ShutdownAckTimedOut(start.Add(10 * time.Second)) {
		t.Error("not timed out after 10 s")
	}
	if w := c.WaitTime(now); w != idleWait {
		t.Errorf("WaitTime without a peer = %v, want %v", w, idleWait)
	}
}

func TestCounterpartyShutdownIsAcked(t *testing.T) {
	conn := transporttest.NewConn()
	c := newClient(conn)
	p := &peer{t: t}
	now := t0
	runUntil(t, c, &now, at(1000))
	if c.CounterpartyShutdownAckSent() {
		t.Fatal("CounterpartyShutdownAckSent before any shutdown")
	}
	if err := p.send(c, wire.Instruction{OldNum: 0, NewNum: wire.Shutdown}, now); err != nil {
		t.Fatal(err)
	}
	// The last send was at 0, so the pulled-in ack timer (last send + 250
	// ms) has passed: the ack goes out at once.
	if w := c.WaitTime(now); w != 0 {
		t.Errorf("WaitTime after the peer's shutdown = %v, want 0", w)
	}
	runUntil(t, c, &now, at(1001))
	got := decodeSent(t, conn.Sent)
	if last := got[len(got)-1]; last.at != at(1000) || last.inst.AckNum != wire.Shutdown {
		t.Fatalf("last send at %v ack %d, want at 1000 ms ack %d", last.at.Sub(t0), last.inst.AckNum, wire.Shutdown)
	}
	if !c.CounterpartyShutdownAckSent() {
		t.Error("CounterpartyShutdownAckSent = false after acking")
	}
}

// TestThrowawayNeverAboveOld sends many unacknowledged states so the list
// is culled, with the peer acknowledging now and then (sometimes a culled
// state), and checks every instruction and the list bound.
func TestThrowawayNeverAboveOld(t *testing.T) {
	conn := transporttest.NewConn()
	conn.SmoothedRTT, conn.Timeout = ms(40), ms(120)
	c := newClient(conn)
	p := &peer{t: t}
	now := t0
	var peerNum uint64
	for step := range 400 {
		runUntil(t, c, &now, now.Add(ms(30)))
		c.CurrentState().Append(byte(step))
		if step%7 == 0 {
			// Ack a state we sent a while ago, possibly one already culled.
			insts := decodeSent(t, conn.Sent)
			ack := insts[len(insts)*2/3].inst.NewNum
			peerNum++
			if err := p.send(c, wire.Instruction{OldNum: peerNum - 1, NewNum: peerNum, AckNum: ack}, now); err != nil {
				t.Fatal(err)
			}
		}
		if len(c.sent) > sentStatesMax {
			t.Fatalf("step %d: %d sent states held", step, len(c.sent))
		}
	}
	insts := decodeSent(t, conn.Sent)
	if len(insts) < 300 {
		t.Fatalf("only %d instructions sent", len(insts))
	}
	for _, s := range insts {
		if s.inst.ThrowawayNum > s.inst.OldNum {
			t.Fatalf("instruction at %v: throwaway %d > old %d", s.at.Sub(t0), s.inst.ThrowawayNum, s.inst.OldNum)
		}
	}
}

func TestSendErrorIsReported(t *testing.T) {
	conn := transporttest.NewConn()
	conn.SendErr = errTest
	c := newClient(conn)
	if err := c.Tick(t0); err == nil {
		t.Fatal("Tick hid the send error")
	}
	// The bookkeeping went ahead: the heartbeat is not repeated at once.
	if w := c.WaitTime(t0); w != ackInterval {
		t.Errorf("WaitTime after a failed send = %v, want %v", w, ackInterval)
	}
}
