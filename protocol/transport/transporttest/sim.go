package transporttest

import (
	"container/heap"
	"fmt"
	"math/rand/v2"
	"time"
)

// Endpoint is what a Sim drives: a transport.Transport of any state types.
type Endpoint interface {
	Recv(payload []byte, now time.Time) error
	Tick(now time.Time) error
	WaitTime(now time.Time) time.Duration
}

// LinkConfig describes the simulated link, the same in both directions.
// It may be changed between Steps (e.g. set Loss to 1 for an outage).
type LinkConfig struct {
	Delay     time.Duration // one-way delay
	Jitter    time.Duration // extra delay, uniform in [0, Jitter): reorders datagrams
	Loss      float64       // probability that a datagram is dropped
	Duplicate float64       // probability that a datagram is delivered twice
}

// Sim connects two endpoints through a simulated link and runs them on a
// simulated clock, deterministically for a given seed.
type Sim struct {
	Now   time.Time
	Link  LinkConfig
	Conns [2]*Conn // Conns[i] is the connection of endpoint i

	ends     [2]Endpoint
	inflight inflightQueue
	seq      uint64 // tie-breaker keeping delivery order stable
	rng      *rand.Rand
}

// NewSim returns a Sim starting at start whose two Conns know their peer
// and report an SRTT of twice the delay plus the jitter.
func NewSim(start time.Time, link LinkConfig, seed uint64) *Sim {
	s := &Sim{Now: start, Link: link, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	rtt := 2*link.Delay + link.Jitter
	for i := range s.Conns {
		c := NewConn()
		c.SmoothedRTT = rtt
		c.Timeout = min(max(3*rtt, 50*time.Millisecond), time.Second)
		to := 1 - i
		c.deliver = func(payload []byte, now time.Time) { s.transmit(to, payload, now) }
		s.Conns[i] = c
	}
	return s
}

// Attach sets the two endpoints, which must use s.Conns[0] and s.Conns[1].
func (s *Sim) Attach(a, b Endpoint) { s.ends = [2]Endpoint{a, b} }

func (s *Sim) transmit(to int, payload []byte, now time.Time) {
	if s.rng.Float64() < s.Link.Loss {
		return
	}
	copies := 1
	if s.rng.Float64() < s.Link.Duplicate {
		copies = 2
	}
	for range copies {
		delay := s.Link.Delay
		if s.Link.Jitter > 0 {
			delay += time.Duration(s.rng.Int64N(int64(s.Link.Jitter)))
		}
		s.seq++
		heap.Push(&s.inflight, datagramInFlight{at: now.Add(delay), seq: s.seq, to: to, payload: payload})
	}
}

// Step delivers the datagrams due at s.Now, ticks both endpoints, then
// advances s.Now to the next event: a delivery, the earlier of the two
// WaitTimes, or limit (the caller's next own event), whichever comes first,
// but by at least a millisecond (mosh's clock resolution) so a transport
// that keeps asking for an immediate tick cannot stall the run.
func (s *Sim) Step(limit time.Time) error {
	for s.inflight.Len() > 0 && !s.inflight[0].at.After(s.Now) {
		d := heap.Pop(&s.inflight).(datagramInFlight)
		if err := s.ends[d.to].Recv(d.payload, s.Now); err != nil {
			return fmt.Errorf("transporttest: endpoint %d: recv: %w", d.to, err)
		}
	}
	wait := time.Duration(1<<63 - 1)
	for i, e := range s.ends {
		if err := e.Tick(s.Now); err != nil {
			return fmt.Errorf("transporttest: endpoint %d: tick: %w", i, err)
		}
		wait = min(wait, e.WaitTime(s.Now))
	}
	next := s.Now.Add(wait)
	if s.inflight.Len() > 0 && s.inflight[0].at.Before(next) {
		next = s.inflight[0].at
	}
	if limit.Before(next) {
		next = limit
	}
	s.Now = later(next, s.Now.Add(time.Millisecond))
	return nil
}

// Run steps until done returns true (checked before every step) or s.Now
// passes deadline. It reports whether done returned true.
func (s *Sim) Run(deadline time.Time, done func() bool) (bool, error) {
	for !s.Now.After(deadline) {
		if done != nil && done() {
			return true, nil
		}
		if err := s.Step(deadline); err != nil {
			return false, err
		}
	}
	return done != nil && done(), nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

type datagramInFlight struct {
	at      time.Time
	seq     uint64
	to      int
	payload []byte
}

// inflightQueue is a min-heap of datagrams by delivery time.
type inflightQueue []datagramInFlight

func (q inflightQueue) Len() int { return len(q) }
func (q inflightQueue) Less(i, j int) bool {
	if !q[i].at.Equal(q[j].at) {
		return q[i].at.Before(q[j].at)
	}
	return q[i].seq < q[j].seq
}
func (q inflightQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *inflightQueue) Push(x any)   { *q = append(*q, x.(datagramInFlight)) }
func (q *inflightQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
