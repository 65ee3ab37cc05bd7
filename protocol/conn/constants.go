package conn

import "time"

// Protocol constants from mosh's network.h.
const (
	ipv4MTU     = 1280 - 28 // datagram bytes: 1280-byte path minus IPv4 (20) and UDP (8) headers
	ipv6MTU     = 1280 - 64 // minus IPv6 (40), two extension headers (16) and UDP (8)
	fallbackMTU = 500       // after sendto fails with EMSGSIZE

	associationTimeout = 40 * time.Second // server forgets a silent client
	portHopInterval    = 10 * time.Second // client hops after this long without a round trip
	maxOldSocketAge    = 60 * time.Second // client closes old sockets once the newest is this old
	maxPortsOpen       = 10               // client sockets kept for receiving

	maxEchoHold  = 1000 // ms a received timestamp may be held before echoing it is pointless
	maxRTTSample = 5000 // ms; larger samples (a stopped peer) are ignored

	initialSRTT   = 1000 // ms
	initialRTTVAR = 500  // ms
	minRTO        = 50   // ms
	maxRTO        = 1000 // ms
)

// The port range mosh-server searches when none is requested.
const (
	DefaultPortLow  = 60001
	DefaultPortHigh = 60999
)

// incomingQueue bounds the datagrams waiting for the session goroutine;
// beyond it readers drop, as a full kernel buffer would.
const incomingQueue = 256
