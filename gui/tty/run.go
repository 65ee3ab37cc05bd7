package tty

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"time"

	"golang.org/x/term"

	"github.com/roamterm/roam/protocol/conn"
	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/server/version"
)

// readSize is the largest read of the user's input, as mosh-client's: a
// paste arrives in one read, which is how the predictor recognises it.
const readSize = 16 << 10

// Run carries out inv in this terminal and returns the exit status:
// help, version and colour count on stdout; a session drawn on the
// terminal, which ends with "[mosh is exiting.]" and status 0 after a
// clean shutdown, 1 otherwise, as mosh-client's.
func Run(inv Invocation) int {
	DisableCoreDumps()
	switch inv.Action {
	case ActionHelp:
		fmt.Print(Usage(inv.Program))
		return 0
	case ActionVersion:
		fmt.Print(versionText(version.Version))
		return 0
	case ActionColors:
		term, _ := os.LookupEnv("TERM")
		fmt.Println(ColorCount(term, os.LookupEnv))
		return 0
	case ActionSSH:
		return runSSH(inv)
	case ActionListSessions, ActionKillSessions:
		return runSessions(inv)
	}
	if err := localeError(inv.Program, os.LookupEnv); err != nil {
		return Fail(err)
	}
	server, port, key := inv.Server, inv.Port, inv.Key
	if inv.Action == ActionLocal {
		var err error
		if server, key, err = StartLocalServer(inv.Command); err != nil {
			return Fail(err)
		}
		port = strconv.Itoa(int(server.Port()))
	}
	return sessionEnded(runSession(server, port, key, inv.Options, 0), server.Addr().String(), port)
}

// sessionEnded reports how a session with the server at host, port ended,
// in mosh-client's words, and returns the exit status.
func sessionEnded(err error, host, port string) int {
	var exit *ExitError
	switch {
	case err == nil:
	case errors.Is(err, session.ErrNoServerReply):
		fmt.Fprintf(os.Stderr, "\nmosh did not make a successful connection to %s:%s.\n"+
			"Please verify that UDP port %s is not firewalled and can reach the server.\n\n"+
			"(By default, mosh uses a UDP port between 60000 and 61000. The -p option\n"+
			"selects a specific UDP port number.)\n", host, port, port)
	case errors.Is(err, session.ErrUncleanShutdown):
		fmt.Fprintf(os.Stderr, "\n\nmosh did not shut down cleanly. Please note that the\n"+
			"mosh-server process may still be running on the server.\n")
	case errors.As(err, &exit):
		fmt.Fprintln(os.Stderr, exit.Message)
	default:
		fmt.Fprintf(os.Stderr, "Error: %v\r\n", err)
	}
	fmt.Println("[mosh is exiting.]")
	if err != nil {
		return 1
	}
	return 0
}

// Fail prints a command-line or start-up error and returns its exit
// status.
func Fail(err error) int {
	if e, ok := IsExit(err); ok {
		fmt.Fprintln(os.Stderr, e.Message)
		return e.Code
	}
	fmt.Fprintf(os.Stderr, "roam: %v\n", err)
	return 1
}

// errNotTerminal is mosh-client's complaint when standard input is not a
// terminal.
var errNotTerminal = &ExitError{Message: "tcgetattr: Inappropriate ioctl for device", Code: 1}

// runSession connects to server and runs the session in this terminal
// until it ends. With firstContact above zero, a server that has sent
// nothing by then ends the session at once with *launch.UDPBlockedError
// (the client is abandoned, not shut down: nothing would acknowledge it).
func runSession(server netip.AddrPort, port string, key datagram.Key, opts Options, firstContact time.Duration) error {
	// The session is one goroutine plus I/O edges: a single P serves it
	// as fast, and wakes no idle thread to spin whenever a goroutine
	// becomes runnable (as roam-server does). Setting it also stops the
	// runtime's once-a-second check of the CPU quota.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	in, out := os.Stdin, os.Stdout
	fd := int(in.Fd())
	if !term.IsTerminal(fd) {
		return errNotTerminal
	}
	width, height := windowSize(fd)
	c, err := conn.DialClient(server, key)
	if err != nil {
		return err
	}
	logger := slog.New(slog.DiscardHandler)
	if opts.Verbose > 0 {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	client := session.NewClient(session.ClientConfig{
		Conn: c, Width: width, Height: height, Port: port,
		Predict: opts.Predict, Escape: opts.Escape, Logger: logger,
		HistoryLines: opts.HistoryLines,
	})

	saved, err := term.MakeRaw(fd)
	if err != nil {
		c.Close()
		return fmt.Errorf("tty: raw mode: %w", err)
	}
	defer term.Restore(fd, saved)
	keys, closeKeys := terminalIO(in)
	defer closeKeys()
	screen, closeScreen := terminalIO(out)
	defer closeScreen()

	sigs := make(chan os.Signal, 8)
	notifySignals(sigs)
	defer signal.Stop(sigs)

	d := &display{out: screen, titlePrefix: opts.TitlePrefix, altScreen: !opts.NoTermInit}
	d.open()
	d.draw(client.Frame())

	result := make(chan error, 1)
	go func() { result <- client.Run() }()
	go readInput(keys, client)

	var noContact <-chan time.Time
	if firstContact > 0 {
		timer := time.NewTimer(firstContact)
		defer timer.Stop()
		noContact = timer.C
	}

	suspends := uint64(0)
	var batch <-chan time.Time // history lines waiting (historyWait)
	for {
		select {
		case <-batch:
			batch = nil
			d.draw(client.Frame())
		case <-noContact:
			f := client.Frame()
			if err := UDPBlocked(f, server, firstContact); err != nil {
				d.close(f)
				return err
			}
		case <-client.Updates():
			f := client.Frame()
			if wait := d.historyWait(f, time.Now()); wait > 0 {
				if batch == nil {
					batch = time.After(wait)
				}
				continue
			}
			batch = nil
			d.draw(f)
			if f.Suspends != suspends {
				suspends = f.Suspends
				d.close(f)
				term.Restore(fd, saved)
				io.WriteString(screen, "\n\x1b[37;44m[mosh is suspended.]\x1b[m\n")
				suspendSelf() // SIGCONT, below, brings the session back
			}
		case sig := <-sigs:
			switch {
			case isResize(sig):
				// The terminal may have moved lines between its screen
				// and its scrollback (tmux and most terminals do when
				// the height changes): what it shows is no longer known.
				d.forget()
				client.Resize(windowSize(fd))
				d.draw(client.Frame())
			case isContinue(sig):
				if _, err := term.MakeRaw(fd); err == nil {
					d.titlePrefix = opts.TitlePrefix
					d.open()
					d.draw(client.Frame())
				}
			default:
				client.Quit()
			}
		case err := <-result:
			d.close(client.Frame())
			return err
		}
	}
}

// readInput hands the user's keystrokes to the session, one read at a
// time, and asks it to quit at the end of the input.
func readInput(in io.Reader, client *session.Client) {
	buf := make([]byte, readSize)
	for {
		n, err := in.Read(buf)
		if n > 0 {
			client.Keys(buf[:n])
		}
		if err != nil {
			client.Quit()
			return
		}
	}
}

// windowSize returns the terminal's size, 80×24 if it reports none.
func windowSize(fd int) (int, int) {
	w, h, err := term.GetSize(fd)
	if err != nil || w < 1 || h < 1 {
		return 80, 24
	}
	return w, h
}
