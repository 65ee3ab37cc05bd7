package linktest

import (
	"container/heap"
	"math/rand/v2"
	"time"
)

// link applies one direction's Impairment and holds the datagrams in flight.
// It is a single-goroutine core: the caller passes the current time, and a
// link is not safe for concurrent use.
type link struct {
	rng *rand.Rand
	// bad is the Gilbert-Elliott state.
	bad bool
	// linkFree is when the rate-limited link finishes its last transmission.
	linkFree time.Time
	// departures holds the departure times of the datagrams still in the
	// rate limiter's queue (including the one being transmitted), oldest
	// first.
	departures []time.Time

	inFlight      inFlightQueue
	inFlightBytes int
	seq           uint64
}

// newLink returns a link whose random decisions are determined by seed and
// dir, so the two directions of a relay draw from independent streams.
func newLink(seed uint64, dir Direction) *link {
	return &link{rng: rand.New(rand.NewPCG(seed, uint64(dir)))}
}

// admit decides the fate of a datagram arriving at now and queues the copies
// to deliver. It returns how many copies were queued: 0 if the datagram was
// dropped, 2 if it was duplicated. The link keeps data until it is popped.
func (l *link) admit(now time.Time, data []byte, imp Impairment) int {
	// Draw the same numbers for every datagram, whatever is enabled, so the
	// fate of the n-th datagram at one stage does not shift when another
	// stage is switched on or off.
	uLoss, uTransition, uBurst := l.rng.Float64(), l.rng.Float64(), l.rng.Float64()
	uJitter, uReorder, uDuplicate := l.rng.Float64(), l.rng.Float64(), l.rng.Float64()

	lost := uLoss < imp.Loss
	if l.bad {
		lost = lost || uBurst < imp.BurstLoss.LossInBad
		l.bad = uTransition >= imp.BurstLoss.BadToGood
	} else {
		l.bad = uTransition < imp.BurstLoss.GoodToBad
	}
	if lost {
		return 0
	}

	copies := 1
	if uDuplicate < imp.Duplicate {
		copies = 2
	}
	if l.inFlightBytes+copies*len(data) > maxInFlightBytes {
		return 0
	}

	sent := now
	if imp.RateBitsPerSec > 0 {
		var queued bool
		if sent, queued = l.transmit(now, len(data), imp); !queued {
			return 0
		}
	}

	delay := imp.Delay
	if imp.Jitter > 0 {
		delay += time.Duration((2*uJitter - 1) * float64(imp.Jitter))
		delay = max(delay, 0)
	}
	if uReorder < imp.Reorder {
		delay += imp.reorderDelay()
	}
	due := sent.Add(delay)
	for range copies {
		l.push(due, data)
	}
	return copies
}

// transmit queues a datagram of size bytes on the rate-limited link and
// returns when its transmission completes, or false if the queue is full.
func (l *link) transmit(now time.Time, size int, imp Impairment) (time.Time, bool) {
	for len(l.departures) > 0 && !l.departures[0].After(now) {
		l.departures = l.departures[1:]
	}
	if len(l.departures) >= imp.queueLimit() {
		return time.Time{}, false
	}
	start := now
	if l.linkFree.After(now) {
		start = l.linkFree
	}
	l.linkFree = start.Add(time.Duration(int64(size) * 8 * int64(time.Second) / int64(imp.RateBitsPerSec)))
	l.departures = append(l.departures, l.linkFree)
	return l.linkFree, true
}

func (l *link) push(due time.Time, data []byte) {
	heap.Push(&l.inFlight, datagram{due: due, seq: l.seq, data: data})
	l.seq++
	l.inFlightBytes += len(data)
}

// next reports when the earliest datagram in flight is due.
func (l *link) next() (time.Time, bool) {
	if len(l.inFlight) == 0 {
		return time.Time{}, false
	}
	return l.inFlight[0].due, true
}

// pop removes and returns the earliest datagram due at or before now.
// Datagrams due at the same instant come out in the order they were queued.
func (l *link) pop(now time.Time) ([]byte, bool) {
	if len(l.inFlight) == 0 || l.inFlight[0].due.After(now) {
		return nil, false
	}
	d := heap.Pop(&l.inFlight).(datagram)
	l.inFlightBytes -= len(d.data)
	return d.data, true
}

type datagram struct {
	due  time.Time
	seq  uint64
	data []byte
}

// inFlightQueue is a min-heap of datagrams ordered by due time, then by
// arrival order.
type inFlightQueue []datagram

func (q inFlightQueue) Len() int { return len(q) }

func (q inFlightQueue) Less(i, j int) bool {
	if !q[i].due.Equal(q[j].due) {
		return q[i].due.Before(q[j].due)
	}
	return q[i].seq < q[j].seq
}

func (q inFlightQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }

func (q *inFlightQueue) Push(x any) { *q = append(*q, x.(datagram)) }

func (q *inFlightQueue) Pop() any {
	old := *q
	d := old[len(old)-1]
	old[len(old)-1] = datagram{} // let the payload be collected
	*q = old[:len(old)-1]
	return d
}
