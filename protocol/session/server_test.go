package session

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/conn"
	"github.com/roamterm/roam/protocol/statesync"
	"github.com/roamterm/roam/protocol/transport"
	"github.com/roamterm/roam/protocol/transport/transporttest"
)

// fakeServerConn is a ServerConn whose datagrams are plain payloads.
type fakeServerConn struct {
	in    chan conn.Datagram
	out   chan []byte
	known bool // touched only by the server goroutine
}

func newFakeServerConn() *fakeServerConn {
	return &fakeServerConn{in: make(chan conn.Datagram, 64), out: make(chan []byte, 1024)}
}

func (c *fakeServerConn) Send(p []byte, now time.Time) error {
	if c.known {
		c.out <- bytes.Clone(p)
	}
	return nil
}
func (c *fakeServerConn) PeerKnown() bool                { return c.known }
func (c *fakeServerConn) SRTT() time.Duration            { return 10 * time.Millisecond }
func (c *fakeServerConn) RTO() time.Duration             { return 50 * time.Millisecond }
func (c *fakeServerConn) MaxPayload() int                { return 1200 }
func (c *fakeServerConn) RoundTripSucceeded(time.Time)   {}
func (c *fakeServerConn) Incoming() <-chan conn.Datagram { return c.in }
func (c *fakeServerConn) Close() error                   { return nil }
func (c *fakeServerConn) Open(d conn.Datagram, _ time.Time) ([]byte, bool) {
	c.known = true
	return d.Data, true
}

// fakePTY is an application terminal driven by the test.
type fakePTY struct {
	out       chan []byte // what the application prints; close for EOF
	written   chan []byte
	resized   chan [2]int
	closeOnce sync.Once
	closed    chan struct{}
}

func newFakePTY() *fakePTY {
	return &fakePTY{out: make(chan []byte, 16), written: make(chan []byte, 64),
		resized: make(chan [2]int, 16), closed: make(chan struct{})}
}

func (p *fakePTY) Read(b []byte) (int, error) {
	select {
	case s, ok := <-p.out:
		if !ok {
			return 0, io.EOF
		}
		return copy(b, s), nil
	case <-p.closed:
		return 0, io.ErrClosedPipe
	}
}

func (p *fakePTY) Write(b []byte) (int, error) {
	p.written <- bytes.Clone(b)
	return len(b), nil
}

func (p *fakePTY) Resize(w, h int) error { p.resized <- [2]int{w, h}; return nil }

func (p *fakePTY) Close() error { p.closeOnce.Do(func() { close(p.closed) }); return nil }

// client is the test's end: a real client transport over a fake conn,
// pumped by hand.
type client struct {
	t    *testing.T
	conn *transporttest.Conn
	tr   *transport.Transport[*statesync.UserStream, *statesync.Complete]
	srv  *fakeServerConn
	sent int
}

func newClient(t *testing.T, srv *fakeServerConn, w, h int) *client {
	c := transporttest.NewConn()
	c.SmoothedRTT, c.Timeout = 10*time.Millisecond, 50*time.Millisecond
	return &client{t: t, conn: c, srv: srv, tr: transport.New(c, &statesync.UserStream{}, statesync.NewComplete(w, h),
		transport.Options{SendMinDelay: transport.ClientSendMinDelay})}
}

