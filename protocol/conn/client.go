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

// Client is the client end of a session: it sends to a fixed server
// address from a current socket, hopping to a new one when round trips
// stop succeeding, and reads from the last few. See the package doc for
// which methods may be called concurrently.
type Client struct {
	server   netip.AddrPort
	mtu      int
	link     *link
	hopper   portHopper
	receiver *receiver

	mu     sync.Mutex     // guards socks and closed against Close
	socks  []clientSocket // oldest first; the last one sends
	closed bool

	closeOnce sync.Once
	closeErr  error
}

// clientSocket is one of a Client's sockets with its non-blocking I/O.
type clientSocket struct {
	conn *net.UDPConn
	io   *rawio.UDP
}

// DialClient opens the first socket towards server. The MTU follows the
// server address's family.
func DialClient(server netip.AddrPort, key datagram.Key) (*Client, error) {
	server = netip.AddrPortFrom(server.Addr().Unmap(), server.Port())
	if !server.IsValid() || server.Port() == 0 {
		return nil, fmt.Errorf("conn: invalid server address %v", server)
	}
	now := time.Now()
	l, err := newLink(key, datagram.ToServer, now)
	if err != nil {
		return nil, err
	}
	c := &Client{
		server:   server,
		mtu:      mtuFor(server.Addr()),
		link:     l,
		hopper:   newPortHopper(now),
		receiver: newReceiver(&l.counters),
	}
	if err := c.openSocket(); err != nil {
		return nil, err
	}
	return c, nil
}

// openSocket adds a socket on a fresh ephemeral port, which becomes the
// sending one, and starts its reader.
func (c *Client) openSocket() error {
	network := "udp6"
	if c.server.Addr().Is4() {
		network = "udp4"
	}
	sock, err := net.ListenUDP(network, nil)
	if err != nil {
		return fmt.Errorf("conn: new socket: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		sock.Close()
		return net.ErrClosed
	}
	cs := clientSocket{conn: sock, io: rawio.NewUDP(sock)}
	c.socks = append(c.socks, cs)
	c.receiver.start(cs.io)
	return nil
}

// prune closes the sockets the hopper no longer wants, oldest first.
func (c *Client) prune(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.hopper.excess(now, len(c.socks))
	for _, cs := range c.socks[:n] {
		cs.conn.Close() // its reader sees ErrClosed and exits
	}
	c.socks = c.socks[n:]
}

func (c *Client) current() (clientSocket, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return clientSocket{}, net.ErrClosed
	}
	return c.socks[len(c.socks)-1], nil
}

// LocalAddr returns the address of the socket currently used for sending.
func (c *Client) LocalAddr() netip.AddrPort {
	cs, err := c.current()
	if err != nil {
		return netip.AddrPort{}
	}
	return cs.conn.LocalAddr().(*net.UDPAddr).AddrPort()
}

// Incoming delivers raw datagrams from all reader goroutines. It is closed
// by Close. Datagrams arriving while it is full are dropped.
func (c *Client) Incoming() <-chan Datagram { return c.receiver.incoming }

// Open authenticates d and returns its payload (one fragment). Bad
// datagrams are dropped (ok false) and only counted. The client accepts
// authentic datagrams from any source: only the server side roams.
func (c *Client) Open(d Datagram, now time.Time) (payload []byte, ok bool) {
	p, _, err := c.link.open(d.Data, now)
	if err != nil {
		return nil, false
	}
	c.prune(now)
	return p.Payload, true
}

// Send seals payload into the next datagram and sends it to the server,
// then hops to a new source port if round trips have stopped succeeding.
// A datagram too big for the path lowers the MTU to the 500-byte fallback.
func (c *Client) Send(payload []byte, now time.Time) error {
	d, err := c.link.seal(payload, now)
	if err != nil {
		return err
	}
	cs, err := c.current()
	if err == nil {
		_, err = cs.io.WriteTo(d, c.server)
	}
	if err != nil {
		c.mtu = sendFailed(err, c.mtu)
		err = fmt.Errorf("conn: send: %w", err)
	} else {
		c.link.counters.sent.Add(1)
	}
	if c.hopper.hopDue(now) {
		err = errors.Join(err, c.openSocket())
		c.prune(now)
	}
	return err
}

// PeerKnown is always true: the client knows its server from the start.
func (c *Client) PeerKnown() bool { return true }

// SRTT returns the smoothed round-trip time estimate.
func (c *Client) SRTT() time.Duration { return c.link.rtt.SRTT() }

// RTO returns the retransmission timeout.
func (c *Client) RTO() time.Duration { return c.link.rtt.RTO() }

// MaxPayload returns the largest fragment (header included) that fits in
// one datagram.
func (c *Client) MaxPayload() int { return maxPayload(c.mtu) }

// RoundTripSucceeded records that the server acknowledged a state sent at
// sentAt, which postpones port hopping.
func (c *Client) RoundTripSucceeded(sentAt time.Time) { c.hopper.roundTripSucceeded(sentAt) }

// Stats returns the datagram counters. Safe for concurrent use.
func (c *Client) Stats() Stats { return c.link.counters.snapshot() }

// Close closes every socket, waits for the reader goroutines and closes
// Incoming. It is idempotent and safe for concurrent use.
func (c *Client) Close() error {
	c.closeOnce.Do(func() {
		c.mu.Lock()
		c.closed = true
		for _, cs := range c.socks {
			c.closeErr = errors.Join(c.closeErr, cs.conn.Close())
		}
		c.socks = nil
		c.mu.Unlock()
		c.receiver.stop()
	})
	return c.closeErr
}
