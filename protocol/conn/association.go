package conn

import (
	"net/netip"
	"time"
)

// association is the server's idea of where its client is. The zero value
// knows no client. Not safe for concurrent use.
type association struct {
	peer      netip.AddrPort
	known     bool
	lastHeard time.Time
}

// heard records a fresh authentic datagram from addr; the client's newest
// source address wins, which is what lets the client roam.
func (a *association) heard(addr netip.AddrPort, now time.Time) {
	a.peer, a.known, a.lastHeard = addr, true, now
}

// expire forgets the client if it has been silent for more than 40 s. The
// server calls it after each send, as mosh does.
func (a *association) expire(now time.Time) {
	if a.known && now.Sub(a.lastHeard) > associationTimeout {
		a.known = false
	}
}
