package session

import (
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/statesync"
	"github.com/roamterm/roam/protocol/transport"
	"github.com/roamterm/roam/protocol/transport/transporttest"
	"github.com/roamterm/roam/vt/predict"
)

// coreLink is a clientCore and a server transport joined by fake
// connections on a fake clock. The server side echoes what is typed, as a
// shell would.
type coreLink struct {
	t       *testing.T
	now     time.Time
	core    *clientCore
	cliConn *transporttest.Conn
	srvConn *transporttest.Conn
	srv     *transport.Transport[*statesync.Complete, *statesync.UserStream]
	term    *statesync.Complete
	events  []statesync.Event // what the server received, in order

	cliSent, srvSent int
	lastRemote       uint64
	up, down         bool // whether each direction delivers
}

func newCoreLink(t *testing.T, opts predict.Options) *coreLink {
	l := &coreLink{t: t, now: t0, cliConn: transporttest.NewConn(), srvConn: transporttest.NewConn(), up: true, down: true}
	l.core = newClientCore(coreConfig{conn: l.cliConn, width: 80, height: 24, port: "60001", predict: opts, now: t0})
	l.term = statesync.NewComplete(80, 24)
	l.srv = transport.New(l.srvConn, l.term, &statesync.UserStream{}, transport.Options{Start: t0})
	return l
}

// run advances the clock by d in steps of 10 ms, moving datagrams between
// the two sides at every step.
func (l *coreLink) run(d time.Duration) {
	for end := l.now.Add(d); l.now.Before(end); l.now = l.now.Add(10 * time.Millisecond) {
		l.core.step(l.now)
		for ; l.cliSent < len(l.cliConn.Sent); l.cliSent++ {
			if l.up {
				l.srv.Recv(l.cliConn.Sent[l.cliSent].Payload, l.now)
			}
		}
		l.serverStep()
		for ; l.srvSent < len(l.srvConn.Sent); l.srvSent++ {
			if l.down {
				l.core.receive(l.srvConn.Sent[l.srvSent].Payload, l.now)
			}
		}
		if l.core.done {
			return
		}
	}
}

// serverStep is what a server loop does: hand new user events to the
// terminal (echoing keys), compute the echo ack, and send.
func (l *coreLink) serverStep() {
	if num := l.srv.RemoteStateNum(); num != l.lastRemote && !l.srv.ShutdownInProgress() {
		l.lastRemote = num
		var ev statesync.UserStream
		if err := ev.Apply(l.srv.RemoteDiff()); err != nil {
			l.t.Fatal(err)
		}
		for e := range ev.EventsSince(0) {
			l.events = append(l.events, e)
			if e.Resize {
				l.term.Resize(e.Width, e.Height)
			} else {
				l.term.Write(e.Keys)
			}
		}
		if ev.Count() > 0 {
			l.term.RegisterInputFrame(num, l.now)
		}
	}
	if !l.srv.ShutdownInProgress() {
		l.term.SetEchoAck(l.now)
	}
	l.srv.Tick(l.now)
}

func (l *coreLink) text() string { return l.core.frame(l.now).Status.Notification }

// connect runs the link until the client holds a server state.
func (l *coreLink) connect() {
	l.run(300 * time.Millisecond)
	if l.core.remoteNum == 0 {
		l.t.Fatal("no server state after 300 ms")
	}
}

