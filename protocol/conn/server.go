package conn

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/rawio"
)

// ErrPortRange reports an unusable port range passed to ListenServer.
var ErrPortRange = errors.New("conn: invalid port range")

// Server is the server end of a session: one socket, a client that may
// roam. See the package doc for which methods may be called concurrently.
type Server struct {
	sock     *net.UDPConn
	udp      *rawio.UDP // sock's I/O
	local    netip.AddrPort
	mtu      int
	link     *link
	assoc    association
	receiver *receiver

	closeOnce sync.Once
	closeErr  error
}

// ListenServer binds the server socket the way mosh-server does: first on
// ip, if valid, then on the wildcard address (dual-stack where the system
// allows), trying ports portLow..portHigh in order on each. Pass
// DefaultPortLow and DefaultPortHigh when no port was requested, and 0, 0
// to let the kernel choose. The MTU follows the bound socket's family.
func ListenServer(ip netip.Addr, portLow, portHigh int, key datagram.Key) (*Server, error) {
	if portLow < 0 || portHigh > 65535 || portLow > portHigh || (portLow == 0 && portHigh != 0) {
		return nil, fmt.Errorf("%w: %d..%d", ErrPortRange, portLow, portHigh)
	}
	var sock *net.UDPConn
	var errs []error
	if ip.IsValid() {
		sock, errs = bindRange(ip.Unmap(), portLow, portHigh, errs)
	}
	if sock == nil {
		sock, errs = bindRange(netip.Addr{}, portLow, portHigh, errs)
	}
	if sock == nil {
		return nil, errors.Join(errs...)
	}
	local := sock.LocalAddr().(*net.UDPAddr).AddrPort()
	l, err := newLink(key, datagram.ToClient, time.Now())
	if err != nil {
		sock.Close()
		return nil, err
	}
	s := &Server{sock: sock, udp: rawio.NewUDP(sock), local: local, mtu: mtuFor(local.Addr()), link: l, receiver: newReceiver(&l.counters)}
	s.receiver.start(s.udp)
	return s, nil
}

// bindRange binds the first free port of low..high on ip (the wildcard if
// ip is the zero Addr), appending to errs on failure.
func bindRange(ip netip.Addr, low, high int, errs []error) (*net.UDPConn, []error) {
	network, laddr := "udp", &net.UDPAddr{}
	if ip.IsValid() {
		network, laddr = "udp6", &net.UDPAddr{IP: ip.AsSlice(), Zone: ip.Zone()}
		if ip.Is4() {
			network = "udp4"
		}
	}
	var last error
	for port := low; port <= high; port++ {
		laddr.Port = port
		sock, err := net.ListenUDP(network, laddr)
		if err == nil {
			return sock, errs
		}
		last = err
	}
	return nil, append(errs, fmt.Errorf("conn: bind %v ports %d..%d: %w", laddr.IP, low, high, last))
}

// LocalAddr returns the bound address; its port goes into MOSH CONNECT.
func (s *Server) LocalAddr() netip.AddrPort { return s.local }

// Incoming delivers raw datagrams from the reader goroutine. It is closed
// by Close. Datagrams arriving while it is full are dropped.
func (s *Server) Incoming() <-chan Datagram { return s.receiver.incoming }

// Open authenticates d and returns its payload (one fragment). Bad
// datagrams are dropped (ok false) and only counted. A fresh datagram
// also attaches the server to its source address.
func (s *Server) Open(d Datagram, now time.Time) (payload []byte, ok bool) {
	p, fresh, err := s.link.open(d.Data, now)
	if err != nil {
		return nil, false
	}
	if fresh {
		s.assoc.heard(d.From, now)
	}
	return p.Payload, true
}

// Send seals payload into the next datagram and sends it to the client.
// It is a no-op while no client is known. A datagram too big for the path
// lowers the MTU to the 500-byte fallback (see MaxPayload).
func (s *Server) Send(payload []byte, now time.Time) error {
	if !s.assoc.known {
		return nil
	}
	d, err := s.link.seal(payload, now)
	if err != nil {
		return err
	}
	_, err = s.udp.WriteTo(d, s.assoc.peer)
	s.assoc.expire(now)
	if err != nil {
		s.mtu = sendFailed(err, s.mtu)
		return fmt.Errorf("conn: send: %w", err)
	}
	s.link.counters.sent.Add(1)
	return nil
}

// PeerKnown reports whether a client address is known.
func (s *Server) PeerKnown() bool { return s.assoc.known }

// Peer returns the client's current address, if known.
func (s *Server) Peer() (netip.AddrPort, bool) { return s.assoc.peer, s.assoc.known }

// SRTT returns the smoothed round-trip time estimate.
func (s *Server) SRTT() time.Duration { return s.link.rtt.SRTT() }

// RTO returns the retransmission timeout.
func (s *Server) RTO() time.Duration { return s.link.rtt.RTO() }

// MaxPayload returns the largest fragment (header included) that fits in
// one datagram.
func (s *Server) MaxPayload() int { return maxPayload(s.mtu) }

// RoundTripSucceeded is a no-op: only the client hops ports.
func (s *Server) RoundTripSucceeded(time.Time) {}

// Stats returns the datagram counters. Safe for concurrent use.
func (s *Server) Stats() Stats { return s.link.counters.snapshot() }

// Close closes the socket, waits for the reader goroutine and closes
// Incoming. It is idempotent and safe for concurrent use.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.closeErr = s.sock.Close()
		s.receiver.stop()
	})
	return s.closeErr
}
