package e2ebench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/vt/vttest"
)

// prompt is the shell prompt in every session: distinctive, so that a
// capture shows when the shell is waiting for input.
const prompt = "e2e$ "

// Timeouts for the steps of starting a session.
const (
	serverStartTimeout = 15 * time.Second
	clientStartTimeout = 20 * time.Second
	// networkTimeout ends a server that outlives a crashed harness
	// (MOSH_SERVER_NETWORK_TMOUT); it must exceed the longest idle period.
	minNetworkTimeout = 5 * time.Minute
)

var (
	connectLine  = regexp.MustCompile(`MOSH CONNECT (\d+) ([A-Za-z0-9/+]{22})(?:\s|$)`)
	detachedLine = regexp.MustCompile(`detached, pid = (\d+)`)
)

// A session is one running server and one client drawing into a tmux
// pane, connected through a relay.
type session struct {
	pairing pairing
	dir     string        // private temporary directory: key, wrapper, workload link
	server  int           // pid of the detached server
	client  int           // pid of the client in the pane
	connect time.Duration // from running the server to the prompt on the client's screen
	relay   *linktest.Relay
	tmux    *vttest.Tmux
}

// start starts a session of pairing p whose datagrams cross a relay with
// the given impairment in each direction, and waits for the shell prompt
// on the client's screen. networkTimeout is passed to the server as
// MOSH_SERVER_NETWORK_TMOUT so that nothing outlives a crashed harness.
func (h *harness) start(p pairing, link linktest.Impairment, networkTimeout time.Duration) (*session, error) {
	return h.startWith(p, link, networkTimeout, nil)
}

// startWith is start with clientEnv (NAME=value strings) added to the
// client's environment.
func (h *harness) startWith(p pairing, link linktest.Impairment, networkTimeout time.Duration, clientEnv []string) (*session, error) {
	dir, err := os.MkdirTemp("", "e2ebench-")
	if err != nil {
		return nil, fmt.Errorf("e2ebench: %w", err)
	}
	s := &session{pairing: p, dir: dir}
	begin := time.Now()
	fail := func(err error) (*session, error) {
		s.close()
		return nil, fmt.Errorf("e2ebench: %v: %w", p, err)
	}

	wrapper, err := h.serveThroughRelay(p, dir, max(networkTimeout, minNetworkTimeout), link, clientEnv, &s.server, &s.relay)
	if err != nil {
		return fail(err)
	}
	s.tmux, err = vttest.NewTmux(vttest.TmuxOptions{Command: wrapper})
	if err != nil {
		return fail(err)
	}
	if s.client, err = s.waitClientPID(); err != nil {
		return fail(err)
	}
	if _, err := s.waitScreen(clientStartTimeout, 20*time.Millisecond, func(screen string) bool {
		return strings.Contains(screen, strings.TrimSpace(prompt))
	}); err != nil {
		return fail(fmt.Errorf("no prompt on the client's screen: %w%s", err, s.clientErrors()))
	}
	s.connect = time.Since(begin)
	return s, nil
}

// serveThroughRelay starts p's server in dir with a relay impaired by link
// in front of it, and writes the wrapper script that runs p's client,
// with clientEnv added to its environment, against the relay. The
// server's pid and the relay are stored as soon as they exist, so that
// the caller's clean-up stops them even on failure.
func (h *harness) serveThroughRelay(p pairing, dir string, networkTimeout time.Duration, link linktest.Impairment, clientEnv []string, pid *int, relay **linktest.Relay) (wrapper string, err error) {
	port, key, serverPID, err := startServer(h.servers[p.server], dir, networkTimeout)
	*pid = serverPID
	if err != nil {
		return "", err
	}
	*relay, err = linktest.NewRelay(netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), port),
		linktest.Config{ToServer: link, ToClient: link})
	if err != nil {
		return "", err
	}
	argv := []string{h.clients[p.client]}
	if p.client == roam {
		argv = append(argv, "--tty")
	}
	addr := (*relay).Addr()
	argv = append(argv, addr.Addr().String(), strconv.Itoa(int(addr.Port())))
	return writeClientWrapper(dir, key, clientEnv, argv)
}

