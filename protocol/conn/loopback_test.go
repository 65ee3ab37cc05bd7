package conn

import (
	"bytes"
	"errors"
	"net"
	"net/netip"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/datagram"
)

// conn is the transport's view of a connection (package transport's Conn);
// both ends must satisfy it.
type conn interface {
	Send(payload []byte, now time.Time) error
	PeerKnown() bool
	SRTT() time.Duration
	RTO() time.Duration
	MaxPayload() int
	RoundTripSucceeded(sentAt time.Time)
}

var (
	_ conn = (*Server)(nil)
	_ conn = (*Client)(nil)
)

var loopback = netip.MustParseAddr("127.0.0.1")

func newServer(t *testing.T) *Server {
	t.Helper()
	s, err := ListenServer(loopback, 0, 0, testKey)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newClient(t *testing.T, s *Server) *Client {
	t.Helper()
	c, err := DialClient(s.LocalAddr(), testKey)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// next waits for one datagram. The timeout only guards against a hang;
// loopback delivery is immediate.
func next(t *testing.T, ch <-chan Datagram) Datagram {
	t.Helper()
	select {
	case d, ok := <-ch:
		if !ok {
			t.Fatal("Incoming closed")
		}
		return d
	case <-time.After(5 * time.Second):
		t.Fatal("no datagram within 5 s")
	}
	return Datagram{}
}

// deliver waits for one datagram on ch and opens it with open.
func deliver(t *testing.T, ch <-chan Datagram, open func(Datagram, time.Time) ([]byte, bool), now time.Time) ([]byte, bool) {
	t.Helper()
	return open(next(t, ch), now)
}

// readers counts live reader goroutines.
func readers() int {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	return strings.Count(string(buf[:n]), "conn.(*receiver).readLoop(")
}

// waitReaders waits until exactly want reader goroutines are alive. A
// closed socket's reader exits asynchronously (Close itself waits).
func waitReaders(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for readers() != want {
		if time.Now().After(deadline) {
			t.Fatalf("%d reader goroutines, want %d", readers(), want)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestLoopbackExchange(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s)
	if s.PeerKnown() || !c.PeerKnown() {
		t.Fatalf("PeerKnown server %v client %v before contact", s.PeerKnown(), c.PeerKnown())
	}
	if s.MaxPayload() != 1224 || c.MaxPayload() != 1224 {
		t.Fatalf("MaxPayload server %d client %d, want 1224", s.MaxPayload(), c.MaxPayload())
	}
	if err := s.Send([]byte("nobody to send to"), time.Now()); err != nil || s.Stats().Sent != 0 {
		t.Fatalf("Send without a peer: %v, stats %+v", err, s.Stats())
	}

	if err := c.Send([]byte("ping"), time.Now()); err != nil {
		t.Fatal(err)
	}
	if p, ok := deliver(t, s.Incoming(), s.Open, time.Now()); !ok || string(p) != "ping" {
		t.Fatalf("server got %q, %v", p, ok)
	}
	// The client socket is bound to the wildcard; the server sees 127.0.0.1.
	if peer, ok := s.Peer(); !ok || peer.Port() != c.LocalAddr().Port() {
		t.Fatalf("server peer %v, client at %v", peer, c.LocalAddr())
	}
	if err := s.Send([]byte("pong"), time.Now()); err != nil {
		t.Fatal(err)
	}
	if p, ok := deliver(t, c.Incoming(), c.Open, time.Now()); !ok || string(p) != "pong" {
		t.Fatalf("client got %q, %v", p, ok)
	}
	// The server echoed the client's timestamp: a loopback-sized sample.
	if c.SRTT() >= 100*time.Millisecond || c.RTO() != 50*time.Millisecond {
		t.Fatalf("client SRTT %v RTO %v after a loopback round trip", c.SRTT(), c.RTO())
	}
	if err := c.Send([]byte("again"), time.Now()); err != nil {
		t.Fatal(err)
	}
	deliver(t, s.Incoming(), s.Open, time.Now())
	if s.SRTT() >= 100*time.Millisecond {
		t.Fatalf("server SRTT %v after a loopback round trip", s.SRTT())
	}
	if st := s.Stats(); st.Sent != 1 || st.Received != 2 || st.Rejected != 0 || st.Stale != 0 {
		t.Fatalf("server stats %+v", st)
	}
}

func TestServerForgetsSilentClient(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s)
	t0 := time.Now()
	c.Send([]byte("hi"), t0)
	deliver(t, s.Incoming(), s.Open, t0)

	if err := s.Send(nil, t0.Add(40*time.Second)); err != nil || !s.PeerKnown() {
		t.Fatalf("after 40 s: %v, known %v", err, s.PeerKnown())
	}
	// The send that notices 40 s+ of silence still goes out; later ones don't.
	if err := s.Send(nil, t0.Add(41*time.Second)); err != nil || s.PeerKnown() {
		t.Fatalf("after 41 s: %v, known %v", err, s.PeerKnown())
	}
	if err := s.Send(nil, t0.Add(42*time.Second)); err != nil || s.Stats().Sent != 2 {
		t.Fatalf("Send while detached: %v, stats %+v", err, s.Stats())
	}
	c.Send([]byte("back"), t0.Add(50*time.Second))
	deliver(t, s.Incoming(), s.Open, t0.Add(50*time.Second))
	if !s.PeerKnown() {
		t.Fatal("server did not re-attach")
	}
}

// rawPeer is a hand-driven client: a plain socket and a datagram session,
// so tests can choose source ports and sequence numbers.
type rawPeer struct {
	sock    *net.UDPConn
	session *datagram.Session
}

func newRawPeer(t *testing.T, key datagram.Key) *rawPeer {
	t.Helper()
	sock, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sock.Close() })
	session, err := datagram.NewSession(key)
	if err != nil {
		t.Fatal(err)
	}
	return &rawPeer{sock: sock, session: session}
}

func (r *rawPeer) addr() netip.AddrPort { return r.sock.LocalAddr().(*net.UDPAddr).AddrPort() }

func (r *rawPeer) sendRaw(t *testing.T, to netip.AddrPort, d []byte) {
	t.Helper()
	if _, err := r.sock.WriteToUDPAddrPort(d, to); err != nil {
		t.Fatal(err)
	}
}

func (r *rawPeer) seal(p datagram.Packet) []byte { return r.session.SealPacket(nil, &p) }

func (r *rawPeer) recv(t *testing.T) datagram.Packet {
	t.Helper()
	buf := make([]byte, 4096)
	r.sock.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := r.sock.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.session.OpenPacket(buf[:n])
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func toServer(seq uint64, payload string) datagram.Packet {
	return datagram.Packet{Seq: seq, Dir: datagram.ToServer, Timestamp: 1, TimestampReply: datagram.NoTimestamp, Payload: []byte(payload)}
}

// TestLoopbackRoaming moves the client to a new source port and then
// replays an old datagram from the old one: the payload is delivered, but
// neither the address nor the RTT follows it.
func TestLoopbackRoaming(t *testing.T) {
	s := newServer(t)
	a, b := newRawPeer(t, testKey), newRawPeer(t, testKey)
	old := a.seal(toServer(0, "from a"))
	a.sendRaw(t, s.LocalAddr(), old)
	deliver(t, s.Incoming(), s.Open, time.Now())
	if peer, _ := s.Peer(); peer != a.addr() {
		t.Fatalf("peer %v, want %v", peer, a.addr())
	}

	b.sendRaw(t, s.LocalAddr(), b.seal(toServer(1, "from b")))
	if p, ok := deliver(t, s.Incoming(), s.Open, time.Now()); !ok || string(p) != "from b" {
		t.Fatalf("got %q, %v", p, ok)
	}
	if peer, _ := s.Peer(); peer != b.addr() {
		t.Fatalf("peer %v after roaming, want %v", peer, b.addr())
	}
	s.Send([]byte("to b"), time.Now())
	if p := b.recv(t); string(p.Payload) != "to b" || p.Dir != datagram.ToClient || p.TimestampReply == datagram.NoTimestamp {
		t.Fatalf("b got %+v", p)
	}

	// Replay seq 0 from a, and a stale forged echo that would make a
	// 2-second RTT sample if it counted.
	a.sendRaw(t, s.LocalAddr(), old)
	stale := toServer(0, "stale echo")
	stale.TimestampReply = datagram.Timestamp16(s.link.ms(time.Now()) - 2000)
	a.sendRaw(t, s.LocalAddr(), a.seal(stale))
	for _, want := range []string{"from a", "stale echo"} {
		if p, ok := deliver(t, s.Incoming(), s.Open, time.Now()); !ok || string(p) != want {
			t.Fatalf("replay delivered %q, %v; want %q", p, ok, want)
		}
	}
	if peer, _ := s.Peer(); peer != b.addr() {
		t.Fatalf("replay moved the peer to %v", peer)
	}
	if s.SRTT() != time.Second {
		t.Fatalf("stale echo changed SRTT to %v", s.SRTT())
	}
	if st := s.Stats(); st.Stale != 2 || st.Received != 4 {
		t.Fatalf("stats %+v", st)
	}
}

func TestLoopbackRejects(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s)
	good := newRawPeer(t, testKey)
	wrongKey := newRawPeer(t, datagram.Key{0xff})
	valid := good.seal(toServer(5, "valid"))
	reflected := good.seal(datagram.Packet{Seq: 6, Dir: datagram.ToClient, TimestampReply: datagram.NoTimestamp, Payload: []byte("mirror")})
	tooShort := good.session.Seal(nil, datagram.ToServer, 7, []byte{1, 2, 3})
	oversize := append(good.seal(toServer(8, strings.Repeat("x", datagram.MaxSize))), 0)
	for _, tt := range []struct {
		name string
		from *rawPeer
		d    []byte
	}{
		{"wrong key", wrongKey, wrongKey.seal(toServer(0, "intruder"))},
		{"truncated", good, valid[:len(valid)-3]},
		{"header only", good, valid[:datagram.NonceTailSize]},
		{"empty", good, nil},
		{"garbage", good, []byte("GET / HTTP/1.0\r\n\r\nnot a mosh datagram")},
		{"wrong direction", good, reflected},
		{"no timestamps", good, tooShort},
		{"oversize", good, oversize},
	} {
		tt.from.sendRaw(t, s.LocalAddr(), tt.d)
		if p, ok := deliver(t, s.Incoming(), s.Open, time.Now()); ok {
			t.Errorf("%s: accepted, payload %q", tt.name, p)
		}
	}
	if s.PeerKnown() {
		t.Fatal("a rejected datagram attached the server")
	}
	// The client end drops a server-bound datagram too.
	good.sendRaw(t, c.LocalAddr(), valid)
	if _, ok := deliver(t, c.Incoming(), c.Open, time.Now()); ok {
		t.Error("client accepted a ToServer datagram")
	}
	if st := s.Stats(); st.Rejected != 8 || st.Received != 0 {
		t.Fatalf("server stats %+v", st)
	}
	// The session is intact afterwards.
	good.sendRaw(t, s.LocalAddr(), valid)
	if p, ok := deliver(t, s.Incoming(), s.Open, time.Now()); !ok || string(p) != "valid" {
		t.Fatalf("valid datagram after garbage: %q, %v", p, ok)
	}
}

func (c *Client) socketCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.socks)
}

