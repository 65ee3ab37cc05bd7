package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"runtime"
	"time"

	"github.com/roamterm/roam/protocol/conn"
	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/server/internal/cli"
	"github.com/roamterm/roam/server/internal/daemon"
	"github.com/roamterm/roam/server/pty"
)

// reapTimeout bounds the wait for the application to exit once its
// terminal is closed (it gets SIGHUP).
const reapTimeout = 2 * time.Second

// runDetached is the daemon Spawn started: it binds the socket, makes the
// key, reports both to the parent and serves the session.
func runDetached(args []string, size string, rep *daemon.Reporter) int {
	ignoreHangup()
	// The session is one goroutine plus I/O edges: a single P serves it as
	// fast, and an idle server then wakes far less (every runnable
	// goroutine on a multi-P runtime also wakes an idle thread to spin).
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	// The parent printed the warnings already and has refused bad
	// command lines, so parse quietly.
	cfg, _, err := cli.Parse(args, os.Getenv)
	if err != nil {
		rep.Fail(err.Error())
		return 1
	}
	var width, height int
	if _, err := fmt.Sscanf(size, "%dx%d", &width, &height); err != nil {
		width, height = defaultWidth, defaultHeight
	}

	key, err := datagram.NewKey()
	if err != nil {
		rep.Fail(err.Error())
		return 1
	}
	var ip netip.Addr
	if cfg.IP != "" {
		if ip, err = netip.ParseAddr(cfg.IP); err != nil {
			rep.Warn(fmt.Sprintf("Error binding to IP %s: not a numeric address", cfg.IP))
		}
	}
	srv, err := conn.ListenServer(ip, cfg.PortLow, cfg.PortHigh, key)
	if err != nil {
		rep.Fail(fmt.Sprintf("Failed binding to %s:%s (%v)", bindHost(cfg.IP), portRange(cfg), err))
		return 1
	}
	if err := rep.Connect(int(srv.LocalAddr().Port()), key.Printable()); err != nil {
		srv.Close()
		return 1
	}

	logger := slog.New(slog.DiscardHandler)
	if cfg.Verbose > 0 {
		level := slog.LevelInfo
		if cfg.Verbose > 1 {
			level = slog.LevelDebug
		}
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	}
	networkTimeout, _ := envTimeout(os.Getenv, "MOSH_SERVER_NETWORK_TMOUT")
	signalTimeout, _ := envTimeout(os.Getenv, "MOSH_SERVER_SIGNAL_TMOUT")
	shutdown, idle := notifySignals()

	var app *pty.PTY
	start := func(w, h int) (session.PTY, error) {
		cmd, err := appCommand(cfg, os.Getenv, os.Environ(), readPasswd())
		if err != nil {
			return nil, err
		}
		p, err := pty.Start(cmd, w, h)
		if err != nil {
			return nil, err
		}
		app = p
		return p, nil
	}
	err = session.NewServer(session.ServerConfig{
		Conn:           srv,
		Width:          width,
		Height:         height,
		StartApp:       start,
		NetworkTimeout: networkTimeout,
		SignalTimeout:  signalTimeout,
		Shutdown:       shutdown,
		IdleSignal:     idle,
		HistoryLines:   cfg.HistoryLines,
		// A testing aid: send the history even to clients that did not
		// ask (the real mosh-client must ignore it).
		ForceHistory: os.Getenv("ROAM_HISTORY_FORCE") == "1",
		Logger:       logger,
	}).Run()
	if err != nil && !errors.Is(err, session.ErrNoConnection) {
		logger.Info("session ended", "err", err)
	}
	if app != nil {
		reap(app)
	}
	fmt.Print("\n[mosh-server is exiting.]\n")
	return 0
}

// reap waits briefly for the application, so it does not linger as a
// zombie while we exit (init adopts it otherwise).
func reap(p *pty.PTY) {
	done := make(chan struct{})
	go func() {
		p.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(reapTimeout):
	}
}

func bindHost(ip string) string {
	if ip == "" {
		return "any"
	}
	return ip
}

func portRange(cfg cli.Config) string {
	if cfg.PortLow == cfg.PortHigh {
		return fmt.Sprint(cfg.PortLow)
	}
	return fmt.Sprintf("%d:%d", cfg.PortLow, cfg.PortHigh)
}
