package transport

import (
	"crypto/rand"
	"io"
	"log/slog"
	"time"

	"github.com/roamterm/roam/protocol/fragment"
)

// Options holds what differs between the server and the client side.
type Options struct {
	// SendMinDelay is how long a local change is collected before it is
	// sent. Zero means ServerSendMinDelay (mosh's default); clients use
	// ClientSendMinDelay.
	SendMinDelay time.Duration
	// Start is the creation time: the initial state's timestamp, from
	// which the first heartbeat is due at once. Zero means time.Now().
	Start time.Time
	// Rand is the source of chaff bytes. Nil means crypto/rand.
	Rand io.Reader
	// Logger receives mosh's verbose lines (sent and received states) at
	// Debug level, and diff verification warnings. Nil discards them.
	Logger *slog.Logger
	// LiteralMax is the largest instruction sent without a compressor
	// (fragment.Fragmenter.LiteralMax); clients use
	// fragment.ClientLiteralMax.
	LiteralMax int
	// VerifyDiffs makes every send check that applying the diff to the
	// assumed receiver state reproduces the current state, as mosh's
	// verbose mode does, logging "round-trip Instruction verification
	// failed" otherwise. It costs a state copy per send; meant for tests.
	VerifyDiffs bool
}

// timestampedState is a numbered state and when it was sent or received.
type timestampedState[S any] struct {
	at    time.Time
	num   uint64
	state S
}

// Transport synchronises a local state L to the peer and a copy of the
// peer's state R from it. Create one with New; the zero value is not
// usable. It is not safe for concurrent use; methods that depend on time
// take it from the caller.
type Transport[L State[L], R State[R]] struct {
	conn         Conn
	log          *slog.Logger
	rand         io.Reader
	sendMinDelay time.Duration
	verifyDiffs  bool

	// Sender (mosh TransportSender).
	current L
	// sent is never empty: sent[0] is the newest state the peer has
	// acknowledged, the last element the last state sent, in increasing
	// num order.
	sent       []timestampedState[L]
	assumed    int // index in sent of the state the peer is assumed to hold
	fragmenter fragment.Fragmenter
	// nextSend is zero when no send is scheduled; mindelayClock is zero
	// when no change is waiting; lastHeard is zero before the first state
	// from the peer, so the active-retry window starts closed.
	nextAckTime  time.Time
	nextSendTime time.Time
	// lastForeground is when the last send carrying more than background
	// steps (see Stepper) left; zero before any.
	lastForeground time.Time
	mindelayClock  time.Time
	lastHeard      time.Time
	ackNum         uint64 // newest peer state held in order, sent as ack_num
	lastAckSent    uint64 // ack_num of the last instruction sent
	pendingDataAck bool   // a non-empty diff arrived and is not yet acked

	shutdownInProgress bool
	shutdownTries      int
	shutdownStart      time.Time

	// Receiver.
	assembler fragment.Assembler
	// received is never empty and sorted by num; the last element is the
	// newest peer state.
	received     []timestampedState[R]
	quenchUntil  time.Time // zero: a full queue may accept one state
	lastConsumed R         // the state RemoteDiff last returned a diff up to
}

// New returns a Transport whose local and remote states start as copies of
// initialLocal and initialRemote, both numbered 0. The transport keeps
// initialLocal itself as its current state (see CurrentState).
func New[L State[L], R State[R]](conn Conn, initialLocal L, initialRemote R, opts Options) *Transport[L, R] {
	start := opts.Start
	if start.IsZero() {
		start = time.Now()
	}
	t := &Transport[L, R]{
		conn:         conn,
		log:          opts.Logger,
		rand:         opts.Rand,
		sendMinDelay: opts.SendMinDelay,
		verifyDiffs:  opts.VerifyDiffs,
		current:      initialLocal,
		sent:         []timestampedState[L]{{at: start, num: 0, state: initialLocal.Clone()}},
		nextAckTime:  start, // the first tick acks at once
		received:     []timestampedState[R]{{at: start, num: 0, state: initialRemote.Clone()}},
		lastConsumed: initialRemote.Clone(),
	}
	if t.log == nil {
		t.log = slog.New(slog.DiscardHandler)
	}
	if t.rand == nil {
		t.rand = rand.Reader
	}
	if t.sendMinDelay == 0 {
		t.sendMinDelay = ServerSendMinDelay
	}
	t.fragmenter.LiteralMax = opts.LiteralMax
	return t
}

// CurrentState returns the local state being synchronised. The caller
// changes it in place (it is normally a pointer) between calls; the next
// Tick notices and sends the change. Do not change it once shutdown has
// started: mosh forbids it, as every later state carries the same number.
func (t *Transport[L, R]) CurrentState() L { return t.current }

// SetCurrentState replaces the local state with s, which the transport
// keeps (not a copy). The same rule as for CurrentState applies.
func (t *Transport[L, R]) SetCurrentState(s L) { t.current = s }

// PeerKnown reports whether the connection knows the peer's address.
func (t *Transport[L, R]) PeerKnown() bool { return t.conn.PeerKnown() }

// SendInterval is the current frame interval, clamp(ceil(SRTT/2), 20, 250) ms.
func (t *Transport[L, R]) SendInterval() time.Duration {
	interval := ceilMillis(t.conn.SRTT(), 2)
	return min(max(interval, sendIntervalMin), sendIntervalMax)
}

// ceilMillis returns ceil(d / divisor) rounded up to a whole millisecond,
// as mosh computes its intervals in integer milliseconds.
func ceilMillis(d time.Duration, divisor time.Duration) time.Duration {
	unit := divisor * time.Millisecond
	return (d + unit - 1) / unit * time.Millisecond
}

// SentStateLast is the number of the last state sent (the predictor's
// "local frame sent").
func (t *Transport[L, R]) SentStateLast() uint64 { return t.sent[len(t.sent)-1].num }

// SentStateAcked is the number of the newest state the peer has
// acknowledged (the predictor's "local frame acked").
func (t *Transport[L, R]) SentStateAcked() uint64 { return t.sent[0].num }

// SentStateAckedTimestamp is when the newest acknowledged state was sent:
// the client's "last reply" notice.
func (t *Transport[L, R]) SentStateAckedTimestamp() time.Time { return t.sent[0].at }

// LastHeard is when the newest peer state arrived (zero before any): the
// client's "last contact" notice.
func (t *Transport[L, R]) LastHeard() time.Time { return t.lastHeard }
