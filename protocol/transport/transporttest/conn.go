package transporttest

import (
	"bytes"
	"time"
)

// Datagram is one payload passed to Conn.Send.
type Datagram struct {
	At      time.Time
	Payload []byte
}

// Conn is a fake transport.Conn. Set its fields to steer the transport;
// read Sent to see what it sent. The zero value knows no peer.
type Conn struct {
	Known       bool          // returned by PeerKnown
	SmoothedRTT time.Duration // returned by SRTT
	Timeout     time.Duration // returned by RTO
	MaxFragment int           // returned by MaxPayload
	SendErr     error         // returned by Send (after recording)

	Sent          []Datagram // every payload sent while Known, in order (copies)
	LastRoundTrip time.Time  // last argument of RoundTripSucceeded

	// deliver, when set (by Sim), carries sent payloads to the peer.
	deliver func(payload []byte, now time.Time)
}

// NewConn returns a Conn with a known peer, mosh's values before the first
// RTT sample (SRTT 1 s, RTO 1 s) and an IPv4-sized fragment limit.
func NewConn() *Conn {
	return &Conn{Known: true, SmoothedRTT: time.Second, Timeout: time.Second, MaxFragment: 1252 - 28}
}

// Send records payload and, inside a Sim, puts it on the link.
func (c *Conn) Send(payload []byte, now time.Time) error {
	if !c.Known {
		return nil
	}
	p := bytes.Clone(payload)
	c.Sent = append(c.Sent, Datagram{At: now, Payload: p})
	if c.deliver != nil {
		c.deliver(p, now)
	}
	return c.SendErr
}

// PeerKnown returns c.Known.
func (c *Conn) PeerKnown() bool { return c.Known }

// SRTT returns c.SmoothedRTT.
func (c *Conn) SRTT() time.Duration { return c.SmoothedRTT }

// RTO returns c.Timeout.
func (c *Conn) RTO() time.Duration { return c.Timeout }

// MaxPayload returns c.MaxFragment.
func (c *Conn) MaxPayload() int { return c.MaxFragment }

// RoundTripSucceeded records sentAt in c.LastRoundTrip.
func (c *Conn) RoundTripSucceeded(sentAt time.Time) { c.LastRoundTrip = sentAt }
