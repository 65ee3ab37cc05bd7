// Package linktest impairs a UDP path between a client and a server for
// end-to-end tests.
//
// The test kernel has no netem, so delay, jitter, loss, duplication,
// reordering and rate limits are applied in user space by a Relay: clients
// send to Relay.Addr, the relay forwards each datagram to the upstream server
// from its own upstream-side socket, and forwards the server's replies to the
// client address it saw last. Following the last-seen client address is what
// lets a roaming client (new source address or port) pass through, exactly as
// a NAT on a real path would.
//
// Each direction has its own Impairment and its own PRNG seeded from
// Config.Seed, so the fate of the n-th datagram in a direction (lost, delayed
// by how much, duplicated, held back) does not depend on timing or on traffic
// in the other direction. Rate limiting and queue overflow are the exception:
// they depend on arrival times by design.
//
// The impairment model itself (type link) is a single-goroutine core that
// takes the current time as a parameter; it is tested on a fake clock. The
// Relay owns the sockets and two scheduler goroutines, one per direction,
// each draining a time-ordered queue with a single timer.
//
// Runtime controls model common failures: Pause drops everything both ways
// like a dead link, Blackhole drops one direction (for example the server's
// replies, to look like UDP being blocked), and Rebind moves the relay's
// upstream-side socket to a new local address so the server sees the client
// roam.
package linktest
