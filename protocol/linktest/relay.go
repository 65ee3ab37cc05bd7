package linktest

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures a Relay.
type Config struct {
	// Listen is the client-facing address; empty means 127.0.0.1:0, or
	// [::1]:0 for an IPv6 upstream.
	Listen string
	// UpstreamLocal is the local address of the upstream-side socket; empty
	// means 127.0.0.1:0, or [::1]:0 for an IPv6 upstream.
	UpstreamLocal string
	// Seed seeds the per-direction PRNGs.
	Seed uint64
	// ToServer and ToClient are the initial impairments.
	ToServer, ToClient Impairment
}

// Stats counts datagrams and their bytes per direction.
type Stats struct {
	ToServer, ToClient Counters
}

// Counters counts the datagrams of one direction. Once the relay is idle,
// Received + Duplicated = Forwarded + Dropped.
type Counters struct {
	// Received counts datagrams read from the sending side.
	Received uint64
	// Forwarded counts datagrams written to the receiving side, duplicates
	// included.
	Forwarded uint64
	// Dropped counts datagrams lost to the impairment, a full queue, Pause,
	// Blackhole, or a failed write.
	Dropped uint64
	// Duplicated counts extra copies created by Impairment.Duplicate.
	Duplicated uint64

	// ReceivedBytes and ForwardedBytes count the UDP payload bytes of
	// Received and Forwarded datagrams: what the sender put on the wire
	// and what reached the receiver.
	ReceivedBytes, ForwardedBytes uint64
}

type counters struct {
	received, forwarded, dropped, duplicated atomic.Uint64
	receivedBytes, forwardedBytes            atomic.Uint64
}

func (c *counters) load() Counters {
	return Counters{
		Received:   c.received.Load(),
		Forwarded:  c.forwarded.Load(),
		Dropped:    c.dropped.Load(),
		Duplicated: c.duplicated.Load(),

		ReceivedBytes:  c.receivedBytes.Load(),
		ForwardedBytes: c.forwardedBytes.Load(),
	}
}

// arrivalQueueLen is how many received datagrams may wait for a scheduler
// before the socket reader blocks (and the kernel's socket buffer fills).
const arrivalQueueLen = 1024

// maxDatagram is the largest UDP payload.
const maxDatagram = 65535

type arrival struct {
	at   time.Time
	data []byte
}

// A Relay forwards UDP datagrams between clients and one upstream server,
// impairing each direction. It is safe for concurrent use.
type Relay struct {
	upstream netip.AddrPort
	down     *net.UDPConn // client-facing socket; fixed for the relay's life

	paused     atomic.Bool
	blackholed [2]atomic.Bool
	stats      [2]counters
	arrivals   [2]chan arrival // from the socket readers to the schedulers

	// mu guards the fields below.
	mu         sync.Mutex
	up         *net.UDPConn   // upstream-side socket; replaced by Rebind
	client     netip.AddrPort // last-seen client address
	impairment [2]Impairment
	closed     bool

	done chan struct{}
	wg   sync.WaitGroup
}

// NewRelay starts a relay that forwards what clients send to its Addr on to
// upstream, and upstream's replies to the last client seen.
func NewRelay(upstream netip.AddrPort, cfg Config) (*Relay, error) {
	upstream = netip.AddrPortFrom(upstream.Addr().Unmap(), upstream.Port())
	if !upstream.IsValid() {
		return nil, errors.New("linktest: invalid upstream address")
	}
	for _, imp := range []Impairment{cfg.ToServer, cfg.ToClient} {
		if err := imp.validate(); err != nil {
			return nil, err
		}
	}
	loopback := "127.0.0.1:0"
	if upstream.Addr().Is6() {
		loopback = "[::1]:0"
	}
	listen, upLocal := cfg.Listen, cfg.UpstreamLocal
	if listen == "" {
		listen = loopback
	}
	if upLocal == "" {
		upLocal = loopback
	}
	down, err := listenUDP(listen)
	if err != nil {
		return nil, err
	}
	up, err := listenUDP(upLocal)
	if err != nil {
		down.Close()
		return nil, err
	}

	r := &Relay{
		upstream:   upstream,
		down:       down,
		up:         up,
		impairment: [2]Impairment{ToServer: cfg.ToServer, ToClient: cfg.ToClient},
		arrivals:   [2]chan arrival{make(chan arrival, arrivalQueueLen), make(chan arrival, arrivalQueueLen)},
		done:       make(chan struct{}),
	}
	r.wg.Add(4)
	go r.schedule(ToServer, newLink(cfg.Seed, ToServer))
	go r.schedule(ToClient, newLink(cfg.Seed, ToClient))
	go r.readClients()
	go r.readUpstream(up)
	return r, nil
}

func listenUDP(address string) (*net.UDPConn, error) {
	pc, err := net.ListenPacket("udp", address)
	if err != nil {
		return nil, fmt.Errorf("linktest: %w", err)
	}
	return pc.(*net.UDPConn), nil
}

// Addr is the client-facing address clients send to.
func (r *Relay) Addr() netip.AddrPort {
	return r.down.LocalAddr().(*net.UDPAddr).AddrPort()
}

// UpstreamLocalAddr is the current local address of the upstream-side
// socket: the source address the server sees.
func (r *Relay) UpstreamLocalAddr() netip.AddrPort {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.up.LocalAddr().(*net.UDPAddr).AddrPort()
}

