package transport

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/fragment"
	"github.com/roamterm/roam/protocol/transport/transporttest"
	"github.com/roamterm/roam/protocol/wire"
)

// The test states satisfy State.
var (
	_ State[*transporttest.Log]   = (*transporttest.Log)(nil)
	_ State[*transporttest.Value] = (*transporttest.Value)(nil)
	_ Conn                        = (*transporttest.Conn)(nil)
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// at returns t0 + n milliseconds.
func at(n int) time.Time { return t0.Add(ms(n)) }

// client is a transport sending a Log and receiving a Value, as mosh's
// client sends its user stream and receives the terminal.
type client = Transport[*transporttest.Log, *transporttest.Value]

// server is the other direction.
type server = Transport[*transporttest.Value, *transporttest.Log]

func testOptions(minDelay time.Duration, seed uint64) Options {
	return Options{SendMinDelay: minDelay, Start: t0, Rand: rand.NewChaCha8([32]byte{byte(seed)}), VerifyDiffs: true}
}

func newClient(conn *transporttest.Conn) *client {
	return New(conn, &transporttest.Log{}, &transporttest.Value{}, testOptions(ClientSendMinDelay, 1))
}

// sent is one decoded instruction and when it left.
type sent struct {
	at   time.Time
	inst *wire.Instruction
}

// decodeSent decodes the instructions in conn.Sent[from:].
func decodeSent(t *testing.T, datagrams []transporttest.Datagram) []sent {
	t.Helper()
	var a fragment.Assembler
	var out []sent
	for _, d := range datagrams {
		f, err := fragment.Parse(d.Payload)
		if err != nil {
			t.Fatalf("sent an unparsable fragment: %v", err)
		}
		inst, err := a.Add(f)
		if err != nil {
			t.Fatalf("sent an undecodable instruction: %v", err)
		}
		if inst != nil {
			out = append(out, sent{d.At, inst})
		}
	}
	return out
}

// endpoint is what runUntil drives.
type endpoint interface {
	Tick(now time.Time) error
	WaitTime(now time.Time) time.Duration
}

// runUntil ticks e at *now and then whenever WaitTime asks (at least 1 ms
// apart, mosh's clock resolution) until end, and leaves *now at end, not
// yet ticked, so the caller can change something at exactly that time.
func runUntil(t *testing.T, e endpoint, now *time.Time, end time.Time) {
	t.Helper()
	for now.Before(end) {
		if err := e.Tick(*now); err != nil {
			t.Fatalf("Tick(%v): %v", now.Sub(t0), err)
		}
		next := now.Add(max(e.WaitTime(*now), time.Millisecond))
		if next.After(end) {
			next = end
		}
		*now = next
	}
}

// peer builds instructions as the other side would and feeds them to Recv.
type peer struct {
	t          *testing.T
	fragmenter fragment.Fragmenter
}

func (p *peer) send(r interface {
	Recv([]byte, time.Time) error
}, inst wire.Instruction, now time.Time) error {
	p.t.Helper()
	if inst.ProtocolVersion == 0 {
		inst.ProtocolVersion = wire.ProtocolVersion
	}
	frags, err := p.fragmenter.Make(&inst, 1224)
	if err != nil {
		p.t.Fatal(err)
	}
	var last error
	for _, f := range frags {
		last = r.Recv(f.Append(nil), now)
	}
	return last
}

func sendTimes(ss []sent) []time.Duration {
	var out []time.Duration
	for _, s := range ss {
		out = append(out, s.at.Sub(t0))
	}
	return out
}

var errTest = errors.New("test error")
