package conn

import "time"

// portHopper decides when the client moves to a fresh source port and when
// it may close the old ones. A NAT that dropped our mapping, or a network
// change that made the old source address useless, shows up as round trips
// that stop succeeding; a new socket gets a new mapping. Not safe for
// concurrent use.
type portHopper struct {
	lastChoice     time.Time // when the newest socket was opened
	lastRoundTrip  time.Time // send time of the newest acknowledged state
	roundTripKnown bool
}

func newPortHopper(now time.Time) portHopper {
	return portHopper{lastChoice: now}
}

// roundTripSucceeded records that a state sent at sentAt was acknowledged.
func (h *portHopper) roundTripSucceeded(sentAt time.Time) {
	if !h.roundTripKnown || sentAt.After(h.lastRoundTrip) {
		h.lastRoundTrip, h.roundTripKnown = sentAt, true
	}
}

// hopDue reports, after a send at now, whether to open a new socket: more
// than 10 s since the last port choice and since the last round trip. If
// so it records now as the new choice, whether or not opening succeeds,
// so a failing socket() is retried only at the next interval.
func (h *portHopper) hopDue(now time.Time) bool {
	if now.Sub(h.lastChoice) <= portHopInterval {
		return false
	}
	if h.roundTripKnown && now.Sub(h.lastRoundTrip) <= portHopInterval {
		return false
	}
	h.lastChoice = now
	return true
}

// excess returns how many of the oldest of open sockets to close at now:
// all but the newest once it has been in use for more than 60 s, and in
// any case enough to keep at most 10.
func (h *portHopper) excess(now time.Time, open int) int {
	if open <= 1 {
		return 0
	}
	if now.Sub(h.lastChoice) > maxOldSocketAge {
		return open - 1
	}
	return max(open-maxPortsOpen, 0)
}