// TestClientPortHopping drives the client's clock past the hop interval
// with no acknowledgments, then lets the server follow it.
func TestClientPortHopping(t *testing.T) {
	t0 := time.Now() // not after the client's creation, which starts its hop clock
	s := newServer(t)
	c := newClient(t, s)
	c.Send([]byte("first"), t0)
	deliver(t, s.Incoming(), s.Open, t0)
	first := c.LocalAddr()

	// 10 s exactly: no hop yet.
	c.Send(nil, t0.Add(10*time.Second))
	deliver(t, s.Incoming(), s.Open, t0)
	if c.socketCount() != 1 {
		t.Fatalf("%d sockets after 10 s", c.socketCount())
	}
	now := t0.Add(11 * time.Second)
	c.Send([]byte("before hop"), now) // sent from the old port, then hops
	deliver(t, s.Incoming(), s.Open, now)
	if c.socketCount() != 2 || c.LocalAddr() == first {
		t.Fatalf("%d sockets, sending from %v (first %v)", c.socketCount(), c.LocalAddr(), first)
	}
	c.Send([]byte("after hop"), now)
	if p, _ := deliver(t, s.Incoming(), s.Open, now); string(p) != "after hop" {
		t.Fatalf("got %q", p)
	}
	if peer, _ := s.Peer(); peer.Port() != c.LocalAddr().Port() {
		t.Fatalf("server follows %v, client now at %v", peer, c.LocalAddr())
	}
	s.Send([]byte("to new port"), now)
	if p, ok := deliver(t, c.Incoming(), c.Open, now); !ok || string(p) != "to new port" {
		t.Fatalf("client got %q, %v", p, ok)
	}
	waitReaders(t, 3) // server + two client sockets

	// Keep failing: at most 10 sockets stay open.
	for i := 2; i <= 12; i++ {
		now = t0.Add(time.Duration(11*i) * time.Second)
		c.Send(nil, now)
		deliver(t, s.Incoming(), s.Open, now)
	}
	if c.socketCount() != maxPortsOpen {
		t.Fatalf("%d sockets, want %d", c.socketCount(), maxPortsOpen)
	}
	waitReaders(t, 1+maxPortsOpen)

	// A recent round trip stops hopping; once the newest socket is over
	// 60 s old, the next receipt closes the others.
	now = now.Add(61 * time.Second)
	c.RoundTripSucceeded(now)
	c.Send([]byte("settled"), now)
	deliver(t, s.Incoming(), s.Open, now)
	if c.socketCount() != maxPortsOpen {
		t.Fatalf("hopped despite a round trip: %d sockets", c.socketCount())
	}
	s.Send([]byte("reply"), now)
	if _, ok := deliver(t, c.Incoming(), c.Open, now); !ok {
		t.Fatal("reply not accepted")
	}
	if c.socketCount() != 1 {
		t.Fatalf("%d sockets after the newest aged 60 s", c.socketCount())
	}
	waitReaders(t, 2)
}

