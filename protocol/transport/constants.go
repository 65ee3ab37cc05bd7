package transport

import "time"

// Timing and sizing rules of the protocol, from mosh's transportsender.h and
// networktransport-impl.h (mosh-wire.md §4.3).
const (
	// sendIntervalMin and sendIntervalMax bound the frame interval, which
	// is otherwise half the smoothed round-trip time.
	sendIntervalMin = 20 * time.Millisecond
	sendIntervalMax = 250 * time.Millisecond

	// ackInterval is the heartbeat: with nothing else to send, an empty
	// ack (a new state number) goes out this long after the last send.
	ackInterval = 3000 * time.Millisecond

	// ackDelay is how soon a received non-empty diff is acknowledged, and
	// the slack added to the RTO before an unacknowledged state is no
	// longer assumed to have arrived.
	ackDelay = 100 * time.Millisecond

	// shutdownRetries is how many shutdown instructions are sent before
	// the initiator gives up waiting for the acknowledgement.
	shutdownRetries = 16

	// activeRetryTimeout: resends happen at the frame rate only while the
	// peer has sent a new state within this window; also the shutdown
	// give-up time.
	activeRetryTimeout = 10000 * time.Millisecond

	// ServerSendMinDelay and ClientSendMinDelay are SEND_MINDELAY, how
	// long a change to the local state is collected before it is sent:
	// mosh's server waits for more terminal output, the client only
	// batches a burst of keystrokes.
	ServerSendMinDelay = 8 * time.Millisecond
	ClientSendMinDelay = 1 * time.Millisecond

	// sentStatesMax is the length of the sent-state list above which one
	// state is culled, sentStatesCullFromEnd places from the end (so the
	// acknowledged front and the recent states survive).
	sentStatesMax         = 32
	sentStatesCullFromEnd = 16

	// receivedStatesMax is the number of held peer states above which a
	// new state is accepted only once per receiverQuench.
	receivedStatesMax = 1024
	receiverQuench    = 15000 * time.Millisecond

	// chaffMax is the largest number of random chaff bytes per instruction.
	chaffMax = 16

	// idleWait is what WaitTime returns when nothing can be due, e.g.
	// while the peer's address is unknown.
	idleWait = time.Hour
)
