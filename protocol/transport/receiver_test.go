package transport

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/fragment"
	"github.com/roamterm/roam/protocol/transport/transporttest"
	"github.com/roamterm/roam/protocol/wire"
)

func receivedNums[L State[L], R State[R]](tr *Transport[L, R]) []uint64 {
	var nums []uint64
	for _, s := range tr.received {
		nums = append(nums, s.num)
	}
	return nums
}

func TestReceiverRules(t *testing.T) {
	type step struct {
		inst    wire.Instruction
		wantErr error
	}
	tests := []struct {
		name      string
		steps     []step
		wantNums  []uint64
		wantValue string
		wantAck   uint64
	}{
		{
			name:      "in order",
			steps:     []step{{inst: wire.Instruction{OldNum: 0, NewNum: 1, Diff: []byte("=a")}}, {inst: wire.Instruction{OldNum: 1, NewNum: 2, Diff: []byte("=b")}}},
			wantNums:  []uint64{0, 1, 2},
			wantValue: "b",
			wantAck:   2,
		},
		{
			name: "duplicate new_num ignored",
			steps: []step{
				{inst: wire.Instruction{OldNum: 0, NewNum: 1, Diff: []byte("=a")}},
				{inst: wire.Instruction{OldNum: 0, NewNum: 1, Diff: []byte("=zz"), Chaff: []byte{1}}},
			},
			wantNums:  []uint64{0, 1},
			wantValue: "a",
			wantAck:   1,
		},
		{
			name:      "unknown old_num ignored",
			steps:     []step{{inst: wire.Instruction{OldNum: 5, NewNum: 6, Diff: []byte("=a")}}},
			wantNums:  []uint64{0},
			wantValue: "",
			wantAck:   0,
		},
		{
			name: "wrong protocol version dropped",
			steps: []step{
				{inst: wire.Instruction{ProtocolVersion: 1, OldNum: 0, NewNum: 1, Diff: []byte("=a")}, wantErr: ErrVersionMismatch},
				{inst: wire.Instruction{ProtocolVersion: 3, OldNum: 0, NewNum: 1, Diff: []byte("=a"), Chaff: []byte{1}}, wantErr: ErrVersionMismatch},
			},
			wantNums: []uint64{0},
		},
		{
			name: "throwaway discards older states",
			steps: []step{
				{inst: wire.Instruction{OldNum: 0, NewNum: 1, Diff: []byte("=a")}},
				{inst: wire.Instruction{OldNum: 1, NewNum: 2, Diff: []byte("=b")}},
				{inst: wire.Instruction{OldNum: 2, NewNum: 3, ThrowawayNum: 2, Diff: []byte("=c")}},
				// State 1 is gone now: a diff against it is ignored.
				{inst: wire.Instruction{OldNum: 1, NewNum: 4, Diff: []byte("=d")}},
			},
			wantNums:  []uint64{2, 3},
			wantValue: "c",
			wantAck:   3,
		},
		{
			name: "throwaway above old_num rejected",
			steps: []step{
				{inst: wire.Instruction{OldNum: 0, NewNum: 1, Diff: []byte("=a")}},
				{inst: wire.Instruction{OldNum: 0, NewNum: 2, ThrowawayNum: 1, Diff: []byte("=b")}, wantErr: ErrThrowawayBeyondOld},
			},
			wantNums:  []uint64{0, 1},
			wantValue: "a",
			wantAck:   1,
		},
		{
			name: "out of order inserted but not acked",
			steps: []step{
				{inst: wire.Instruction{OldNum: 0, NewNum: 2, Diff: []byte("=b")}},
				{inst: wire.Instruction{OldNum: 0, NewNum: 1, Diff: []byte("=a")}},
			},
			wantNums:  []uint64{0, 1, 2},
			wantValue: "b",
			wantAck:   2,
		},
		{
			name:      "undecodable diff dropped",
			steps:     []step{{inst: wire.Instruction{OldNum: 0, NewNum: 1, Diff: []byte("?")}, wantErr: errAnything}},
			wantNums:  []uint64{0},
			wantValue: "",
		},
		{
			name:      "shutdown state",
			steps:     []step{{inst: wire.Instruction{OldNum: 0, NewNum: wire.Shutdown}}},
			wantNums:  []uint64{0, wire.Shutdown},
			wantAck:   wire.Shutdown,
			wantValue: "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn := transporttest.NewConn()
			c := newClient(conn)
			p := &peer{t: t}
			for i, s := range tc.steps {
				err := p.send(c, s.inst, at(i))
				switch {
				case s.wantErr == errAnything && err != nil:
				case !errors.Is(err, s.wantErr):
					t.Fatalf("step %d: Recv error %v, want %v", i, err, s.wantErr)
				}
			}
			if got := receivedNums(c); !slices.Equal(got, tc.wantNums) {
				t.Errorf("held states %v, want %v", got, tc.wantNums)
			}
			num, v := c.LatestRemoteState()
			if string(v.V) != tc.wantValue || num != c.RemoteStateNum() {
				t.Errorf("LatestRemoteState = %d %q, want %q (RemoteStateNum %d)", num, v.V, tc.wantValue, c.RemoteStateNum())
			}
			if c.ackNum != tc.wantAck {
				t.Errorf("ack_num %d, want %d", c.ackNum, tc.wantAck)
			}
		})
	}
}

// errAnything marks a step that must fail with some error.
var errAnything = errors.New("any error")

