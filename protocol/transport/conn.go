package transport

import "time"

// Conn is the transport's view of the datagram connection (package conn
// satisfies it). All methods are called from the transport's goroutine.
type Conn interface {
	// Send seals payload (one fragment: 10-byte header + data) into a new
	// datagram and sends it to the peer; a no-op while no peer address is
	// known. Errors are local send failures.
	Send(payload []byte, now time.Time) error
	// PeerKnown reports whether the peer's address is known, i.e. whether
	// anything can be sent at all.
	PeerKnown() bool
	// SRTT is the smoothed round-trip time (1 s before the first sample).
	SRTT() time.Duration
	// RTO is clamp(ceil(SRTT+4*RTTVAR), 50, 1000) ms, computed by conn.
	RTO() time.Duration
	// MaxPayload is the max fragment size including its 10-byte header
	// (MTU − 28).
	MaxPayload() int
	// RoundTripSucceeded reports that the peer acked a state sent at
	// sentAt (feeds the client's port hopping).
	RoundTripSucceeded(sentAt time.Time)
}
