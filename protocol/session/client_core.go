package session

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/roamterm/roam/protocol/statesync"
	"github.com/roamterm/roam/protocol/transport"
	"github.com/roamterm/roam/protocol/wire"
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/predict"
)

// Client timing rules (mosh's stmclient.cc).
const (
	// ConnectTimeout: a client that has not received a single server state
	// this long after starting gives up ("Timed out waiting for server...").
	ConnectTimeout = 15 * time.Second
	// ConnectingNoticeAfter: the bar says "Nothing received from server on
	// UDP port N." once this long has passed without a server state.
	ConnectingNoticeAfter = 250 * time.Millisecond
)

// noWait is a wait time meaning "nothing scheduled".
const noWait = time.Duration(math.MaxInt64)

// Reasons Client.Run ends other than a clean shutdown.
var (
	// ErrNoServerReply: no state ever arrived from the server (mosh: "mosh
	// did not make a successful connection to IP:PORT").
	ErrNoServerReply = errors.New("session: nothing received from the server")
	// ErrUncleanShutdown: the shutdown handshake was not acknowledged in
	// time; the server may still be running.
	ErrUncleanShutdown = errors.New("session: shutdown not acknowledged by the server")
)

// Notification messages, mosh-client's words.
const (
	msgUserQuit      = "Exiting on user request..."
	msgExiting       = "Exiting..."
	msgTimedOut      = "Timed out waiting for server..."
	msgConnectingFmt = "Nothing received from server on UDP port %s."
)

// clientCore is the client side of a session as a pure, single-goroutine
// core: the transport of the user's input and the server's screen, the
// prediction engine, the escape key and the notification bar. Callers pass
// the time to every method; Client runs it against real sockets and clocks.
type clientCore struct {
	tr         *transport.Transport[*statesync.UserStream, *statesync.Complete]
	predictor  *predict.Engine
	escape     escapeFilter
	notes      notifier
	connecting string // the "Nothing received" message

	start     time.Time
	remoteNum uint64          // number of the screen in fb
	fb        *vt.Framebuffer // snapshot of the newest server screen
	altScreen bool            // the newest server state's Complete.AltScreen
	repaints  uint64
	suspends  uint64
	send      []byte // scratch for filtered input

	// history is the scrollback (nil when none is kept): the server's
	// lines when it sends them, else lines seen scrolling off fb.
	history     *vt.History
	historyView History // the last snapshot published

	done bool
	err  error
}

// coreConfig is what newClientCore needs.
type coreConfig struct {
	conn          transport.Conn
	width, height int
	port          string
	predict       predict.Options
	escape        EscapeKey
	history       int // ClientConfig.HistoryLines
	transport     transport.Options
	now           time.Time
}

func newClientCore(cfg coreConfig) *clientCore {
	w, h := max(cfg.width, 1), max(cfg.height, 1)
	opts := cfg.transport
	opts.Start = cfg.now
	if opts.SendMinDelay == 0 {
		opts.SendMinDelay = transport.ClientSendMinDelay
	}
	// State 0 on both sides: an empty input stream, and a blank screen at
	// our size, which is what the server's first diff assumes we show.
	remote := statesync.NewComplete(w, h)
	var history *vt.History
	if cfg.history >= 0 {
		if cfg.history == 0 {
			cfg.history = vt.DefaultHistoryLines
		}
		history = vt.NewHistory(cfg.history)
		remote.ReceiveHistory(history)
	}
	c := &clientCore{
		history:    history,
		tr:         transport.New(cfg.conn, &statesync.UserStream{}, remote, opts),
		predictor:  predict.New(cfg.predict),
		escape:     escapeFilter{key: cfg.escape},
		connecting: fmt.Sprintf(msgConnectingFmt, cfg.port),
		start:      cfg.now,
		fb:         remote.Framebuffer().Clone(),
	}
	c.notes = notifier{
		prefix:    "roam: ",
		quitHint:  cfg.escape.QuitHint(),
		lastHeard: cfg.now,
		lastAcked: cfg.now,
		showHint:  true,
		permanent: true,
	}
	// The first thing the server learns is our size, then (a Roam server;
	// mosh's ignores it) that we keep scrollback.
	c.tr.CurrentState().PushResize(w, h)
	if c.history != nil {
		c.tr.CurrentState().PushHello(wire.FeatureHistory | wire.FeatureLinkTable)
	}
	return c
}

// receive processes the payload of one authentic datagram.
func (c *clientCore) receive(payload []byte, now time.Time) {
	if err := c.tr.Recv(payload, now); err != nil && !c.tr.ShutdownInProgress() {
		c.notes.setNetworkError(err.Error(), now)
	}
	num, remote := c.tr.LatestRemoteState()
	if num != c.remoteNum {
		c.remoteNum = num
		fb := remote.Framebuffer().Clone()
		if c.history != nil && !remote.HistorySynced() {
			recordScrolledOff(c.history, c.fb, fb)
		}
		c.fb = fb
		c.historyView.Synced = remote.HistorySynced()
		// A new state comes with a new fb, so a frame whose flag
		// changed is never the same frame (sameFrame compares fb).
		c.altScreen = remote.AltScreen()
	}
	if t := c.tr.LastHeard(); !t.IsZero() {
		c.notes.lastHeard = t
	}
	c.notes.lastAcked = c.tr.SentStateAckedTimestamp()
	c.predictor.SetLocalFrameAcked(c.tr.SentStateAcked())
	c.predictor.SetSendInterval(c.tr.SendInterval())
	c.predictor.SetLocalFrameLateAcked(remote.EchoAck())
}

