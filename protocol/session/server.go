package session

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/roamterm/roam/protocol/conn"
	"github.com/roamterm/roam/protocol/rawio"
	"github.com/roamterm/roam/protocol/statesync"
	"github.com/roamterm/roam/protocol/transport"
	"github.com/roamterm/roam/protocol/wire"
)

// Server timing and sizing rules (mosh-server.cc).
const (
	// NoClientTimeout ends a server that never heard from a client.
	NoClientTimeout = 60 * time.Second
	// ptyReadSize is how much application output is read at once.
	ptyReadSize = 16 << 10
	// ptyReadQueue bounds the output chunks read ahead of the loop.
	ptyReadQueue = 4
	// ptyBatch bounds the output the loop gathers from the queue for one
	// write to the terminal (see queuedOutput).
	ptyBatch = 64 << 10
	// maxPendingInput is how much user input may wait for the application
	// to read it before the loop stops taking new client states (the
	// client retransmits them later), so a stalled application cannot
	// make the server buffer without bound.
	maxPendingInput = 1 << 20
	// shutdownGrace bounds the wait for the client's acknowledgement of
	// our shutdown even when the transport has nothing to send (no client
	// address): the transport gives up after 10 s.
	shutdownGrace = 10*time.Second + 100*time.Millisecond
)

// ErrNoConnection is returned by Server.Run when no client state arrived
// within NoClientTimeout.
var ErrNoConnection = errors.New("session: no connection within 60 seconds")

// PTY is the application's terminal as the server loop sees it: reading
// returns the application's output, writing sends it input, and Close
// ends it (and unblocks a pending Read).
type PTY interface {
	io.ReadWriteCloser
	// Resize sets the window size (TIOCSWINSZ).
	Resize(width, height int) error
}

// ServerConn is what the server loop needs of its datagram connection;
// *conn.Server satisfies it.
type ServerConn interface {
	transport.Conn
	// Incoming delivers raw datagrams; it is closed by Close.
	Incoming() <-chan conn.Datagram
	// Open authenticates a datagram and returns its payload.
	Open(d conn.Datagram, now time.Time) (payload []byte, ok bool)
	Close() error
}

// ServerConfig configures a Server.
type ServerConfig struct {
	// Conn is the bound server connection. The Server owns it from now on
	// and closes it when Run returns.
	Conn ServerConn
	// Width and Height are the initial terminal size (the server's state
	// 0); the client's first resize normally replaces it.
	Width, Height int
	// StartApp starts the application on a terminal of the given size.
	// It is called once, when the first client state has arrived, so that
	// the application starts at the client's size and nothing it prints
	// is lost before anyone sees it (mosh makes its child wait for the
	// same moment). The Server owns the returned PTY and closes it.
	StartApp func(width, height int) (PTY, error)
	// NetworkTimeout ends the session when no new client state has arrived
	// for this long (MOSH_SERVER_NETWORK_TMOUT); 0 means never.
	NetworkTimeout time.Duration
	// SignalTimeout is MOSH_SERVER_SIGNAL_TMOUT: an IdleSignal ends the
	// session only if no client state arrived for this long; 0 means an
	// IdleSignal always ends it.
	SignalTimeout time.Duration
	// Shutdown (SIGTERM, SIGINT) starts the shutdown handshake, or ends
	// the session at once when no client address is known or a shutdown
	// is already under way.
	Shutdown <-chan struct{}
	// IdleSignal (SIGUSR1) ends the session subject to SignalTimeout.
	IdleSignal <-chan struct{}
	// HistoryLines is how many lines that scroll off the top of the
	// primary screen the server keeps for a Roam client (roam-server
	// --history-lines); 0 keeps none. The lines are kept and sent only
	// for a client whose hello asks for them: a stock mosh-client never
	// sees them, and keeping them would cost it half the server's time
	// under a flood of output.
	HistoryLines int
	// ForceHistory sends the history to every client, even one that did
	// not ask: for testing that the real mosh-client ignores it.
	ForceHistory bool
	// Logger receives diagnostics (mosh-server's stderr lines) and the
	// transport's verbose lines at Debug level. Nil discards them.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now. For tests.
	Now func() time.Time
}