// pump exchanges datagrams until cond holds or 5 s pass.
func (c *client) pump(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting for %s", what)
		}
		now := time.Now()
		c.tr.Tick(now)
		for ; c.sent < len(c.conn.Sent); c.sent++ {
			c.srv.in <- conn.Datagram{Data: c.conn.Sent[c.sent].Payload}
		}
	drain:
		for {
			select {
			case p := <-c.srv.out:
				c.tr.Recv(p, time.Now())
			default:
				break drain
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (c *client) screen() string {
	_, st := c.tr.LatestRemoteState()
	fb := st.Framebuffer()
	var b strings.Builder
	for y := range fb.Height() {
		for x := range fb.Width() {
			if r := fb.Cell(y, x).Rune; r != 0 {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func readWritten(t *testing.T, p *fakePTY, want string) {
	t.Helper()
	var got []byte
	deadline := time.After(5 * time.Second)
	for !bytes.Contains(got, []byte(want)) {
		select {
		case b := <-p.written:
			got = append(got, b...)
		case <-deadline:
			t.Fatalf("application got %q, want %q", got, want)
		}
	}
}

func TestServerSession(t *testing.T) {
	srvConn := newFakeServerConn()
	app := newFakePTY()
	started := make(chan [2]int, 1)
	s := NewServer(ServerConfig{
		Conn: srvConn, Width: 80, Height: 24,
		StartApp: func(w, h int) (PTY, error) {
			started <- [2]int{w, h}
			return app, nil
		},
	})
	done := make(chan error, 1)
	go func() { done <- s.Run() }()

	c := newClient(t, srvConn, 100, 30)
	c.tr.CurrentState().PushResize(100, 30)
	c.tr.CurrentState().PushBytes([]byte("ls\x1bOA"))
	c.pump("the application to start", func() bool { return len(started) > 0 })
	if size := <-started; size != [2]int{100, 30} {
		t.Errorf("application started at %v, want the client's 100x30", size)
	}
	// Arrow keys in normal cursor mode become CSI sequences.
	readWritten(t, app, "ls\x1b[A")

	app.out <- []byte("hello\x1b[?1h")
	c.pump("the screen", func() bool { return strings.HasPrefix(c.screen(), "hello") })
	_, st := c.tr.LatestRemoteState()
	if fb := st.Framebuffer(); fb.Width() != 100 || fb.Height() != 30 {
		t.Errorf("client screen %dx%d", fb.Width(), fb.Height())
	}

	// The application asked for application cursor keys: no translation.
	c.tr.CurrentState().PushBytes([]byte("\x1bOB"))
	keysState := c.tr.SentStateLast() + 1
	readWrittenWhilePumping(t, c, app, "\x1bOB")
	// The echo ack for that input arrives about 50 ms later.
	c.pump("the echo ack", func() bool {
		_, st := c.tr.LatestRemoteState()
		return st.EchoAck() >= keysState
	})

	// A run of resizes: the emulator takes each, the PTY only the last.
	c.tr.CurrentState().PushResize(90, 20)
	c.tr.CurrentState().PushResize(91, 21)
	c.pump("the resize", func() bool { return len(app.resized) > 0 })
	if r := <-app.resized; r != [2]int{91, 21} {
		t.Errorf("PTY resized to %v", r)
	}
	if len(app.resized) != 0 {
		t.Errorf("extra PTY resizes: %v", <-app.resized)
	}

	// The application exits: shutdown handshake, then Run returns.
	close(app.out)
	c.pump("the server to finish", func() bool {
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
			return true
		default:
			return false
		}
	})
	if !c.tr.CounterpartyShutdownAckSent() {
		t.Error("server ended before the client acknowledged its shutdown")
	}
}

func readWrittenWhilePumping(t *testing.T, c *client, p *fakePTY, want string) {
	t.Helper()
	var got []byte
	c.pump("input "+want, func() bool {
		for {
			select {
			case b := <-p.written:
				got = append(got, b...)
				continue
			default:
			}
			return bytes.Contains(got, []byte(want))
		}
	})
}

// Without a client the loop sleeps until the no-client deadline; a
// shutdown signal with no client known ends it at once.
func TestServerIdleAndSignal(t *testing.T) {
	srvConn := newFakeServerConn()
	shutdown := make(chan struct{}, 1)
	var iterations int
	clock := func() time.Time { iterations++; return time.Now() }
	s := NewServer(ServerConfig{
		Conn: srvConn, Width: 80, Height: 24, Shutdown: shutdown, Now: clock,
		StartApp: func(w, h int) (PTY, error) { t.Error("application started"); return nil, io.EOF },
	})
	done := make(chan error, 1)
	go func() { done <- s.Run() }()
	time.Sleep(500 * time.Millisecond)
	shutdown <- struct{}{}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the signal")
	}
	// Each loop iteration reads the clock a handful of times; a busy loop
	// would have read it many thousands of times in 500 ms.
	if iterations > 20 {
		t.Errorf("clock read %d times while idle", iterations)
	}
}

func TestServerNoConnection(t *testing.T) {
	srvConn := newFakeServerConn()
	start := time.Now().Add(-NoClientTimeout) // the deadline has passed
	first := true
	clock := func() time.Time {
		if first {
			first = false
			return start
		}
		return time.Now()
	}
	s := NewServer(ServerConfig{Conn: srvConn, Width: 80, Height: 24, Now: clock,
		StartApp: func(w, h int) (PTY, error) { return nil, io.EOF }})
	if err := s.Run(); err != ErrNoConnection {
		t.Errorf("Run = %v, want ErrNoConnection", err)
	}
}

// queuedOutput hands the terminal a read together with those queued
// behind it, in order, copied (readPTY reuses its buffers), up to
// ptyBatch bytes, and an error only after the output before it.
func TestQueuedOutput(t *testing.T) {
	chunk := func(c byte, n int) []byte { return bytes.Repeat([]byte{c}, n) }
	eof := io.EOF
	tests := []struct {
		name     string
		first    ptyRead
		queued   []ptyRead
		want     []byte
		wantErr  error
		leftOver int // reads still queued afterwards
	}{
		{name: "nothing queued", first: ptyRead{b: []byte("ab")}, want: []byte("ab")},
		{name: "queued reads", first: ptyRead{b: []byte("ab")}, queued: []ptyRead{{b: []byte("cd")}, {b: []byte("e")}}, want: []byte("abcde")},
		{name: "error after output", first: ptyRead{b: []byte("ab")}, queued: []ptyRead{{b: []byte("cd")}, {err: eof}}, want: []byte("abcd"), wantErr: eof},
		{name: "error first", first: ptyRead{err: eof}, queued: []ptyRead{{b: []byte("x")}}, wantErr: eof, leftOver: 1},
		{
			name:  "bounded",
			first: ptyRead{b: chunk('a', ptyReadSize)},
			queued: []ptyRead{
				{b: chunk('b', ptyReadSize)}, {b: chunk('c', ptyReadSize)}, {b: chunk('d', ptyReadSize)}, {b: chunk('e', ptyReadSize)},
			},
			want:     bytes.Join([][]byte{chunk('a', ptyReadSize), chunk('b', ptyReadSize), chunk('c', ptyReadSize), chunk('d', ptyReadSize)}, nil),
			leftOver: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &Server{ptyOut: make(chan ptyRead, ptyReadQueue)}
			for _, r := range tc.queued {
				s.ptyOut <- r
			}
			out, err := s.queuedOutput(tc.first)
			got := bytes.Clone(out)
			if !bytes.Equal(got, tc.want) || err != tc.wantErr {
				t.Errorf("got %d bytes %.20q, %v; want %d bytes %.20q, %v", len(got), got, err, len(tc.want), tc.want, tc.wantErr)
			}
			if len(s.ptyOut) != tc.leftOver {
				t.Errorf("%d reads left queued, want %d", len(s.ptyOut), tc.leftOver)
			}
			if len(tc.queued) > 0 && tc.first.err == nil {
				// The reader may now overwrite what it sent: the gathered
				// output must be a copy.
				for _, r := range append([]ptyRead{tc.first}, tc.queued...) {
					clear(r.b)
				}
				if !bytes.Equal(out, got) {
					t.Errorf("gathered output changed with the reader's buffers")
				}
			}
		})
	}
}
