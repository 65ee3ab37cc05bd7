package conn

import "github.com/roamterm/roam/protocol/datagram"

// timestampEcho holds the peer's latest timestamp until the next datagram
// goes out, so the peer can measure the round trip. The echo is advanced
// by the time it was held, so the peer measures the path and not our
// reply delay. Times are milliseconds on the connection's clock. The zero
// value holds nothing. Not safe for concurrent use.
type timestampEcho struct {
	pending bool
	saved   uint16
	savedAt int64
}

// received records the timestamp of a fresh authentic datagram.
func (e *timestampEcho) received(ts uint16, nowMS int64) {
	if ts == datagram.NoTimestamp {
		return
	}
	e.pending, e.saved, e.savedAt = true, ts, nowMS
}

// reply returns the timestamp_reply for a datagram built at nowMS: the
// held timestamp plus the hold time if it arrived less than 1000 ms ago,
// otherwise NoTimestamp. Only the first datagram after a receipt echoes.
func (e *timestampEcho) reply(nowMS int64) uint16 {
	held := nowMS - e.savedAt
	if !e.pending || held < 0 || held >= maxEchoHold {
		return datagram.NoTimestamp
	}
	e.pending = false
	return e.saved + uint16(held)
}