func TestCloseStopsEverything(t *testing.T) {
	base := readers()
	s := newServer(t)
	c := newClient(t, s)
	t0 := time.Now()
	c.Send(nil, t0)
	c.Send(nil, t0.Add(11*time.Second))
	c.Send(nil, t0.Add(22*time.Second))
	if c.socketCount() != 3 {
		t.Fatalf("%d client sockets", c.socketCount())
	}
	deliver(t, s.Incoming(), s.Open, t0)
	waitReaders(t, base+4)

	for range 2 {
		if err := c.Close(); err != nil {
			t.Fatalf("client Close: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("server Close: %v", err)
		}
	}
	// Close waited for every reader; only their final return may still
	// be in flight.
	waitReaders(t, base)
	for _, ch := range []<-chan Datagram{s.Incoming(), c.Incoming()} {
		for range ch { // drain what was queued; the range ends once closed
		}
	}
	if err := c.Send(nil, t0); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("client Send after Close: %v", err)
	}
	if err := s.Send(nil, t0); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("server Send after Close: %v", err)
	}
}

func TestIncomingOverflowDrops(t *testing.T) {
	s := newServer(t)
	p := newRawPeer(t, testKey)
	d := p.seal(toServer(0, "flood"))
	// Nobody reads Incoming: once it is full the reader must drop, not
	// block. The kernel may drop some of the flood first, so keep sending.
	deadline := time.Now().Add(5 * time.Second)
	for s.Stats().Overflowed == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no overflow counted; %d queued", len(s.Incoming()))
		}
		for range 16 {
			p.sendRaw(t, s.LocalAddr(), d)
		}
		time.Sleep(time.Millisecond)
	}
	if len(s.Incoming()) != incomingQueue {
		t.Fatalf("%d queued, want a full queue of %d", len(s.Incoming()), incomingQueue)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestMTU(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s)
	c.Send(nil, time.Now())
	deliver(t, s.Incoming(), s.Open, time.Now())
	// Larger than any UDP datagram: the kernel answers EMSGSIZE.
	huge := make([]byte, 70000)
	for _, end := range []conn{c, s} {
		err := end.Send(huge, time.Now())
		if !errors.Is(err, syscall.EMSGSIZE) || !strings.HasPrefix(err.Error(), "conn: ") {
			t.Fatalf("%T: Send(70000 bytes) = %v", end, err)
		}
		if end.MaxPayload() != 500-28 {
			t.Fatalf("%T: MaxPayload %d after EMSGSIZE, want 472", end, end.MaxPayload())
		}
	}

	s6, err := ListenServer(netip.MustParseAddr("::1"), 0, 0, testKey)
	if err != nil {
		t.Fatal(err)
	}
	defer s6.Close()
	c6, err := DialClient(s6.LocalAddr(), testKey)
	if err != nil {
		t.Fatal(err)
	}
	defer c6.Close()
	if s6.MaxPayload() != 1188 || c6.MaxPayload() != 1188 {
		t.Fatalf("IPv6 MaxPayload server %d client %d, want 1188", s6.MaxPayload(), c6.MaxPayload())
	}
	c6.Send([]byte("v6"), time.Now())
	if p, ok := deliver(t, s6.Incoming(), s6.Open, time.Now()); !ok || string(p) != "v6" {
		t.Fatalf("IPv6 exchange: %q, %v", p, ok)
	}
}