// Server runs the server side of a session: it keeps the client's copy of
// the terminal up to date, feeds the user's input to the application, and
// ends with the shutdown handshake. One goroutine (Run) owns the
// transport, the terminal state and the timers; two edge goroutines copy
// bytes from and to the PTY.
type Server struct {
	cfg  ServerConfig
	log  *slog.Logger
	now  func() time.Time
	term *statesync.Complete
	tr   *transport.Transport[*statesync.Complete, *statesync.UserStream]
	keys statesync.KeyTranslator

	start         time.Time
	lastRemoteNum uint64
	shutdownAt    time.Time // zero until our shutdown started

	appStarted bool
	pty        PTY
	ptyOut     chan ptyRead // application output, from readPTY
	ptyIn      chan []byte  // user input, to writePTY
	writeErr   chan error   // writePTY's failure
	toPTY      []byte       // input waiting for the writer
	batch      []byte       // output gathered by queuedOutput
	stop       chan struct{}
	wg         sync.WaitGroup
}

// ptyRead is one read of application output. The final read carries the
// error, on the same channel so that it comes after all the output.
type ptyRead struct {
	b   []byte
	err error
}

// NewServer returns a Server for cfg. Width and Height below 1 are raised
// to 1.
func NewServer(cfg ServerConfig) *Server {
	s := &Server{cfg: cfg, log: cfg.Logger, now: cfg.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.start = s.now()
	s.term = statesync.NewComplete(max(cfg.Width, 1), max(cfg.Height, 1))
	if cfg.HistoryLines > 0 && cfg.ForceHistory {
		s.term.KeepHistory(cfg.HistoryLines)
		s.term.SendHistory()
	}
	s.tr = transport.New(cfg.Conn, s.term, &statesync.UserStream{}, transport.Options{
		Start:  s.start,
		Logger: s.log,
	})
	return s
}

// Run serves the session until it ends: after the shutdown handshake
// (the application exited, a signal, the network timeout), when the client
// shut down, or ErrNoConnection. It closes the PTY and the connection
// before returning.
func (s *Server) Run() error {
	defer s.close()
	// Not a time.Timer: the runtime's timers wake its monitor thread
	// too, and an idle session is almost nothing but timer expiries.
	// A tick only makes the loop look at the clock again.
	timer := rawio.NewTimer()
	defer timer.Stop()
	for {
		now := s.now()
		timer.Arm(now.Add(s.waitTime(now)), now)

		incoming := s.cfg.Conn.Incoming()
		if len(s.toPTY) > maxPendingInput {
			incoming = nil // back-pressure: let the application catch up
		}
		var ptyOut <-chan ptyRead
		if !s.tr.ShutdownInProgress() {
			// As mosh, stop reading the application once shutting down:
			// the state must not change any more.
			ptyOut = s.ptyOut
		}
		var ptyIn chan<- []byte
		if len(s.toPTY) > 0 {
			ptyIn = s.ptyIn
		}

		signalled, idleSignal := false, false
		select {
		case d, ok := <-incoming:
			if !ok {
				return errors.New("session: connection closed")
			}
			s.receive(d)
		case r := <-ptyOut:
			out, err := s.queuedOutput(r)
			if len(out) > 0 {
				s.term.Write(out)
				s.toPTY = append(s.toPTY, s.term.TakeReplies()...)
			}
			if err != nil {
				// EOF or EIO: the application is gone.
				s.log.Info("application terminal closed", "err", err)
				s.startShutdown()
			}
		case ptyIn <- s.toPTY:
			s.toPTY = nil
		case err := <-s.writeErr:
			s.log.Info("writing to the application failed", "err", err)
			s.startShutdown()
		case <-s.cfg.Shutdown:
			signalled = true
		case <-s.cfg.IdleSignal:
			idleSignal = true
		case <-timer.C:
		}

		now = s.now()
		sinceRemote := now.Sub(s.lastHeard())
		idle := false
		if s.cfg.NetworkTimeout > 0 && sinceRemote >= s.cfg.NetworkTimeout {
			idle = true
			s.log.Info(fmt.Sprintf("Network idle for %d seconds.", int(sinceRemote.Seconds())))
		}
		if idleSignal && (s.cfg.SignalTimeout == 0 || sinceRemote >= s.cfg.SignalTimeout) {
			idle = true
			s.log.Info(fmt.Sprintf("Network idle for %d seconds when SIGUSR1 received", int(sinceRemote.Seconds())))
		}
		if signalled || idle {
			if !s.tr.PeerKnown() || s.tr.ShutdownInProgress() {
				return nil
			}
			s.startShutdown()
		}

		if s.tr.ShutdownInProgress() &&
			(s.tr.ShutdownAcknowledged() || s.tr.ShutdownAckTimedOut(now) || now.Sub(s.shutdownAt) >= shutdownGrace) {
			return nil
		}
		if s.tr.CounterpartyShutdownAckSent() {
			return nil
		}

		if !s.tr.ShutdownInProgress() {
			// A new echo ack changes the state, which the transport sends.
			s.term.SetEchoAck(now)
		}
		if s.tr.RemoteStateNum() == 0 && now.Sub(s.start) >= NoClientTimeout {
			s.log.Info("No connection within 60 seconds.")
			return ErrNoConnection
		}
		if err := s.tr.Tick(now); err != nil {
			s.log.Debug("send failed", "err", err)
		}
		// The tick may have sent the ack of the client's shutdown; nothing
		// else would wake the loop afterwards, so leave now.
		if s.tr.CounterpartyShutdownAckSent() {
			return nil
		}
	}
}

// waitTime is how long the loop may sleep: until the transport, the echo
// ack or one of the session timeouts next has something to do.
func (s *Server) waitTime(now time.Time) time.Duration {
	wait := min(s.tr.WaitTime(now), s.term.WaitTime(now))
	if s.tr.RemoteStateNum() == 0 {
		wait = min(wait, s.start.Add(NoClientTimeout).Sub(now))
	}
	if s.cfg.NetworkTimeout > 0 {
		wait = min(wait, s.lastHeard().Add(s.cfg.NetworkTimeout).Sub(now))
	}
	if s.tr.ShutdownInProgress() {
		wait = min(wait, s.shutdownAt.Add(shutdownGrace).Sub(now))
	}
	return max(wait, 0)
}

// lastHeard is when the newest client state arrived, or the start.
func (s *Server) lastHeard() time.Time {
	if t := s.tr.LastHeard(); !t.IsZero() {
		return t
	}
	return s.start
}

// startShutdown starts the shutdown handshake (once).
func (s *Server) startShutdown() {
	if s.shutdownAt.IsZero() {
		s.shutdownAt = s.now()
	}
	s.tr.StartShutdown(s.now())
}

// receive handles one datagram and, if it completed a new client state,
// hands the new user events to the application.
func (s *Server) receive(d conn.Datagram) {
	now := s.now()
	payload, ok := s.cfg.Conn.Open(d, now)
	if !ok {
		return
	}
	if err := s.tr.Recv(payload, now); err != nil {
		s.log.Debug("instruction dropped", "err", err)
	}
	num := s.tr.RemoteStateNum()
	if num == s.lastRemoteNum {
		return
	}
	s.lastRemoteNum = num
	diff := s.tr.RemoteDiff()
	if s.tr.ShutdownInProgress() {
		return // the state must not change any more
	}
	var events statesync.UserStream
	if err := events.Apply(diff); err != nil {
		s.log.Debug("user diff dropped", "err", err)
		return
	}
	if events.Count() > 0 {
		s.applyEvents(&events)
		s.term.RegisterInputFrame(num, now)
	}
	if !s.appStarted {
		s.appStarted = true
		s.startApp()
	}
}

// applyEvents feeds user events to the terminal and the application: key
// bytes through the cursor-key translator, resizes to the emulator and, the
// last of a run of consecutive resizes only, to the PTY.
func (s *Server) applyEvents(events *statesync.UserStream) {
	var pendingResize *statesync.Event
	flushResize := func() {
		if pendingResize == nil || s.pty == nil {
			pendingResize = nil
			return
		}
		if err := s.pty.Resize(pendingResize.Width, pendingResize.Height); err != nil {
			s.log.Info("resize failed", "err", err)
			s.startShutdown()
		}
		pendingResize = nil
	}
	for e := range events.EventsSince(0) {
		if e.Hello {
			if e.Features&wire.FeatureLinkTable != 0 {
				s.term.SendLinkTables()
			}
			if e.Features&wire.FeatureHistory != 0 && s.cfg.HistoryLines > 0 && !s.term.HistorySynced() {
				// The hello comes with the first client state, before
				// the application starts (see receive), so no line has
				// scrolled off yet.
				s.term.KeepHistory(s.cfg.HistoryLines)
				s.term.SendHistory()
			}
			continue
		}
		if e.Resize {
			s.term.Resize(e.Width, e.Height)
			pendingResize = &e
			continue
		}
		flushResize()
		s.toPTY = s.keys.Translate(s.toPTY, e.Keys, s.term.Modes().CursorKeysApp)
	}
	flushResize()
}

// startApp starts the application at the terminal's current size and the
// goroutines that copy its output and input.
func (s *Server) startApp() {
	fb := s.term.Framebuffer()
	p, err := s.cfg.StartApp(fb.Width(), fb.Height())
	if err != nil {
		// Show the failure where the user looks, as the real server's
		// child prints its execvp error on the terminal.
		s.term.Write([]byte(fmt.Sprintf("\r\n%v\r\n", err)))
		s.startShutdown()
		return
	}
	s.pty = p
	s.ptyOut = make(chan ptyRead, ptyReadQueue)
	s.ptyIn = make(chan []byte)
	s.writeErr = make(chan error, 1)
	s.stop = make(chan struct{})
	s.wg.Add(2)
	go readPTY(p, s.ptyOut, s.stop, &s.wg)
	go writePTY(p, s.ptyIn, s.writeErr, &s.wg)
}

// queuedOutput returns the output of r followed by that of the reads
// already queued behind it, up to ptyBatch bytes, and the error that ended
// them if one did. The terminal takes them in one write: bulk output
// then comes in tens of kilobytes rather than the 4 KB a terminal read
// returns, and the emulator skips more of the lines that scroll away
// within a write. Each read is copied before the next is taken, as
// readPTY's ring requires.
func (s *Server) queuedOutput(r ptyRead) ([]byte, error) {
	if r.err != nil || len(s.ptyOut) == 0 {
		return r.b, r.err
	}
	s.batch = append(s.batch[:0], r.b...)
	for len(s.batch) < ptyBatch {
		select {
		case r = <-s.ptyOut:
			if r.err != nil {
				return s.batch, r.err
			}
			s.batch = append(s.batch, r.b...)
		default:
			return s.batch, nil
		}
	}
	return s.batch, nil
}

// readPTY copies application output to out until the PTY fails (the
// application exited; the error is sent last) or stop is closed.
//
// It reuses its buffers rather than allocate one per read: a flood of
// output is thousands of reads a second, and allocating them kept the
// garbage collector busy. The loop is done with a read before it takes
// the next from out, so while this reads into one buffer, at most
// ptyReadQueue others wait in out and one is in the loop's hands: a ring
// of ptyReadQueue+2 never overwrites a read still in use.
func readPTY(p PTY, out chan<- ptyRead, stop <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	var ring [ptyReadQueue + 2][]byte
	for i := 0; ; i = (i + 1) % len(ring) {
		if ring[i] == nil {
			ring[i] = make([]byte, ptyReadSize)
		}
		buf := ring[i]
		n, err := p.Read(buf)
		var r ptyRead
		switch {
		case n > 0:
			r.b = buf[:n]
		case err != nil:
			r.err = err
		default:
			continue
		}
		select {
		case out <- r:
		case <-stop:
			return
		}
		if r.err != nil {
			return
		}
	}
}

// writePTY writes user input to the application until in is closed. After
// a failed write it reports the error and discards the rest, so that the
// loop never blocks on it.
func writePTY(p PTY, in <-chan []byte, errc chan<- error, wg *sync.WaitGroup) {
	defer wg.Done()
	for b := range in {
		if _, err := p.Write(b); err != nil {
			errc <- err
			for range in {
			}
			return
		}
	}
}

// close stops the edge goroutines, closes the PTY and the connection.
func (s *Server) close() {
	if s.pty != nil {
		close(s.stop)
		close(s.ptyIn)
		// Closing the PTY unblocks a pending Read or Write.
		if err := s.pty.Close(); err != nil {
			s.log.Debug("closing terminal", "err", err)
		}
		s.wg.Wait()
	}
	s.cfg.Conn.Close()
}