func TestClientConnecting(t *testing.T) {
	l := newCoreLink(t, predict.Options{})
	l.up, l.down = false, false
	if w := l.core.waitTime(t0); w > ConnectingNoticeAfter+time.Millisecond {
		t.Errorf("first wait %v, want at most the connecting notice's delay", w)
	}
	l.run(200 * time.Millisecond)
	if got := l.text(); got != "" {
		t.Errorf("notice too early: %q", got)
	}
	l.run(100 * time.Millisecond)
	if got, want := l.text(), "roam: Nothing received from server on UDP port 60001. [To quit: Ctrl-^ .]"; got != want {
		t.Errorf("connecting: %q, want %q", got, want)
	}
	if f := l.core.frame(l.now); !f.Status.Connecting || f.Status.ShuttingDown {
		t.Errorf("status %+v", f.Status)
	}
	l.run(ConnectTimeout - 300*time.Millisecond)
	if l.core.tr.ShutdownInProgress() {
		t.Fatal("gave up before 15 s")
	}
	l.run(20 * time.Millisecond)
	if !l.core.tr.ShutdownInProgress() || !strings.HasPrefix(l.text(), "roam: Timed out waiting for server...") {
		t.Fatalf("not giving up after 15 s: %q", l.text())
	}
	l.run(11 * time.Second)
	if !l.core.done || l.core.err != ErrNoServerReply {
		t.Fatalf("done %v, err %v; want ErrNoServerReply", l.core.done, l.core.err)
	}
}

func TestClientFirstStateAndLateness(t *testing.T) {
	l := newCoreLink(t, predict.Options{})
	l.connect()
	if len(l.events) == 0 || !l.events[0].Resize || l.events[0].Width != 80 || l.events[0].Height != 24 {
		t.Fatalf("server's first event %+v, want a resize to 80x24", l.events)
	}
	f := l.core.frame(l.now)
	if f.Status.Connecting || f.Status.Notification != "" {
		t.Fatalf("status after the first state: %+v", f.Status)
	}

	// The link goes down: "Last contact" after 6.5 s, counting up.
	l.up, l.down = false, false
	down := l.core.tr.LastHeard()
	l.run(down.Add(6400 * time.Millisecond).Sub(l.now))
	if got := l.text(); got != "" {
		t.Errorf("bar before 6.5 s: %q", got)
	}
	l.run(200 * time.Millisecond)
	if got, want := l.text(), "roam: Last contact 6 seconds ago. [To quit: Ctrl-^ .]"; got != want {
		t.Errorf("after 6.6 s: %q, want %q", got, want)
	}
	l.run(5 * time.Second)
	if got := l.text(); !strings.HasPrefix(got, "roam: Last contact 11 seconds ago.") {
		t.Errorf("after 11.6 s: %q", got)
	}
	// Back up: the bar goes with the next server state.
	l.up, l.down = true, true
	l.run(3500 * time.Millisecond) // the server's next heartbeat
	if got := l.text(); got != "" {
		t.Errorf("bar after recovery: %q", got)
	}
	l.core.keys([]byte("y"), l.now) // a fresh acknowledgement
	l.run(500 * time.Millisecond)

	// Only the uplink fails: the server's heartbeats still arrive, our
	// states are not acknowledged — "Last reply" after 10 s.
	l.up = false
	l.core.keys([]byte("x"), l.now)
	sent := l.now
	l.run(9 * time.Second)
	if got := l.text(); got != "" {
		t.Errorf("bar while the server is heard: %q", got)
	}
	l.run(2 * time.Second)
	if got := l.text(); !strings.HasPrefix(got, "roam: Last reply ") {
		t.Errorf("uplink down %v: %q, want Last reply", l.now.Sub(sent), got)
	}
	l.up = true
	l.run(3 * time.Second)
	if got := l.text(); got != "" {
		t.Errorf("bar after the uplink recovered: %q", got)
	}
}

func TestClientEscapeQuit(t *testing.T) {
	l := newCoreLink(t, predict.Options{})
	l.connect()
	l.core.keys([]byte{0x1e}, l.now)
	if got, want := l.text(), `roam: Commands: Ctrl-Z suspends, "." quits, "^" gives literal Ctrl-^`; got != want {
		t.Errorf("after the escape key: %q, want %q", got, want)
	}
	l.core.keys([]byte("."), l.now)
	if got := l.text(); got != "roam: Exiting on user request... [To quit: Ctrl-^ .]" {
		t.Errorf("quitting: %q", got)
	}
	l.run(2 * time.Second)
	if !l.core.done || l.core.err != nil {
		t.Fatalf("done %v, err %v; want a clean shutdown", l.core.done, l.core.err)
	}
}

