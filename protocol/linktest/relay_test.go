package linktest

import (
	"net"
	"net/netip"
	"runtime"
	"slices"
	"testing"
	"time"
)

// received is a datagram a peer read, with its source.
type received struct {
	data []byte
	from netip.AddrPort
}

// peer is a UDP socket whose reads arrive on a channel. If echo is set it
// sends every datagram back to its source.
type peer struct {
	conn *net.UDPConn
	got  chan received
}

func newPeer(t *testing.T, address string, echo bool) *peer {
	t.Helper()
	pc, err := net.ListenPacket("udp", address)
	if err != nil {
		t.Fatal(err)
	}
	p := &peer{conn: pc.(*net.UDPConn), got: make(chan received, 4096)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, maxDatagram)
		for {
			n, from, err := p.conn.ReadFromUDPAddrPort(buf)
			if err != nil {
				return
			}
			data := append([]byte(nil), buf[:n]...)
			if echo {
				p.conn.WriteToUDPAddrPort(data, from)
			}
			p.got <- received{data, from}
		}
	}()
	t.Cleanup(func() {
		p.conn.Close()
		<-done
	})
	return p
}

func (p *peer) addr() netip.AddrPort { return p.conn.LocalAddr().(*net.UDPAddr).AddrPort() }

func (p *peer) send(t *testing.T, to netip.AddrPort, data []byte) {
	t.Helper()
	if _, err := p.conn.WriteToUDPAddrPort(data, to); err != nil {
		t.Fatal(err)
	}
}

// recv waits up to timeout for a datagram.
func (p *peer) recv(t *testing.T, timeout time.Duration) (received, bool) {
	t.Helper()
	select {
	case r := <-p.got:
		return r, true
	case <-time.After(timeout):
		return received{}, false
	}
}

// expectSilence fails if a datagram arrives within d.
func (p *peer) expectSilence(t *testing.T, d time.Duration) {
	t.Helper()
	if r, ok := p.recv(t, d); ok {
		t.Fatalf("unexpected datagram %q from %v", r.data, r.from)
	}
}

