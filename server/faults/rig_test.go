package faults

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

// prompt is the shell prompt in every session and direct run.
const prompt = "faults$ "

// Generous bounds: the tests share a 2-core machine with each other and
// with the rest of make test.
const (
	startTimeout  = 30 * time.Second
	screenTimeout = 60 * time.Second
)

// doneMarker is the window title a workload sets when it has finished
// (see workload).
const doneMarker = "faults-workload-done"

// rigOptions configure startRig.
type rigOptions struct {
	// workload is /bin/sh text the session runs before handing over to an
	// interactive shell (see workload).
	workload string
	// relay, if set, puts a linktest.Relay with this configuration between
	// client and server.
	relay *linktest.Config
	// ipv6 runs the server on ::1 and the client towards [::1].
	ipv6 bool
	// serverArgs come after "new -i ADDR -p 0", serverEnv adds to the
	// server's environment.
	serverArgs, serverEnv []string
	// clientFlags are extra roam flags (such as -v), clientLog a file for
	// roam's standard error.
	clientFlags []string
	clientLog   string
}

// A rig is one Roam session under test (roam-server, maybe a relay, roam
// in a tmux pane) and, for reference, the same workload run straight in
// another tmux pane.
type rig struct {
	srv    *servertest.Server
	relay  *linktest.Relay // nil without rigOptions.relay
	remote *vttest.Tmux    // roam's pane
	direct *vttest.Tmux    // the reference pane
	client int             // roam's pid
}

// startRig starts the session and the reference run of the same
// workload.
func startRig(t *testing.T, opt rigOptions) *rig {
	t.Helper()
	script := workload(t, opt.workload)
	r := &rig{}
	r.direct = vttest.StartTmux(t, vttest.TmuxOptions{Command: "/bin/sh " + script, Env: []string{"PS1=" + prompt}})

	host := "127.0.0.1"
	if opt.ipv6 {
		host = "::1"
	}
	args := append([]string{"new", "-i", host, "-p", "0"}, opt.serverArgs...)
	args = append(args, "--", "/bin/sh", script)
	r.srv = servertest.Start(t, roamServer, servertest.Env(t.TempDir(), prompt, opt.serverEnv...), args...)
	server := netip.AddrPortFrom(netip.MustParseAddr(host), uint16(r.srv.Port))

	copt := servertest.ClientOptions{Addr: server}
	if opt.relay != nil {
		relay, err := linktest.NewRelay(server, *opt.relay)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { relay.Close() })
		r.relay, copt.Addr = relay, relay.Addr()
	}
	if len(opt.clientFlags) > 0 {
		copt.Env = append(copt.Env, "FAULTS_CLIENT_FLAGS="+strings.Join(opt.clientFlags, " "))
	}
	if opt.clientLog != "" {
		copt.Env = append(copt.Env, "FAULTS_CLIENT_LOG="+opt.clientLog)
	}
	r.remote = vttest.StartTmux(t, vttest.TmuxOptions{Command: r.srv.ClientScript(t, copt)})
	r.client = clientPID(t, r.remote)
	return r
}