func TestClientServerShutdown(t *testing.T) {
	l := newCoreLink(t, predict.Options{})
	l.connect()
	l.srv.StartShutdown(l.now)
	l.run(2 * time.Second)
	if !l.core.done || l.core.err != nil {
		t.Fatalf("done %v, err %v; want a clean end", l.core.done, l.core.err)
	}
}

func TestClientShutdownUnacknowledged(t *testing.T) {
	l := newCoreLink(t, predict.Options{})
	l.connect()
	l.up, l.down = false, false
	l.core.quit(msgExiting, l.now)
	l.run(11 * time.Second)
	if !l.core.done || l.core.err != ErrUncleanShutdown {
		t.Fatalf("done %v, err %v; want ErrUncleanShutdown", l.core.done, l.core.err)
	}
}

func TestClientKeysAndResizes(t *testing.T) {
	l := newCoreLink(t, predict.Options{})
	l.connect()
	l.core.keys([]byte("ab\x0cc"), l.now)
	l.core.keys([]byte("\x1e\x1a"), l.now)
	l.core.resize(0, 0)
	l.core.resize(100, 0)
	l.core.resize(100, 30)
	l.run(200 * time.Millisecond)
	var keys string
	var resizes [][2]int
	for _, e := range l.events {
		if e.Resize {
			resizes = append(resizes, [2]int{e.Width, e.Height})
		} else {
			keys += string(e.Keys)
		}
	}
	if keys != "ab\x0cc" {
		t.Errorf("server got keys %q", keys)
	}
	if len(resizes) != 2 || resizes[1] != [2]int{100, 30} {
		t.Errorf("server got resizes %v, want [80 24] then [100 30]", resizes)
	}
	f := l.core.frame(l.now)
	if f.Repaints != 1 || f.Suspends != 1 {
		t.Errorf("repaints %d, suspends %d; want 1, 1", f.Repaints, f.Suspends)
	}
	if f.FB.Width() != 100 || f.FB.Height() != 30 {
		t.Errorf("screen %dx%d after the server resized", f.FB.Width(), f.FB.Height())
	}
}

// One read of more than 100 bytes, or a bracketed paste, is not predicted.
func TestClientPasteNotPredicted(t *testing.T) {
	l := newCoreLink(t, predict.Options{Display: predict.Experimental})
	l.connect()
	l.up = false // nothing gets confirmed or echoed meanwhile

	l.core.keys([]byte("abc"), l.now)
	if n := len(l.core.frame(l.now).Overlay.Cells); n != 3 {
		t.Fatalf("typed 3 characters, %d predicted", n)
	}
	l.core.keys([]byte(strings.Repeat("x", 101)), l.now)
	if n := len(l.core.frame(l.now).Overlay.Cells); n != 0 {
		t.Errorf("a 101-byte read left %d predictions", n)
	}
	l.core.keys([]byte("\x1b[200~pasted\x1b[201~"), l.now)
	if n := len(l.core.frame(l.now).Overlay.Cells); n != 0 {
		t.Errorf("a bracketed paste was predicted: %d cells", n)
	}
	l.core.keys([]byte("d"), l.now)
	if n := len(l.core.frame(l.now).Overlay.Cells); n != 1 {
		t.Errorf("typing after the paste: %d predictions, want 1", n)
	}
}

// The client wakes only when something is due: idle, that is the
// transport's 3 s heartbeat.
func TestClientIdleWait(t *testing.T) {
	l := newCoreLink(t, predict.Options{})
	l.run(5 * time.Second)
	if w := l.core.waitTime(l.now); w < time.Second {
		t.Errorf("idle client waits only %v", w)
	}
}
