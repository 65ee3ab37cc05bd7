package conn

import (
	"errors"
	"sync/atomic"
	"time"

	"github.com/roamterm/roam/protocol/datagram"
)

// ErrSequenceExhausted is returned by Send once 2^63 datagrams have been
// sealed under the session key: another one would reuse a nonce. The
// session cannot continue.
var ErrSequenceExhausted = errors.New("conn: datagram sequence numbers exhausted")

// errWrongDirection rejects an authentic datagram travelling our own way,
// i.e. one of our own datagrams reflected back at us.
var errWrongDirection = errors.New("conn: datagram has the wrong direction")

// link is the socket-free half of a connection that both ends share:
// sealing with fresh sequence numbers and timestamps, opening with the
// expected-sequence rule, the timestamp echo and the RTT estimator. It
// runs on the session goroutine; only counters may be read concurrently.
type link struct {
	session  *datagram.Session
	sendDir  datagram.Direction
	epoch    time.Time // origin of the millisecond clock behind the timestamps
	nextSeq  uint64
	expected uint64 // lowest sequence number that still counts as fresh
	echo     timestampEcho
	rtt      rttEstimator
	counters counters
}

func newLink(key datagram.Key, sendDir datagram.Direction, epoch time.Time) (*link, error) {
	s, err := datagram.NewSession(key)
	if err != nil {
		return nil, err
	}
	return &link{session: s, sendDir: sendDir, epoch: epoch}, nil
}

func (l *link) ms(now time.Time) int64 { return now.Sub(l.epoch).Milliseconds() }

// seal builds the next datagram carrying payload.
func (l *link) seal(payload []byte, now time.Time) ([]byte, error) {
	if l.nextSeq > datagram.MaxSeq {
		return nil, ErrSequenceExhausted
	}
	nowMS := l.ms(now)
	p := datagram.Packet{
		Seq:            l.nextSeq,
		Dir:            l.sendDir,
		Timestamp:      datagram.Timestamp16(nowMS),
		TimestampReply: l.echo.reply(nowMS),
		Payload:        payload,
	}
	l.nextSeq++
	return l.session.SealPacket(make([]byte, 0, datagram.Overhead+len(payload)), &p), nil
}

// open authenticates data. A datagram is fresh when its sequence number is
// at least the expected one; only fresh datagrams feed the timestamp echo
// and the RTT estimate (and, in the caller, roaming), so a replayed or
// reordered datagram cannot steer them. Stale datagrams are still returned:
// their payload is harmless to the idempotent state sync above.
func (l *link) open(data []byte, now time.Time) (p datagram.Packet, fresh bool, err error) {
	p, err = l.session.OpenPacket(data)
	if err == nil && p.Dir == l.sendDir {
		err = errWrongDirection
	}
	if err != nil {
		l.counters.rejected.Add(1)
		return datagram.Packet{}, false, err
	}
	l.counters.received.Add(1)
	if p.Seq < l.expected {
		l.counters.stale.Add(1)
		return p, false, nil
	}
	l.expected = p.Seq + 1
	nowMS := l.ms(now)
	l.echo.received(p.Timestamp, nowMS)
	if p.TimestampReply != datagram.NoTimestamp {
		r := datagram.Timestamp16(nowMS) - p.TimestampReply // mod 2^16
		l.rtt.sample(float64(r))
	}
	return p, true, nil
}

// Stats counts datagrams for tests and diagnostics; bad datagrams are
// never logged one by one.
type Stats struct {
	Sent       uint64 // datagrams handed to the kernel
	Received   uint64 // authentic datagrams, fresh or stale
	Stale      uint64 // authentic but older than expected: delivered without roaming or RTT
	Rejected   uint64 // dropped: short, oversize, forged, wrong key or wrong direction
	Overflowed uint64 // dropped because Incoming was full
}

type counters struct {
	sent, received, stale, rejected, overflowed atomic.Uint64
}

func (c *counters) snapshot() Stats {
	return Stats{
		Sent:       c.sent.Load(),
		Received:   c.received.Load(),
		Stale:      c.stale.Load(),
		Rejected:   c.rejected.Load(),
		Overflowed: c.overflowed.Load(),
	}
}
