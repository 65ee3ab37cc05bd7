package session

import (
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/roamterm/roam/protocol/conn"
	"github.com/roamterm/roam/protocol/fragment"
	"github.com/roamterm/roam/protocol/rawio"
	"github.com/roamterm/roam/protocol/transport"
	"github.com/roamterm/roam/vt/predict"
)

// ClientConn is what the client loop needs of its datagram connection;
// *conn.Client satisfies it.
type ClientConn interface {
	transport.Conn
	// Incoming delivers raw datagrams; it is closed by Close.
	Incoming() <-chan conn.Datagram
	// Open authenticates a datagram and returns its payload.
	Open(d conn.Datagram, now time.Time) (payload []byte, ok bool)
	Close() error
}

// ClientConfig configures a Client.
type ClientConfig struct {
	// Conn is the connection to the server. The Client owns it from now
	// on and closes it when Run returns.
	Conn ClientConn
	// Width and Height are the window size: the size of the blank screen
	// the session starts from, and the first thing sent to the server.
	// Values below 1 are raised to 1.
	Width, Height int
	// Port names the server's UDP port in the "Nothing received from
	// server on UDP port N." notice.
	Port string
	// Predict configures local echo (mosh's MOSH_PREDICTION_DISPLAY and
	// MOSH_PREDICTION_OVERWRITE).
	Predict predict.Options
	// Escape is the escape key; the zero value is Ctrl-^.
	Escape EscapeKey
	// HistoryLines bounds the scrollback the client keeps (Frame.History):
	// 0 means vt.DefaultHistoryLines; a negative value keeps none and does
	// not ask a Roam server for it.
	HistoryLines int
	// Logger receives the transport's verbose lines at Debug level. Nil
	// discards them.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now. For tests.
	Now func() time.Time
}

// inputQueue bounds the key reads and resizes waiting for the loop; a
// front end that gets ahead of it blocks.
const inputQueue = 64

// maxDrain is how many queued datagrams the loop takes before it looks at
// anything else, so that a burst becomes one frame rather than many.
const maxDrain = 32

// Client runs the client side of a session: it sends the user's keys and
// window size to the server, keeps a copy of the server's screen, predicts
// the echo of what is typed, and publishes each change as an immutable
// Frame. One goroutine (Run) owns the connection, the transport and the
// prediction engine; the other methods may be called from any goroutine.
type Client struct {
	core *clientCore
	conn ClientConn
	now  func() time.Time

	keys    chan []byte
	resizes chan [2]int
	quit    chan struct{}
	quitted sync.Once
	done    chan struct{}

	mu      sync.Mutex
	frame   Frame
	updates chan struct{}
}

// NewClient returns a Client for cfg, showing a blank screen until the
// server's first state arrives.
func NewClient(cfg ClientConfig) *Client {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Client{
		conn:    cfg.Conn,
		now:     now,
		keys:    make(chan []byte, inputQueue),
		resizes: make(chan [2]int, inputQueue),
		quit:    make(chan struct{}),
		done:    make(chan struct{}),
		updates: make(chan struct{}, 1),
	}
	t := now()
	tr := transport.Options{
		SendMinDelay: transport.ClientSendMinDelay,
		LiteralMax:   fragment.ClientLiteralMax,
		Logger:       log,
	}
	c.core = newClientCore(coreConfig{
		conn:      cfg.Conn,
		width:     cfg.Width,
		height:    cfg.Height,
		port:      cfg.Port,
		predict:   cfg.Predict,
		escape:    cfg.Escape,
		history:   cfg.HistoryLines,
		transport: tr,
		now:       t,
	})
	c.frame = c.core.frame(t)
	return c
}

// Keys hands one read of the user's input to the session, to be filtered
// for escape-key commands, predicted and sent. Pass each read whole: a
// read of more than 100 bytes is taken as a paste and not predicted.
// It is a no-op once the session has ended.
func (c *Client) Keys(p []byte) {
	if len(p) == 0 {
		return
	}
	select {
	case c.keys <- slices.Clone(p):
	case <-c.done:
	}
}

// Resize reports a new window size. Sizes below 1 are ignored.
func (c *Client) Resize(width, height int) {
	if width < 1 || height < 1 {
		return
	}
	select {
	case c.resizes <- [2]int{width, height}:
	case <-c.done:
	}
}

// Quit starts the shutdown handshake, as mosh-client does on a signal or
// the end of its input; Run returns when it completes or times out.
func (c *Client) Quit() { c.quitted.Do(func() { close(c.quit) }) }

// Updates receives a value whenever a Frame that draws differently has
// been published (a new Status.LastContact or LastReply alone does not
// count: every heartbeat brings one, and front ends would redraw an
// unchanged screen). Several publications may collapse into one
// notification: read Frame after each.
func (c *Client) Updates() <-chan struct{} { return c.updates }

// Frame returns the newest published frame.
func (c *Client) Frame() Frame {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.frame
}

// Done is closed when Run has returned.
func (c *Client) Done() <-chan struct{} { return c.done }

// Run runs the session until it ends and closes the connection. It
// returns nil after a clean shutdown (ours or the server's),
// ErrNoServerReply if the server never answered, and ErrUncleanShutdown if
// the server did not acknowledge our shutdown.
func (c *Client) Run() error {
	defer close(c.done)
	defer c.conn.Close()
	// Not a time.Timer: the runtime's timers wake its monitor thread
	// too, and an idle session is almost nothing but timer expiries.
	// A tick only makes the loop look at the clock again.
	timer := rawio.NewTimer()
	defer timer.Stop()
	quit := c.quit
	for {
		now := c.now()
		c.core.step(now)
		c.publish(now)
		if c.core.done {
			return c.core.err
		}
		timer.Arm(now.Add(c.core.waitTime(now)), now)
		select {
		case d, ok := <-c.conn.Incoming():
			if !ok {
				return errors.New("session: connection closed")
			}
			c.receive(d)
		case p := <-c.keys:
			c.core.keys(p, c.now())
		case sz := <-c.resizes:
			c.core.resize(sz[0], sz[1])
		case <-quit:
			quit = nil
			c.core.quit(msgExiting, c.now())
		case <-timer.C:
		}
	}
}

// receive handles d and whatever else is already queued, up to maxDrain.
func (c *Client) receive(d conn.Datagram) {
	for range maxDrain {
		now := c.now()
		if payload, ok := c.conn.Open(d, now); ok {
			c.core.receive(payload, now)
		}
		var ok bool
		select {
		case d, ok = <-c.conn.Incoming():
			if !ok {
				return
			}
		default:
			return
		}
	}
}

// publish makes the current frame visible to front ends, and tells them
// if it draws differently.
func (c *Client) publish(now time.Time) {
	f := c.core.frame(now)
	c.mu.Lock()
	changed := !sameFrame(c.frame, f)
	c.frame = f
	c.mu.Unlock()
	if changed {
		select {
		case c.updates <- struct{}{}:
		default:
		}
	}
}

// sameFrame reports whether a and b would be drawn the same.
func sameFrame(a, b Frame) bool {
	sa, sb := a.Status, b.Status
	sa.LastContact, sa.LastReply = sb.LastContact, sb.LastReply
	return a.FB == b.FB && sa == sb && a.History.same(b.History) &&
		a.Repaints == b.Repaints && a.Suspends == b.Suspends &&
		a.Overlay.HasCursor == b.Overlay.HasCursor && a.Overlay.Cursor == b.Overlay.Cursor &&
		slices.Equal(a.Overlay.Cells, b.Overlay.Cells)
}