// startServer runs `server new` and returns the port and key it prints and
// the pid of the process that detached. The key never leaves this process
// except through the 0600 file the client wrapper reads.
func startServer(server, dir string, networkTimeout time.Duration) (port uint16, key string, pid int, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), serverStartTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, server, "new", "-i", "127.0.0.1", "-p", "0", "-c", "256",
		"-l", "LANG=C.UTF-8", "--", "/bin/sh")
	cmd.Dir = dir
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"SHELL=/bin/sh",
		"LANG=C.UTF-8",
		"PS1=" + prompt,
		fmt.Sprintf("MOSH_SERVER_NETWORK_TMOUT=%d", int(networkTimeout.Seconds())),
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// mosh-server's parent exits once the child has detached; a child
	// that kept our pipes open would hang an SSH session, so it is an
	// error here too.
	cmd.WaitDelay = 2 * time.Second
	runErr := cmd.Run()

	if m := detachedLine.FindSubmatch(stderr.Bytes()); m != nil {
		pid, _ = strconv.Atoi(string(m[1]))
	}
	switch {
	case errors.Is(runErr, exec.ErrWaitDelay):
		return 0, "", pid, fmt.Errorf("%s kept its standard output or error open after detaching", server)
	case runErr != nil:
		return 0, "", pid, fmt.Errorf("%s new: %w; stderr: %s", server, runErr, stderr.Bytes())
	}
	m := connectLine.FindSubmatch(stdout.Bytes())
	if m == nil {
		// stdout is not quoted: it may hold a key in an unexpected form.
		return 0, "", pid, fmt.Errorf("%s new printed no MOSH CONNECT line; stderr: %s", server, stderr.Bytes())
	}
	if pid == 0 {
		return 0, "", 0, fmt.Errorf("%s new printed no \"detached, pid = N\" line; stderr: %s", server, stderr.Bytes())
	}
	p, err := strconv.ParseUint(string(m[1]), 10, 16)
	if err != nil || p == 0 {
		return 0, "", pid, fmt.Errorf("%s new: bad port %q", server, m[1])
	}
	return uint16(p), string(m[2]), pid, nil
}

// writeClientWrapper writes the key to a 0600 file and a script that
// records its pid, puts the key into MOSH_KEY and execs argv, so the pid
// is the client's and the key is on no command line. The client's standard
// error goes to a file, kept for error messages (its display is on
// standard output).
func writeClientWrapper(dir, key string, env, argv []string) (string, error) {
	keyFile := filepath.Join(dir, "key")
	if err := os.WriteFile(keyFile, []byte(key+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("e2ebench: %w", err)
	}
	quoted := make([]string, len(argv))
	for i, a := range argv {
		quoted[i] = shellQuote(a)
	}
	var exports strings.Builder
	for _, e := range env {
		fmt.Fprintf(&exports, "export %s\n", shellQuote(e))
	}
	script := fmt.Sprintf(`#!/bin/sh
echo $$ > %s
MOSH_KEY=$(cat %s) || exit 1
export MOSH_KEY
export LANG=C.UTF-8
%sexec 2> %s
exec %s
`, shellQuote(filepath.Join(dir, "client.pid")), shellQuote(keyFile), exports.String(),
		shellQuote(filepath.Join(dir, "client.err")), strings.Join(quoted, " "))
	path := filepath.Join(dir, "client.sh")
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		return "", fmt.Errorf("e2ebench: %w", err)
	}
	return path, nil
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func (s *session) waitClientPID() (int, error) {
	path := filepath.Join(s.dir, "client.pid")
	deadline := time.Now().Add(clientStartTimeout)
	for {
		b, err := os.ReadFile(path)
		if err == nil && bytes.HasSuffix(b, []byte("\n")) {
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				return 0, fmt.Errorf("client wrapper wrote pid %q", b)
			}
			return pid, nil
		}
		if time.Now().After(deadline) {
			return 0, errors.New("client wrapper did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// clientErrors is what the client wrote to standard error, for messages.
func (s *session) clientErrors() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "client.err"))
	if len(bytes.TrimSpace(b)) == 0 {
		return ""
	}
	return "; client stderr: " + strings.TrimSpace(string(b))
}

// waitScreen polls the client's screen every interval until done accepts
// it, and returns when that capture was taken.
func (s *session) waitScreen(timeout, interval time.Duration, done func(screen string) bool) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	var last string
	for {
		screen, err := s.tmux.Capture(false)
		at := time.Now()
		if err == nil && done(screen) {
			return at, nil
		}
		if err == nil {
			last = screen
		}
		if at.After(deadline) {
			if err != nil {
				return at, fmt.Errorf("after %v: %w", timeout, err)
			}
			return at, fmt.Errorf("after %v; last screen:\n%s", timeout, last)
		}
		time.Sleep(interval)
	}
}

// wireBytes is what the server has sent towards the client so far (UDP
// payload bytes arriving at the relay).
func (s *session) wireBytes() uint64 { return s.relay.Stats().ToClient.ReceivedBytes }

// close ends the session: the server first (SIGTERM lets it say goodbye to
// the client), then the pane (its SIGHUP ends the client), the relay and the
// files.
func (s *session) close() {
	terminate(s.server, 3*time.Second)
	if s.tmux != nil {
		s.tmux.Kill()
	}
	if s.relay != nil {
		s.relay.Close()
	}
	os.RemoveAll(s.dir)
}