func TestListenServerPorts(t *testing.T) {
	for _, r := range [][2]int{{-1, 5}, {10, 5}, {0, 5}, {1, 70000}} {
		if _, err := ListenServer(loopback, r[0], r[1], testKey); !errors.Is(err, ErrPortRange) {
			t.Errorf("range %v: %v", r, err)
		}
	}

	// The search is sequential: with port P taken and P+1 free, P..P+1
	// binds P+1.
	taken, free := takenThenFreePort(t)
	s, err := ListenServer(loopback, taken, free, testKey)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.LocalAddr(); got != netip.AddrPortFrom(loopback, uint16(free)) {
		t.Fatalf("bound %v, want 127.0.0.1:%d", got, free)
	}

	// An address that is not local falls back to the wildcard.
	w, err := ListenServer(netip.MustParseAddr("192.0.2.1"), 0, 0, testKey)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if !w.LocalAddr().Addr().IsUnspecified() || w.LocalAddr().Port() == 0 {
		t.Fatalf("fallback bound %v, want a wildcard address", w.LocalAddr())
	}

	// With every candidate port taken, binding fails with a conn: error.
	if _, err := ListenServer(loopback, taken, taken, testKey); err == nil || !strings.HasPrefix(err.Error(), "conn: ") {
		t.Fatalf("binding a taken port: %v", err)
	}
}

