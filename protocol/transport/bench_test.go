package transport

import (
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/transport/transporttest"
)

// BenchmarkScreenUpdate measures one server frame: a 2 KB state change
// sent (diff, serialise, compress, fragment) and received by the client
// (reassemble, decompress, parse, apply), plus the client's ack going back.
func BenchmarkScreenUpdate(b *testing.B) {
	sim := transporttest.NewSim(t0, transporttest.LinkConfig{}, 1)
	srv := New(sim.Conns[1], &transporttest.Value{}, &transporttest.Log{}, Options{Start: t0})
	cli := New(sim.Conns[0], &transporttest.Log{}, &transporttest.Value{}, Options{Start: t0, SendMinDelay: ClientSendMinDelay})
	screen := make([]byte, 2048)
	for i := range screen {
		screen[i] = byte('a' + i%26)
	}
	now := t0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		screen[i%len(screen)]++
		srv.CurrentState().V = append(srv.CurrentState().V[:0], screen...)
		now = now.Add(time.Second)
		if err := srv.Tick(now); err != nil { // starts the min-delay clock
			b.Fatal(err)
		}
		now = now.Add(ServerSendMinDelay)
		deliver(b, srv, sim.Conns[1], cli, now)
		now = now.Add(ackDelay)
		deliver(b, cli, sim.Conns[0], srv, now)
	}
	if cli.RemoteStateNum() < uint64(b.N) || srv.SentStateAcked() < uint64(b.N) {
		b.Fatalf("client at state %d, server acked %d, after %d frames; server sent %d", cli.RemoteStateNum(), srv.SentStateAcked(), b.N, srv.SentStateLast())
	}
}

// deliver ticks from and hands what it sent to to.
func deliver(b *testing.B, from endpoint, conn *transporttest.Conn, to interface {
	Recv([]byte, time.Time) error
}, now time.Time) {
	if err := from.Tick(now); err != nil {
		b.Fatal(err)
	}
	for _, d := range conn.Sent {
		if err := to.Recv(d.Payload, now); err != nil {
			b.Fatal(err)
		}
	}
	conn.Sent = conn.Sent[:0]
}
