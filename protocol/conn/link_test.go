package conn

import (
	"errors"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/datagram"
)

var testKey = datagram.Key{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}

func newTestLinks(t *testing.T, clientEpoch, serverEpoch time.Time) (client, server *link) {
	t.Helper()
	client, err := newLink(testKey, datagram.ToServer, clientEpoch)
	if err != nil {
		t.Fatal(err)
	}
	server, err = newLink(testKey, datagram.ToClient, serverEpoch)
	if err != nil {
		t.Fatal(err)
	}
	return client, server
}

// TestLinkRoundTrip runs a client and a server link on one fake clock with
// unrelated millisecond origins: a 30 ms path each way and a 10 ms server
// hold give a 60 ms sample, because the server advances its echo by the
// hold time.
func TestLinkRoundTrip(t *testing.T) {
	t0 := time.Unix(5000, 0)
	client, server := newTestLinks(t, t0.Add(-123456*time.Millisecond), t0.Add(-7*time.Millisecond))

	d, err := client.seal([]byte("hello"), t0)
	if err != nil {
		t.Fatal(err)
	}
	p, fresh, err := server.open(d, t0.Add(30*time.Millisecond))
	if err != nil || !fresh || string(p.Payload) != "hello" || p.Seq != 0 || p.TimestampReply != datagram.NoTimestamp {
		t.Fatalf("server open = %+v, %v, %v", p, fresh, err)
	}
	reply, err := server.seal([]byte("world"), t0.Add(40*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	p, fresh, err = client.open(reply, t0.Add(70*time.Millisecond))
	if err != nil || !fresh || string(p.Payload) != "world" || p.Dir != datagram.ToClient {
		t.Fatalf("client open = %+v, %v, %v", p, fresh, err)
	}
	if got := client.rtt.SRTT(); got != 60*time.Millisecond {
		t.Fatalf("client SRTT = %v, want 60ms", got)
	}
	if got := server.rtt.SRTT(); got != time.Second {
		t.Fatalf("server SRTT = %v, want the initial 1s (no echo received)", got)
	}
	// The client echoes the server's timestamp on its next datagram.
	d, _ = client.seal(nil, t0.Add(75*time.Millisecond))
	if _, _, err := server.open(d, t0.Add(105*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if got := server.rtt.SRTT(); got != 60*time.Millisecond {
		t.Fatalf("server SRTT = %v, want 60ms", got)
	}
}

// TestLinkStale checks mosh's expected-sequence rule: an older datagram is
// delivered but neither saved for the echo nor used for RTT.
func TestLinkStale(t *testing.T) {
	t0 := time.Unix(5000, 0)
	client, server := newTestLinks(t, t0, t0)
	first, _ := client.seal([]byte("a"), t0)
	second, _ := client.seal([]byte("b"), t0)
	for i, tc := range []struct {
		d     []byte
		fresh bool
	}{{second, true}, {first, false}, {second, false}} {
		p, fresh, err := server.open(tc.d, t0.Add(time.Duration(i)*time.Second))
		if err != nil || fresh != tc.fresh {
			t.Fatalf("open %d: %+v, fresh %v, %v; want fresh %v", i, p, fresh, err, tc.fresh)
		}
	}
	// Only the first (fresh) receipt at t0 was saved; by t0+2s it is too old to echo.
	if got := server.echo.reply(server.ms(t0.Add(2 * time.Second))); got != datagram.NoTimestamp {
		t.Fatalf("stale datagram refreshed the echo: %d", got)
	}
	if s := server.counters.snapshot(); s.Received != 3 || s.Stale != 2 || s.Rejected != 0 {
		t.Fatalf("stats %+v", s)
	}
}

func TestLinkRejectsOwnDirection(t *testing.T) {
	t0 := time.Unix(5000, 0)
	client, _ := newTestLinks(t, t0, t0)
	d, _ := client.seal([]byte("x"), t0)
	if _, _, err := client.open(d, t0); !errors.Is(err, errWrongDirection) {
		t.Fatalf("reflected datagram: %v", err)
	}
	if _, _, err := client.open(d[:10], t0); !errors.Is(err, datagram.ErrShort) {
		t.Fatalf("short datagram: %v", err)
	}
	if s := client.counters.snapshot(); s.Rejected != 2 || s.Received != 0 {
		t.Fatalf("stats %+v", s)
	}
}

func TestLinkSequence(t *testing.T) {
	t0 := time.Unix(5000, 0)
	client, server := newTestLinks(t, t0, t0)
	for want := range uint64(3) {
		d, _ := client.seal(nil, t0)
		p, _, err := server.open(d, t0)
		if err != nil || p.Seq != want {
			t.Fatalf("seq %d, %v; want %d", p.Seq, err, want)
		}
	}
	client.nextSeq = datagram.MaxSeq
	if _, err := client.seal(nil, t0); err != nil {
		t.Fatalf("last sequence number: %v", err)
	}
	if _, err := client.seal(nil, t0); !errors.Is(err, ErrSequenceExhausted) {
		t.Fatalf("after the last sequence number: %v", err)
	}
}
