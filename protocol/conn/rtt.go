package conn

import (
	"math"
	"time"
)

// rttEstimator is RFC 6298's smoothed round-trip time as mosh computes it,
// in milliseconds. The zero value holds the initial estimate (SRTT 1000,
// RTTVAR 500). Not safe for concurrent use.
type rttEstimator struct {
	hit    bool // a sample has been taken
	srtt   float64
	rttvar float64
}

// sample feeds one measurement r (ms). Samples of 5 s or more are ignored:
// they come from a peer that was stopped, not from the path.
func (e *rttEstimator) sample(r float64) {
	if r >= maxRTTSample {
		return
	}
	if !e.hit {
		e.srtt, e.rttvar, e.hit = r, r/2, true
		return
	}
	const alpha, beta = 1.0 / 8, 1.0 / 4
	e.rttvar = (1-beta)*e.rttvar + beta*math.Abs(e.srtt-r)
	e.srtt = (1-alpha)*e.srtt + alpha*r
}

func (e *rttEstimator) values() (srtt, rttvar float64) {
	if !e.hit {
		return initialSRTT, initialRTTVAR
	}
	return e.srtt, e.rttvar
}

// SRTT returns the smoothed round-trip time.
func (e *rttEstimator) SRTT() time.Duration {
	srtt, _ := e.values()
	return time.Duration(srtt * float64(time.Millisecond))
}

// RTO returns the retransmission timeout: ceil(SRTT + 4·RTTVAR) ms, clamped
// to [50, 1000] ms.
func (e *rttEstimator) RTO() time.Duration {
	srtt, rttvar := e.values()
	rto := math.Ceil(srtt + 4*rttvar)
	rto = min(max(rto, minRTO), maxRTO)
	return time.Duration(rto) * time.Millisecond
}