func TestRecvMalformedFragment(t *testing.T) {
	c := newClient(transporttest.NewConn())
	if err := c.Recv([]byte("short"), t0); !errors.Is(err, fragment.ErrShort) {
		t.Errorf("short fragment: %v", err)
	}
	bad := fragment.Fragment{ID: 1, Final: true, Data: []byte("not zlib")}
	if err := c.Recv(bad.Append(nil), t0); err == nil || !strings.HasPrefix(err.Error(), "fragment: ") {
		t.Errorf("corrupt fragment: %v", err)
	}
}

func TestLastHeardOnlyForNewestState(t *testing.T) {
	c := newClient(transporttest.NewConn())
	p := &peer{t: t}
	if !c.LastHeard().IsZero() {
		t.Fatal("LastHeard set before any state")
	}
	if err := p.send(c, wire.Instruction{OldNum: 0, NewNum: 2}, at(10)); err != nil {
		t.Fatal(err)
	}
	if err := p.send(c, wire.Instruction{OldNum: 0, NewNum: 1}, at(20)); err != nil { // out of order
		t.Fatal(err)
	}
	if !c.LastHeard().Equal(at(10)) {
		t.Errorf("LastHeard = %v, want the arrival of the newest state", c.LastHeard().Sub(t0))
	}
}

func TestAckProcessing(t *testing.T) {
	conn := transporttest.NewConn()
	c := newClient(conn)
	p := &peer{t: t}
	now := t0
	runUntil(t, c, &now, at(7000)) // heartbeats 1, 2, 3 at 0, 3000, 6000
	if got := c.SentStateLast(); got != 3 {
		t.Fatalf("SentStateLast = %d, want 3", got)
	}
	if err := p.send(c, wire.Instruction{NewNum: 1, AckNum: 2}, now); err != nil {
		t.Fatal(err)
	}
	if c.SentStateAcked() != 2 || !c.SentStateAckedTimestamp().Equal(at(3000)) || !conn.LastRoundTrip.Equal(at(3000)) {
		t.Errorf("after ack 2: acked %d sent at %v, round trip %v", c.SentStateAcked(),
			c.SentStateAckedTimestamp().Sub(t0), conn.LastRoundTrip.Sub(t0))
	}
	if err := p.send(c, wire.Instruction{OldNum: 1, NewNum: 2, AckNum: 1}, now); err != nil { // older ack: state 1 is gone
		t.Fatal(err)
	}
	if err := p.send(c, wire.Instruction{OldNum: 2, NewNum: 3, AckNum: 99}, now); err != nil { // never sent
		t.Fatal(err)
	}
	if c.SentStateAcked() != 2 {
		t.Errorf("acked %d after stale acks, want 2", c.SentStateAcked())
	}
}

func TestReceiverQuench(t *testing.T) {
	c := newClient(transporttest.NewConn())
	for num := uint64(1); num <= receivedStatesMax; num++ {
		if err := c.recvInstruction(&wire.Instruction{ProtocolVersion: 2, OldNum: 0, NewNum: num}, t0); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.received) != receivedStatesMax+1 {
		t.Fatalf("%d states held, want %d", len(c.received), receivedStatesMax+1)
	}
	steps := []struct {
		at     time.Duration
		accept bool
	}{
		{0, true},      // the quench timer has never run: accept and arm it
		{ms(1), false}, // full and quenched
		{receiverQuench - ms(1), false},
		{receiverQuench, true}, // the 15 s have passed
		{receiverQuench + ms(1), false},
	}
	next := uint64(receivedStatesMax + 1)
	for _, s := range steps {
		held := len(c.received)
		if err := c.recvInstruction(&wire.Instruction{ProtocolVersion: 2, OldNum: 0, NewNum: next}, t0.Add(s.at)); err != nil {
			t.Fatal(err)
		}
		if accepted := len(c.received) > held; accepted != s.accept {
			t.Errorf("state %d at %v: accepted %v, want %v", next, s.at, accepted, s.accept)
		}
		next++
	}
}

// TestRemoteDiff checks the application's view of the peer's state: each
// call returns what changed since the last, and rationalisation keeps the
// log bounded.
func TestRemoteDiff(t *testing.T) {
	conn := transporttest.NewConn()
	s := New(conn, &transporttest.Value{}, &transporttest.Log{}, testOptions(ServerSendMinDelay, 1))
	p := &peer{t: t}
	var consumed []byte
	if err := p.send(s, wire.Instruction{OldNum: 0, NewNum: 1, Diff: []byte("ab")}, t0); err != nil {
		t.Fatal(err)
	}
	consumed = append(consumed, s.RemoteDiff()...)
	if d := s.RemoteDiff(); len(d) != 0 {
		t.Errorf("second RemoteDiff without news = %q", d)
	}
	if err := p.send(s, wire.Instruction{OldNum: 1, NewNum: 2, Diff: []byte("cd")}, t0); err != nil {
		t.Fatal(err)
	}
	if err := p.send(s, wire.Instruction{OldNum: 2, NewNum: 3, ThrowawayNum: 2, Diff: []byte("ef")}, t0); err != nil {
		t.Fatal(err)
	}
	consumed = append(consumed, s.RemoteDiff()...)
	if string(consumed) != "abcdef" {
		t.Errorf("consumed %q, want %q", consumed, "abcdef")
	}
	_, newest := s.LatestRemoteState()
	if newest.Len() != 6 || len(newest.Held()) != 2 {
		t.Errorf("newest state: length %d holding %q, want 6 holding \"ef\"", newest.Len(), newest.Held())
	}
}
