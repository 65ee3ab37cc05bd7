package transport

// State is what a Transport synchronises: the local state it sends (the
// client's user input stream, the server's terminal) and the peer's state it
// receives. S is the implementing type itself, normally a pointer, so that
// Apply and Subtract work in place.
//
// Diffs are opaque to the transport. A diff applied to the state it was
// computed from must yield a state Equal to the one that produced it.
type State[S any] interface {
	// Clone returns an independent copy.
	Clone() S
	// Equal reports whether the two states would render the same; the
	// sender only sends when the current state is not Equal to the one
	// the peer has.
	Equal(other S) bool
	// DiffFrom returns the serialised UserMessage or HostMessage that
	// turns old into the receiver; empty if they are Equal.
	DiffFrom(old S) []byte
	// InitDiff returns the diff from the initial state (state 0), mosh's
	// init_diff.
	InitDiff() []byte
	// Apply applies a diff produced by DiffFrom, in place. An error leaves
	// the state undefined; the transport then discards it.
	Apply(diff []byte) error
	// Subtract drops the part of the state that prefix, an older state of
	// the same stream, already holds ("rationalisation"; only meaningful
	// for an append-only log such as the user stream — a no-op for the
	// terminal). prefix may be the receiver itself, which then keeps
	// nothing but its position. Diffs between states subtracted by the
	// same prefix must stay what they were.
	Subtract(prefix S)
}

// Stepper is implemented by a State whose diff from an older state may be
// too large to go in one instruction without delaying what matters (a
// terminal's scrollback backlog). Before each send the sender asks the
// current state for the step to take from the state the peer is assumed
// to hold, sends that step and records it as sent; the rest follows in
// later sends, as if the state had changed again.
//
// Those later sends are background traffic: they keep the frame interval
// among themselves, but do not hold back a change that matters (a new
// screen), which keeps the frame interval only after the last send that
// carried such a change.
type Stepper[S any] interface {
	// StepFrom returns the state to send next on the way from old, an
	// older state of the same stream, to the receiver: the receiver
	// itself when its diff from old is small enough, else a state
	// between the two. It must not modify the receiver or old.
	StepFrom(old S) S
	// BackgroundFrom reports whether the receiver differs from old only
	// in what StepFrom meters out (so sending it may wait).
	BackgroundFrom(old S) bool
}
