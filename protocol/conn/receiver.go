package conn

import (
	"bytes"
	"errors"
	"net"
	"net/netip"
	"sync"

	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/rawio"
)

// Datagram is one raw UDP datagram as received, before authentication.
type Datagram struct {
	Data []byte
	From netip.AddrPort
}

// receiver runs one reader goroutine per socket, all feeding one bounded
// channel. The owner starts readers, closes their sockets to stop them, and
// then calls stop, which waits for every reader and closes the channel.
type receiver struct {
	incoming chan Datagram
	counters *counters
	wg       sync.WaitGroup
}

func newReceiver(c *counters) *receiver {
	return &receiver{incoming: make(chan Datagram, incomingQueue), counters: c}
}

// start launches the reader for sock. It must not be called after stop.
func (r *receiver) start(sock *rawio.UDP) {
	r.wg.Add(1)
	go r.readLoop(sock)
}

// readLoop copies datagrams from sock to the channel until sock is closed.
func (r *receiver) readLoop(sock *rawio.UDP) {
	defer r.wg.Done()
	// One byte more than the largest valid datagram, so an oversize one
	// arrives oversize (and is rejected) instead of silently truncated.
	buf := make([]byte, datagram.MaxSize+1)
	for {
		n, from, err := sock.ReadFrom(buf)
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			continue // transient (e.g. ICMP-induced); the socket is still open
		}
		select {
		case r.incoming <- Datagram{Data: bytes.Clone(buf[:n]), From: from}:
		default:
			r.counters.overflowed.Add(1)
		}
	}
}

// stop waits for all readers, whose sockets the caller has closed, and
// closes the channel so the session goroutine sees the end.
func (r *receiver) stop() {
	r.wg.Wait()
	close(r.incoming)
}
