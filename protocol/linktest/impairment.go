package linktest

import (
	"fmt"
	"time"
)

// Direction names one half of the relayed path.
type Direction int

const (
	// ToServer is the client-to-server direction.
	ToServer Direction = iota
	// ToClient is the server-to-client direction.
	ToClient
)

func (d Direction) String() string {
	switch d {
	case ToServer:
		return "to-server"
	case ToClient:
		return "to-client"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

func (d Direction) valid() bool { return d == ToServer || d == ToClient }

// Defaults applied when the corresponding Impairment field is zero.
const (
	// DefaultQueueLimit is the rate limiter's queue length, in datagrams,
	// when Impairment.QueueLimit is zero.
	DefaultQueueLimit = 100
	// DefaultReorderDelay is how long a reordered datagram is held back,
	// beyond its normal delay, when Impairment.ReorderDelay is zero.
	DefaultReorderDelay = 10 * time.Millisecond
)

// maxInFlightBytes bounds the memory one direction may hold in its delay
// queue; datagrams beyond it are dropped as if the path's buffers overflowed.
const maxInFlightBytes = 16 << 20

// Impairment describes what happens to datagrams travelling in one direction.
// The zero value forwards everything at once, unchanged.
//
// A datagram goes through the stages in this order: i.i.d. loss and
// burst loss, the rate limiter's queue (tail drop when full), then the fixed
// delay plus jitter, then reordering and duplication. All probabilities are
// in [0, 1].
type Impairment struct {
	// Delay is added to every datagram.
	Delay time.Duration
	// Jitter adds a uniformly distributed offset in [-Jitter, +Jitter] to
	// Delay (the total never goes below zero). Jitter larger than the
	// spacing between datagrams reorders them, as netem's jitter does.
	Jitter time.Duration

	// Loss is the probability that a datagram is dropped, independently of
	// every other datagram.
	Loss float64
	// BurstLoss adds correlated loss on top of Loss.
	BurstLoss BurstLoss

	// Duplicate is the probability that a datagram is delivered twice.
	Duplicate float64
	// Reorder is the probability that a datagram is held back by
	// ReorderDelay beyond its normal delay, so later datagrams overtake it.
	Reorder float64
	// ReorderDelay is the extra hold-back of a reordered datagram; zero means
	// DefaultReorderDelay.
	ReorderDelay time.Duration

	// RateBitsPerSec limits throughput, counting UDP payload bits; zero means
	// unlimited. Datagrams wait in a FIFO queue for the link to be free.
	RateBitsPerSec int
	// QueueLimit is the rate limiter's queue length in datagrams; a datagram
	// arriving at a full queue is dropped (tail drop). Zero means
	// DefaultQueueLimit. Ignored without RateBitsPerSec.
	QueueLimit int
}

// BurstLoss is a Gilbert-Elliott loss model: a two-state Markov chain that
// advances once per datagram. In the good state nothing is lost (beyond
// Impairment.Loss); in the bad state each datagram is lost with probability
// LossInBad. The mean burst length is 1/BadToGood datagrams. The zero value
// never enters the bad state.
type BurstLoss struct {
	// GoodToBad is the probability of moving from the good to the bad state.
	GoodToBad float64
	// BadToGood is the probability of moving from the bad to the good state.
	BadToGood float64
	// LossInBad is the loss probability while in the bad state.
	LossInBad float64
}

func (imp Impairment) validate() error {
	probabilities := []struct {
		name string
		p    float64
	}{
		{"Loss", imp.Loss},
		{"BurstLoss.GoodToBad", imp.BurstLoss.GoodToBad},
		{"BurstLoss.BadToGood", imp.BurstLoss.BadToGood},
		{"BurstLoss.LossInBad", imp.BurstLoss.LossInBad},
		{"Duplicate", imp.Duplicate},
		{"Reorder", imp.Reorder},
	}
	for _, p := range probabilities {
		if !(p.p >= 0 && p.p <= 1) { // also rejects NaN
			return fmt.Errorf("linktest: %s = %v is not a probability in [0, 1]", p.name, p.p)
		}
	}
	durations := []struct {
		name string
		d    time.Duration
	}{
		{"Delay", imp.Delay},
		{"Jitter", imp.Jitter},
		{"ReorderDelay", imp.ReorderDelay},
	}
	for _, d := range durations {
		if d.d < 0 {
			return fmt.Errorf("linktest: negative %s %v", d.name, d.d)
		}
	}
	if imp.RateBitsPerSec < 0 {
		return fmt.Errorf("linktest: negative RateBitsPerSec %d", imp.RateBitsPerSec)
	}
	if imp.QueueLimit < 0 {
		return fmt.Errorf("linktest: negative QueueLimit %d", imp.QueueLimit)
	}
	return nil
}

func (imp Impairment) queueLimit() int {
	if imp.QueueLimit == 0 {
		return DefaultQueueLimit
	}
	return imp.QueueLimit
}

func (imp Impairment) reorderDelay() time.Duration {
	if imp.ReorderDelay == 0 {
		return DefaultReorderDelay
	}
	return imp.ReorderDelay
}