// SetImpairment replaces the impairment of one direction. It applies to
// datagrams arriving from now on; those already in flight keep their fate.
func (r *Relay) SetImpairment(dir Direction, imp Impairment) error {
	if !dir.valid() {
		return fmt.Errorf("linktest: invalid direction %v", dir)
	}
	if err := imp.validate(); err != nil {
		return err
	}
	r.mu.Lock()
	r.impairment[dir] = imp
	r.mu.Unlock()
	return nil
}

// Pause takes the link down: until Resume, every datagram in both directions
// is dropped, including those already in flight when they fall due.
func (r *Relay) Pause() { r.paused.Store(true) }

// Resume undoes Pause. Blackholed directions stay blackholed.
func (r *Relay) Resume() { r.paused.Store(false) }

// Blackhole drops every datagram travelling in dir, including those already
// in flight, until Unblackhole.
func (r *Relay) Blackhole(dir Direction) { r.blackholed[dir].Store(true) }

// Unblackhole undoes Blackhole for dir.
func (r *Relay) Unblackhole(dir Direction) { r.blackholed[dir].Store(false) }

// Rebind moves the upstream-side socket to newLocal (for example
// "127.0.0.2:0"), so the server sees the client's datagrams come from a new
// address, as when a client roams. Replies still on their way to the old
// socket are lost.
func (r *Relay) Rebind(newLocal string) error {
	conn, err := listenUDP(newLocal)
	if err != nil {
		return err
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		conn.Close()
		return net.ErrClosed
	}
	old := r.up
	r.up = conn
	r.wg.Add(1)
	go r.readUpstream(conn)
	r.mu.Unlock()
	old.Close() // ends the old socket's reader
	return nil
}

// Stats returns the counters of both directions.
func (r *Relay) Stats() Stats {
	return Stats{ToServer: r.stats[ToServer].load(), ToClient: r.stats[ToClient].load()}
}

// Close stops the relay, drops what is in flight, and waits for its
// goroutines to exit. It is safe to call more than once.
func (r *Relay) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	up := r.up
	r.mu.Unlock()

	close(r.done)
	err := errors.Join(r.down.Close(), up.Close())
	r.wg.Wait()
	if err != nil {
		return fmt.Errorf("linktest: close: %w", err)
	}
	return nil
}

func (r *Relay) linkDown(dir Direction) bool {
	return r.paused.Load() || r.blackholed[dir].Load()
}

// readClients reads datagrams from clients, remembering the last sender so
// replies follow a roaming client.
func (r *Relay) readClients() {
	defer r.wg.Done()
	buf := make([]byte, maxDatagram)
	for {
		n, from, err := r.down.ReadFromUDPAddrPort(buf)
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			continue // transient; UDP reads have no lasting errors
		}
		from = netip.AddrPortFrom(from.Addr().Unmap(), from.Port())
		r.mu.Lock()
		r.client = from
		r.mu.Unlock()
		r.arrive(ToServer, buf[:n])
	}
}

// readUpstream reads the server's replies on one upstream-side socket until
// that socket is closed by Rebind or Close. Datagrams from anyone but the
// upstream are ignored.
func (r *Relay) readUpstream(conn *net.UDPConn) {
	defer r.wg.Done()
	buf := make([]byte, maxDatagram)
	for {
		n, from, err := conn.ReadFromUDPAddrPort(buf)
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			continue
		}
		if netip.AddrPortFrom(from.Addr().Unmap(), from.Port()) != r.upstream {
			continue
		}
		r.arrive(ToClient, buf[:n])
	}
}

// arrive counts a datagram and hands a copy to dir's scheduler, unless the
// link is down.
func (r *Relay) arrive(dir Direction, data []byte) {
	now := time.Now()
	st := &r.stats[dir]
	st.received.Add(1)
	st.receivedBytes.Add(uint64(len(data)))
	if r.linkDown(dir) {
		st.dropped.Add(1)
		return
	}
	select {
	case r.arrivals[dir] <- arrival{at: now, data: append([]byte(nil), data...)}:
	case <-r.done:
	}
}

// schedule owns dir's link: it applies the impairment to arriving datagrams
// and delivers each when it falls due, using one timer for the earliest.
func (r *Relay) schedule(dir Direction, l *link) {
	defer r.wg.Done()
	st := &r.stats[dir]
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		if due, ok := l.next(); ok {
			timer.Reset(time.Until(due))
		} else {
			timer.Stop()
		}
		select {
		case a := <-r.arrivals[dir]:
			r.mu.Lock()
			imp := r.impairment[dir]
			r.mu.Unlock()
			switch l.admit(a.at, a.data, imp) {
			case 0:
				st.dropped.Add(1)
			case 2:
				st.duplicated.Add(1)
			}
		case <-timer.C:
			now := time.Now()
			for data, ok := l.pop(now); ok; data, ok = l.pop(now) {
				if r.linkDown(dir) || r.deliver(dir, data) != nil {
					st.dropped.Add(1)
					continue
				}
				st.forwarded.Add(1)
				st.forwardedBytes.Add(uint64(len(data)))
			}
		case <-r.done:
			return
		}
	}
}

// deliver writes a datagram to the receiving side of dir.
func (r *Relay) deliver(dir Direction, data []byte) error {
	r.mu.Lock()
	up, client := r.up, r.client
	r.mu.Unlock()
	var err error
	if dir == ToServer {
		_, err = up.WriteToUDPAddrPort(data, r.upstream)
	} else {
		_, err = r.down.WriteToUDPAddrPort(data, client)
	}
	return err
}
