package interop

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

// prompt is the shell prompt in every session and direct run.
const prompt = "ix$ "

// shell is the command of a session that wants an interactive shell:
// bash without start-up files, so that PS1 and nothing else shapes it.
var shell = []string{"/bin/bash", "--norc", "--noprofile"}

// Generous timeouts: the tests wait on other processes on a shared 2-core
// machine.
const (
	startTimeout  = 20 * time.Second
	screenTimeout = 20 * time.Second
	exitTimeout   = 20 * time.Second
)

// sessionOptions configure startSession.
type sessionOptions struct {
	// serverArgs come after "new -i 127.0.0.1 -p 0" (for example "-v").
	serverArgs []string
	// command runs in the session; nil means shell, and startSession then
	// waits for the prompt.
	command []string
	// serverEnv adds to the server's environment.
	serverEnv []string
	// path, if set, gets the server's address and returns where the
	// client is to send its datagrams (a relay or tap in between).
	path func(server netip.AddrPort) netip.AddrPort
	// clientEnv adds to mosh-client's environment.
	clientEnv []string
	// width and height are the client's pane; zero means 80×24.
	width, height int
}

// A session is roam-server with the real mosh-client drawing into a tmux
// pane.
type session struct {
	srv *servertest.Server
	tm  *vttest.Tmux
}

func startSession(t *testing.T, opt sessionOptions) *session {
	t.Helper()
	needTools(t)
	args := append([]string{"new", "-i", "127.0.0.1", "-p", "0"}, opt.serverArgs...)
	command := opt.command
	if command == nil {
		command = shell
	}
	args = append(append(args, "--"), command...)
	srv := servertest.Start(t, roamServer, servertest.Env(t.TempDir(), prompt, opt.serverEnv...), args...)

	var addr netip.AddrPort
	if opt.path != nil {
		addr = opt.path(netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(srv.Port)))
	}
	script := srv.ClientScript(t, servertest.ClientOptions{Addr: addr, Env: opt.clientEnv})
	tm := vttest.StartTmux(t, vttest.TmuxOptions{Width: opt.width, Height: opt.height, Command: script})
	s := &session{srv: srv, tm: tm}
	if opt.command == nil {
		s.waitPrompt(t, startTimeout)
	}
	return s
}

// directShell runs the session's shell straight in an 80×24 tmux pane,
// the reference a session is compared with.
func directShell(t *testing.T) *vttest.Tmux {
	t.Helper()
	tm := vttest.StartTmux(t, vttest.TmuxOptions{
		Command: strings.Join(shell, " "),
		Env:     []string{"PS1=" + prompt, "HOME=" + t.TempDir()},
	})
	if _, err := tm.WaitForText(strings.TrimSpace(prompt), startTimeout); err != nil {
		t.Fatal(err)
	}
	return tm
}

// run types line and Enter.
func run(t *testing.T, tm *vttest.Tmux, line string) {
	t.Helper()
	if err := tm.SendLiteral(line); err != nil {
		t.Fatal(err)
	}
	if err := tm.SendKeys("Enter"); err != nil {
		t.Fatal(err)
	}
}

// waitPrompt waits until the last non-blank row is the bare prompt.
func (s *session) waitPrompt(t *testing.T, timeout time.Duration) string {
	t.Helper()
	screen, err := s.tm.WaitFor(timeout, func(screen string) bool {
		return lastLine(screen) == strings.TrimSpace(prompt)
	})
	if err != nil {
		t.Fatalf("waiting for the prompt: %v", err)
	}
	return screen
}

// lastLine is the last non-blank row of a plain capture, trimmed.
func lastLine(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, " \n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// screen captures the pane with attributes.
func screen(t *testing.T, tm *vttest.Tmux) *vt.Framebuffer {
	t.Helper()
	fb, err := tm.Screen()
	if err != nil {
		t.Fatal(err)
	}
	return fb
}

// typed runs a command whose output differs from its echo, so that seeing
// the output proves the shell got the line and the screen came back.
func (s *session) typed(t *testing.T, word string) {
	t.Helper()
	run(t, s.tm, "echo "+word+"-$((6*7))")
	vttest.WaitLine(t, s.tm, word+"-42", screenTimeout)
}

// expectCleanExit waits for the client to report exit status 0 after
// "[mosh is exiting.]" and for the server to be gone.
func (s *session) expectCleanExit(t *testing.T) {
	t.Helper()
	screen, err := s.tm.WaitFor(exitTimeout, func(screen string) bool {
		return strings.Contains(screen, servertest.ExitStatusPrefix)
	})
	if err != nil {
		t.Fatalf("the client did not exit: %v", err)
	}
	if !vttest.HasLine(screen, servertest.ExitStatusLine(0)) {
		t.Errorf("client exit status is not 0:\n%s", screen)
	}
	if !strings.Contains(screen, "[mosh is exiting.]") {
		t.Errorf("the client did not say [mosh is exiting.]:\n%s", screen)
	}
	s.srv.WaitExit(t, exitTimeout)
}
