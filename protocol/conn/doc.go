// Package conn owns the UDP sockets of a mosh session: it seals fragments
// into datagrams, sends them to the peer, and opens what arrives.
//
// Server follows its client: every authentic datagram with a sequence
// number at or above the expected one moves the reply address to the
// datagram's source (roaming), and 40 s of silence make it forget the
// client until it is heard again. Client hops to a fresh source port when
// no round trip has succeeded for 10 s, keeping older sockets open for
// receiving for a while.
//
// Both keep the per-direction bookkeeping of mosh's Network::Connection:
// the sequence counter, the expected receive sequence, the timestamp echo
// (with hold-time correction) and the SRTT/RTTVAR/RTO estimator.
//
// Concurrency: each socket has one reader goroutine that only copies raw
// datagrams onto the Incoming channel (dropping them when it is full).
// Sockets are read and written through package rawio, so that a datagram
// wakes one thread, not the scheduler's monitor and a spare thread too.
// Everything else — Open, Send and the estimators — runs on the caller's
// session goroutine and is not safe for concurrent use, except Close and
// Stats, which may be called from any goroutine. The timing rules live in
// small pure types that take now as a parameter.
//
// Reference: mosh src/network/network.cc.
package conn