// keys processes one read of the user's input: the escape key's commands
// are acted on, the rest is predicted and queued for the server. One read
// of more than 100 bytes, or a bracketed paste, is a paste and is not
// predicted.
func (c *clientCore) keys(p []byte, now time.Time) {
	if c.tr.ShutdownInProgress() {
		return
	}
	quit := false
	c.send = c.escape.filter(c.send[:0], p, func(a escapeAction) {
		switch a {
		case actionHelp:
			c.notes.setMessage(c.escape.key.Help(), true, false, now)
		case actionDone:
			if c.notes.message == c.escape.key.Help() {
				c.notes.clearMessage()
			}
		case actionQuit:
			quit = true
		case actionSuspend:
			c.suspends++
		case actionRepaint:
			c.repaints++
		}
	})
	if len(c.send) > 0 {
		c.predictor.SetLocalFrameSent(c.tr.SentStateLast())
		// The engine sees the read whole, so it can tell a paste.
		c.predictor.NewUserInput(c.send, c.fb, now)
		c.tr.CurrentState().PushBytes(c.send)
	}
	if quit {
		c.quit(msgUserQuit, now)
	}
}

// resize tells the server the window's new size. Sizes below 1 are
// ignored: the real server aborts on them.
func (c *clientCore) resize(width, height int) {
	if width < 1 || height < 1 {
		return
	}
	if !c.tr.ShutdownInProgress() {
		c.tr.CurrentState().PushResize(width, height)
	}
	c.predictor.Reset()
}

// quit starts the shutdown handshake, showing why.
func (c *clientCore) quit(why string, now time.Time) {
	if c.tr.ShutdownInProgress() {
		return
	}
	c.notes.setMessage(why, true, true, now)
	c.tr.StartShutdown(now)
}

// step runs the session's rules after an event or a timeout and sends
// what is due. It sets done when the session is over.
func (c *clientCore) step(now time.Time) {
	if c.done {
		return
	}
	shuttingDown := c.tr.ShutdownInProgress()
	switch {
	case shuttingDown && c.tr.ShutdownAcknowledged(), c.tr.CounterpartyShutdownAckSent():
		c.finish(nil)
		return
	case shuttingDown && c.tr.ShutdownAckTimedOut(now):
		c.finish(ErrUncleanShutdown)
		return
	}

	since := now.Sub(c.start)
	switch {
	case c.remoteNum == 0 && !shuttingDown && since > ConnectTimeout:
		c.quit(msgTimedOut, now)
	case c.remoteNum == 0 && !shuttingDown && since > ConnectingNoticeAfter:
		if c.notes.message != c.connecting {
			c.notes.setMessage(c.connecting, true, true, now)
		}
	case c.remoteNum != 0 && c.notes.message == c.connecting:
		c.notes.clearMessage()
	}

	if err := c.tr.Tick(now); err != nil {
		c.notes.setNetworkError(err.Error(), now)
	} else {
		c.notes.clearNetworkError(now)
	}
	c.notes.expire(now)
}

// finish ends the session with err (nil for a clean shutdown).
func (c *clientCore) finish(err error) {
	if err != nil && c.remoteNum == 0 {
		err = ErrNoServerReply
	}
	c.done, c.err = true, err
}

// waitTime returns how long the caller may wait for input before calling
// step again.
func (c *clientCore) waitTime(now time.Time) time.Duration {
	wait := min(c.tr.WaitTime(now), c.predictor.WaitTime(now), c.notes.waitTime(now))
	if c.remoteNum == 0 && !c.tr.ShutdownInProgress() {
		for _, at := range []time.Duration{ConnectingNoticeAfter, ConnectTimeout} {
			if d := c.start.Add(at).Sub(now); d >= 0 {
				wait = min(wait, d+time.Millisecond)
			}
		}
	}
	return max(wait, 0)
}

// frame judges the predictions against the newest screen and returns the
// snapshot a front end draws.
func (c *clientCore) frame(now time.Time) Frame {
	c.predictor.Cull(c.fb, now)
	return Frame{
		FB:      c.fb,
		Overlay: c.predictor.Overlay(c.fb),
		Status: Status{
			Notification: c.notes.text(now),
			LastContact:  c.tr.LastHeard(),
			LastReply:    c.tr.SentStateAckedTimestamp(),
			Connecting:   c.remoteNum == 0,
			ShuttingDown: c.tr.ShutdownInProgress(),
		},
		Repaints:  c.repaints,
		Suspends:  c.suspends,
		History:   c.historySnapshot(),
		AltScreen: c.altScreen,
	}
}

// historySnapshot returns the scrollback to publish, taking a new
// snapshot only when lines were added, dropped or cleared.
func (c *clientCore) historySnapshot() History {
	h := c.history
	if h == nil {
		return History{}
	}
	v := &c.historyView
	if v.End() != h.End() || v.First() != h.First() || v.Cleared() != h.Cleared() {
		v.HistoryView = h.Snapshot()
	}
	v.Incomplete = !v.Synced && v.End() > 0 || h.Gaps()
	return *v
}