// takenThenFreePort returns a port held open for the test and the port
// after it, checked free a moment ago.
func takenThenFreePort(t *testing.T) (taken, free int) {
	t.Helper()
	for range 100 {
		hold, err := net.ListenUDP("udp", &net.UDPAddr{Port: 0})
		if err != nil {
			t.Fatal(err)
		}
		p := hold.LocalAddr().(*net.UDPAddr).Port
		probe, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: p + 1})
		if err != nil || p == 65535 {
			hold.Close()
			continue
		}
		probe.Close()
		t.Cleanup(func() { hold.Close() })
		return p, p + 1
	}
	t.Fatal("no pair of adjacent ports found")
	return 0, 0
}

func TestDialClientRejectsBadAddress(t *testing.T) {
	for _, a := range []netip.AddrPort{{}, netip.AddrPortFrom(loopback, 0)} {
		if _, err := DialClient(a, testKey); err == nil {
			t.Errorf("DialClient(%v) succeeded", a)
		}
	}
}

func TestIncomingDataIsCopied(t *testing.T) {
	s := newServer(t)
	p := newRawPeer(t, testKey)
	one, two := p.seal(toServer(0, "one")), p.seal(toServer(1, "two"))
	p.sendRaw(t, s.LocalAddr(), one)
	p.sendRaw(t, s.LocalAddr(), two)
	d1, d2 := next(t, s.Incoming()), next(t, s.Incoming())
	if !bytes.Equal(d1.Data, one) || !bytes.Equal(d2.Data, two) || d1.From != p.addr() {
		t.Fatal("reader reused its buffer or lost the source address")
	}
}