// workload writes a /bin/sh script that clears the screen, runs body,
// sets the window title to doneMarker and then becomes an interactive
// bash, and returns its path. The clear makes the screen independent of
// how the terminal started; the title tells a watcher that body has
// finished without drawing anything.
func workload(t *testing.T, body string) string {
	t.Helper()
	script := fmt.Sprintf("printf '\\033[H\\033[2J'\n%s\nprintf '\\033]2;%s\\007'\nexec /bin/bash --norc --noprofile\n", body, doneMarker)
	path := filepath.Join(t.TempDir(), "workload.sh")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// numbered is a workload printing n numbered lines in chunks of 100 with
// pause between chunks, so that the output spans many frames.
func numbered(n int, pause time.Duration) string {
	return fmt.Sprintf("c=0; while [ $c -lt %d ]; do seq -f 'line %%g' $((c+1)) $((c+100)); c=$((c+100)); sleep %.3f; done",
		n, pause.Seconds())
}

// waitDone waits until both panes' workloads have finished.
func (r *rig) waitDone(t *testing.T, timeout time.Duration) {
	t.Helper()
	for _, tm := range []*vttest.Tmux{r.direct, r.remote} {
		if err := tm.WaitForFormat("#{pane_title}", doneMarker, timeout); err != nil {
			t.Fatalf("workload not finished: %v\n%s", err, capture(tm))
		}
	}
}

// sameScreen waits up to timeout for roam's screen to equal the reference
// screen, and fails the test with the first difference if it never does.
// Waiting, rather than comparing once, lets the last frame land.
func (r *rig) sameScreen(t *testing.T, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		want, err1 := r.direct.Screen()
		got, err2 := r.remote.Screen()
		d := ""
		switch {
		case err1 != nil:
			d = err1.Error()
		case err2 != nil:
			d = err2.Error()
		default:
			d = vttest.Diff(want, got)
		}
		if d == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("roam's screen differs from the direct run's:\n%s\nroam:\n%s\ndirect:\n%s",
				d, capture(r.remote), capture(r.direct))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// tmuxResizeDelay is how long tmux may hold back a pane's resize: it
// batches resizes on a 250 ms timer.
const tmuxResizeDelay = 250 * time.Millisecond

// resizeRemote resizes roam's window and waits until the application in
// the session has the new size, so that whatever is typed next runs at it.
//
// Waiting matters: tmux answers resize-window at once but tells the pane
// (TIOCSWINSZ) only on its batching timer, so keys sent straight after a
// storm of resizes can reach roam before its SIGWINCH does. The session
// then rightly runs them at the storm's last delivered size, which a
// direct run never had. The size must also hold for longer than that
// timer, in case it was an earlier size that tmux has not yet replaced.
func (r *rig) resizeRemote(t *testing.T, width, height int) {
	t.Helper()
	if err := r.remote.Resize(width, height); err != nil {
		t.Fatal(err)
	}
	pane, err := r.remote.Display("#{pane_tty}")
	if err != nil {
		t.Fatal(err)
	}
	app := appTTY(t, r.srv.PID)
	deadline := time.Now().Add(screenTimeout)
	var since time.Time // when both first had the size, zero if they have not
	for {
		pw, ph, err1 := vttest.TTYSize(pane)
		aw, ah, err2 := vttest.TTYSize(app)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		switch {
		case pw != width || ph != height || aw != width || ah != height:
			since = time.Time{}
		case since.IsZero():
			since = now
		case now.Sub(since) > tmuxResizeDelay:
			return
		}
		if now.After(deadline) {
			t.Fatalf("resize to %dx%d not delivered: roam's terminal is %dx%d, the application's %dx%d", width, height, pw, ph, aw, ah)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// typeBoth types line and Enter into both panes.
func (r *rig) typeBoth(t *testing.T, line string) {
	t.Helper()
	for _, tm := range []*vttest.Tmux{r.direct, r.remote} {
		if err := tm.SendLiteral(line); err != nil {
			t.Fatal(err)
		}
		if err := tm.SendKeys("Enter"); err != nil {
			t.Fatal(err)
		}
	}
}

// usable types a command into both panes and checks that roam shows its
// output exactly as the direct run does: the session still works.
func (r *rig) usable(t *testing.T) {
	t.Helper()
	r.typeBoth(t, "clear; seq -f 'typed %g' 1 30")
	for _, tm := range []*vttest.Tmux{r.direct, r.remote} {
		if _, err := tm.WaitFor(screenTimeout, func(s string) bool { return strings.Contains(s, "typed 30\n"+strings.TrimSpace(prompt)) }); err != nil {
			t.Fatalf("typed command did not run: %v", err)
		}
	}
	r.sameScreen(t, screenTimeout)
}

// capture is the pane's text, for failure messages.
func capture(tm *vttest.Tmux) string {
	s, err := tm.Capture(false)
	if err != nil {
		return err.Error()
	}
	return s
}

// screenText is the pane's text; it fails the test if tmux is gone.
func screenText(t *testing.T, tm *vttest.Tmux) string {
	t.Helper()
	s, err := tm.Capture(false)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sleepPhase sleeps for d, recording what the test is doing for the soak's
// progress line.
func sleepPhase(t *testing.T, what string, d time.Duration) {
	t.Helper()
	t.Logf("%s for %v", what, d)
	running.set(t.Name(), fmt.Sprintf("%s (%v, until %s)", what, d, time.Now().Add(d).Format("15:04:05")))
	defer running.set(t.Name(), "")
	time.Sleep(d)
}

// running records the long waits in progress, for the soak's progress
// line.
var running = &phases{m: map[string]string{}}

type phases struct {
	mu sync.Mutex
	m  map[string]string
}

func (p *phases) set(test, what string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if what == "" {
		delete(p.m, test)
	} else {
		p.m[test] = what
	}
}

func (p *phases) list() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for test, what := range p.m {
		out = append(out, test+": "+what)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return "(short cases)"
	}
	return strings.Join(out, "; ")
}