func newRelay(t *testing.T, upstream netip.AddrPort, cfg Config) *Relay {
	t.Helper()
	r, err := NewRelay(upstream, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// sendPaced sends n numbered datagrams, waiting for the relay to read each
// batch so no datagram is lost in the kernel's socket buffers.
func sendPaced(t *testing.T, from *peer, r *Relay, n int, gap time.Duration) {
	t.Helper()
	for i := range n {
		from.send(t, r.Addr(), numbered(i))
		if gap > 0 {
			time.Sleep(gap)
		}
		if i%50 == 49 {
			waitFor(t, func() bool { return r.Stats().ToServer.Received == uint64(i+1) })
		}
	}
	waitFor(t, func() bool { return r.Stats().ToServer.Received == uint64(n) })
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(time.Millisecond)
	}
}

// checkConservation checks that, once idle, every datagram was either
// forwarded or dropped. Counters are updated just after the socket write, so
// it allows the relay a moment to settle.
func checkConservation(t *testing.T, r *Relay) {
	t.Helper()
	balanced := func(c Counters) bool { return c.Received+c.Duplicated == c.Forwarded+c.Dropped }
	deadline := time.Now().Add(time.Second)
	for s := r.Stats(); !balanced(s.ToServer) || !balanced(s.ToClient); s = r.Stats() {
		if time.Now().After(deadline) {
			t.Fatalf("counters %+v: received+duplicated != forwarded+dropped", s)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestRelayFollowsRoamingClient(t *testing.T) {
	server := newPeer(t, "127.0.0.1:0", true)
	r := newRelay(t, server.addr(), Config{})
	a, b := newPeer(t, "127.0.0.1:0", false), newPeer(t, "127.0.0.1:0", false)

	a.send(t, r.Addr(), []byte("from a"))
	if got, ok := a.recv(t, 2*time.Second); !ok || string(got.data) != "from a" || got.from != r.Addr() {
		t.Fatalf("a got %q from %v (ok=%v), want its echo from the relay %v", got.data, got.from, ok, r.Addr())
	}
	b.send(t, r.Addr(), []byte("from b"))
	if got, ok := b.recv(t, 2*time.Second); !ok || string(got.data) != "from b" {
		t.Fatalf("roamed client got %q (ok=%v), want its echo", got.data, ok)
	}
	// The server answers whoever sent last; a hears nothing more.
	server.send(t, r.UpstreamLocalAddr(), []byte("unsolicited"))
	if got, ok := b.recv(t, 2*time.Second); !ok || string(got.data) != "unsolicited" {
		t.Fatalf("last-seen client got %q (ok=%v)", got.data, ok)
	}
	a.expectSilence(t, 100*time.Millisecond)
	waitFor(t, func() bool { return r.Stats().ToClient.Forwarded == 3 })
	want := Counters{Received: 2, Forwarded: 2, ReceivedBytes: 12, ForwardedBytes: 12}
	if s := r.Stats(); s.ToServer != want {
		t.Errorf("to-server counters %+v, want %+v", s.ToServer, want)
	}
	if s := r.Stats().ToClient; s.ReceivedBytes != 23 || s.ForwardedBytes != 23 {
		t.Errorf("to-client bytes received %d, forwarded %d, want 23 each", s.ReceivedBytes, s.ForwardedBytes)
	}
	checkConservation(t, r)
}

func TestRelayIgnoresStrangers(t *testing.T) {
	server := newPeer(t, "127.0.0.1:0", true)
	r := newRelay(t, server.addr(), Config{})
	client, stranger := newPeer(t, "127.0.0.1:0", false), newPeer(t, "127.0.0.1:0", false)
	client.send(t, r.Addr(), []byte("hello"))
	if _, ok := client.recv(t, 2*time.Second); !ok {
		t.Fatal("no echo")
	}
	stranger.send(t, r.UpstreamLocalAddr(), []byte("spoof"))
	client.expectSilence(t, 100*time.Millisecond)
	if got := r.Stats().ToClient.Received; got != 1 {
		t.Errorf("to-client received %d, want 1 (the stranger's datagram ignored)", got)
	}
}

func TestRelayIPv6(t *testing.T) {
	server := newPeer(t, "[::1]:0", true)
	r := newRelay(t, server.addr(), Config{})
	if !r.Addr().Addr().Is6() || !r.UpstreamLocalAddr().Addr().Is6() {
		t.Fatalf("relay on %v / %v, want ::1 for an IPv6 upstream", r.Addr(), r.UpstreamLocalAddr())
	}
	client := newPeer(t, "[::1]:0", false)
	client.send(t, r.Addr(), []byte("v6"))
	if got, ok := client.recv(t, 2*time.Second); !ok || string(got.data) != "v6" {
		t.Fatalf("got %q (ok=%v)", got.data, ok)
	}
}

func TestRelayDelay(t *testing.T) {
	server := newPeer(t, "127.0.0.1:0", true)
	const oneWay = 100 * time.Millisecond
	r := newRelay(t, server.addr(), Config{ToServer: Impairment{Delay: oneWay}, ToClient: Impairment{Delay: oneWay}})
	client := newPeer(t, "127.0.0.1:0", false)
	start := time.Now()
	client.send(t, r.Addr(), []byte("ping"))
	if _, ok := client.recv(t, 5*time.Second); !ok {
		t.Fatal("no echo")
	}
	if rtt := time.Since(start); rtt < 2*oneWay || rtt > 2*oneWay+time.Second {
		t.Errorf("round trip %v, want about %v", rtt, 2*oneWay)
	}
}

func TestRelayLossIsDeterministic(t *testing.T) {
	const n, seed = 500, 42
	imp := Impairment{Loss: 0.2}
	want := count(fates(seed, n, imp), 0)

	server := newPeer(t, "127.0.0.1:0", false)
	r := newRelay(t, server.addr(), Config{Seed: seed, ToServer: imp})
	client := newPeer(t, "127.0.0.1:0", false)
	sendPaced(t, client, r, n, 0)
	waitFor(t, func() bool { s := r.Stats().ToServer; return s.Forwarded+s.Dropped == n })
	if got := r.Stats().ToServer.Dropped; got != uint64(want) {
		t.Errorf("dropped %d of %d, want %d (the seed's fixed count)", got, n, want)
	}
	if want < 70 || want > 130 {
		t.Errorf("seed %d loses %d of %d at 20%%: implausible", seed, want, n)
	}
	checkConservation(t, r)
}

func TestRelayRateLimit(t *testing.T) {
	const (
		rate  = 200_000 // bits per second
		count = 25
		size  = 1000 // bytes: 40ms each at this rate, 1s in all
	)
	server := newPeer(t, "127.0.0.1:0", false)
	r := newRelay(t, server.addr(), Config{ToServer: Impairment{RateBitsPerSec: rate, QueueLimit: count}})
	client := newPeer(t, "127.0.0.1:0", false)
	start := time.Now()
	for range count {
		client.send(t, r.Addr(), make([]byte, size))
	}
	for i := range count {
		if _, ok := server.recv(t, 5*time.Second); !ok {
			t.Fatalf("only %d of %d datagrams arrived", i, count)
		}
	}
	want := time.Duration(count*size*8) * time.Second / rate
	if took := time.Since(start); took < want*8/10 || took > want*3 {
		t.Errorf("%d bytes took %v at %d bit/s, want about %v", count*size, took, rate, want)
	}
}

func TestRelayRateLimitTailDrop(t *testing.T) {
	server := newPeer(t, "127.0.0.1:0", false)
	// 1000-byte datagrams take 8s each at 1000 bit/s: the queue stays full.
	r := newRelay(t, server.addr(), Config{ToServer: Impairment{RateBitsPerSec: 1000, QueueLimit: 3}})
	client := newPeer(t, "127.0.0.1:0", false)
	for range 10 {
		client.send(t, r.Addr(), make([]byte, 1000))
	}
	waitFor(t, func() bool { return r.Stats().ToServer.Dropped == 7 })
}

func TestRelayReorder(t *testing.T) {
	const n = 100
	server := newPeer(t, "127.0.0.1:0", false)
	r := newRelay(t, server.addr(), Config{Seed: 1, ToServer: Impairment{Reorder: 0.3, ReorderDelay: 30 * time.Millisecond}})
	client := newPeer(t, "127.0.0.1:0", false)
	sendPaced(t, client, r, n, time.Millisecond)
	var order []int
	for range n {
		got, ok := server.recv(t, 5*time.Second)
		if !ok {
			t.Fatalf("only %d of %d datagrams arrived", len(order), n)
		}
		order = append(order, number(got.data))
	}
	if slices.IsSorted(order) {
		t.Errorf("arrival order %v is in order", order)
	}
	slices.Sort(order)
	if len(slices.Compact(order)) != n {
		t.Errorf("datagrams lost or duplicated: %v", order)
	}
}

func TestRelayDuplicate(t *testing.T) {
	const n = 20
	server := newPeer(t, "127.0.0.1:0", false)
	r := newRelay(t, server.addr(), Config{ToServer: Impairment{Duplicate: 1}})
	client := newPeer(t, "127.0.0.1:0", false)
	sendPaced(t, client, r, n, 0)
	seen := make(map[int]int)
	for range 2 * n {
		got, ok := server.recv(t, 5*time.Second)
		if !ok {
			t.Fatalf("server got %v, want every datagram twice", seen)
		}
		seen[number(got.data)]++
	}
	for i := range n {
		if seen[i] != 2 {
			t.Errorf("datagram %d arrived %d times, want 2", i, seen[i])
		}
	}
	server.expectSilence(t, 50*time.Millisecond)
	if s := r.Stats().ToServer; s.Duplicated != n || s.Forwarded != 2*n {
		t.Errorf("counters %+v, want %d duplicated and %d forwarded", s, n, 2*n)
	}
	checkConservation(t, r)
}

func TestRelayPauseResume(t *testing.T) {
	server := newPeer(t, "127.0.0.1:0", true)
	r := newRelay(t, server.addr(), Config{ToClient: Impairment{Delay: 200 * time.Millisecond}})
	client := newPeer(t, "127.0.0.1:0", false)

	// An echo in flight when the link dies is lost too.
	client.send(t, r.Addr(), []byte("in flight"))
	waitFor(t, func() bool { return r.Stats().ToClient.Received == 1 })
	r.Pause()
	client.send(t, r.Addr(), []byte("while paused"))
	client.expectSilence(t, 400*time.Millisecond)
	server.recv(t, time.Second) // the first datagram reached the server before Pause
	server.expectSilence(t, 10*time.Millisecond)

	r.Resume()
	client.send(t, r.Addr(), []byte("after resume"))
	if got, ok := client.recv(t, 2*time.Second); !ok || string(got.data) != "after resume" {
		t.Fatalf("after Resume got %q (ok=%v)", got.data, ok)
	}
	s := r.Stats()
	if s.ToServer.Dropped != 1 || s.ToClient.Dropped != 1 {
		t.Errorf("counters %+v, want one drop each way", s)
	}
	checkConservation(t, r)
}

func TestRelayBlackhole(t *testing.T) {
	server := newPeer(t, "127.0.0.1:0", true)
	r := newRelay(t, server.addr(), Config{})
	client := newPeer(t, "127.0.0.1:0", false)

	r.Blackhole(ToClient)
	client.send(t, r.Addr(), []byte("one-way"))
	if got, ok := server.recv(t, 2*time.Second); !ok || string(got.data) != "one-way" {
		t.Fatalf("server got %q (ok=%v); the other direction must still work", got.data, ok)
	}
	client.expectSilence(t, 200*time.Millisecond)
	if got := r.Stats().ToClient.Dropped; got != 1 {
		t.Errorf("to-client dropped %d, want 1", got)
	}

	r.Unblackhole(ToClient)
	client.send(t, r.Addr(), []byte("both ways"))
	if got, ok := client.recv(t, 2*time.Second); !ok || string(got.data) != "both ways" {
		t.Fatalf("after Unblackhole got %q (ok=%v)", got.data, ok)
	}
}

func TestRelayRebind(t *testing.T) {
	server := newPeer(t, "127.0.0.1:0", true)
	r := newRelay(t, server.addr(), Config{})
	client := newPeer(t, "127.0.0.1:0", false)

	roundTrip := func(msg string) netip.AddrPort {
		t.Helper()
		client.send(t, r.Addr(), []byte(msg))
		seen, ok := server.recv(t, 2*time.Second)
		if !ok {
			t.Fatalf("%s: server got nothing", msg)
		}
		if got, ok := client.recv(t, 2*time.Second); !ok || string(got.data) != msg {
			t.Fatalf("%s: client got %q (ok=%v)", msg, got.data, ok)
		}
		return seen.from
	}
	before := roundTrip("before")
	if before != r.UpstreamLocalAddr() || before.Addr() != netip.MustParseAddr("127.0.0.1") {
		t.Fatalf("server saw %v, relay's upstream side is %v", before, r.UpstreamLocalAddr())
	}
	if err := r.Rebind("127.0.0.2:0"); err != nil {
		t.Fatal(err)
	}
	after := roundTrip("after")
	if after.Addr() != netip.MustParseAddr("127.0.0.2") || after != r.UpstreamLocalAddr() {
		t.Errorf("after Rebind server saw %v, want the new socket %v", after, r.UpstreamLocalAddr())
	}
}

func TestRelayCloseReleasesGoroutines(t *testing.T) {
	baseline := runtime.NumGoroutine()
	server := newPeer(t, "127.0.0.1:0", true)
	r, err := NewRelay(server.addr(), Config{ToClient: Impairment{Delay: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	client := newPeer(t, "127.0.0.1:0", false)
	client.send(t, r.Addr(), []byte("left in flight"))
	waitFor(t, func() bool { return r.Stats().ToClient.Received == 1 })
	if err := r.Rebind("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := r.Rebind("127.0.0.1:0"); err == nil {
		t.Error("Rebind after Close succeeded")
	}
	server.conn.Close()
	client.conn.Close()
	waitFor(t, func() bool { return runtime.NumGoroutine() <= baseline })
}

func TestRelayRejectsBadConfig(t *testing.T) {
	server := newPeer(t, "127.0.0.1:0", false)
	if _, err := NewRelay(server.addr(), Config{ToClient: Impairment{Loss: 2}}); err == nil {
		t.Error("NewRelay accepted Loss 2")
	}
	if _, err := NewRelay(netip.AddrPort{}, Config{}); err == nil {
		t.Error("NewRelay accepted an invalid upstream")
	}
	if _, err := NewRelay(server.addr(), Config{Listen: "256.0.0.1:0"}); err == nil {
		t.Error("NewRelay accepted a bad listen address")
	}
	r := newRelay(t, server.addr(), Config{})
	if err := r.SetImpairment(ToServer, Impairment{Delay: -1}); err == nil {
		t.Error("SetImpairment accepted a negative delay")
	}
	if err := r.SetImpairment(Direction(7), Impairment{}); err == nil {
		t.Error("SetImpairment accepted an invalid direction")
	}
}
