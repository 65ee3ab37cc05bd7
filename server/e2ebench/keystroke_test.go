package e2ebench

// The keystroke-latency replay (BenchmarkKeystroke): a typing trace from
// vt/predict/predicttest is replayed with its timing into each client
// through the relay at 500 ms RTT, against bash and vim on the server.
//
// Each client runs in a pty owned by the benchmark, whose output feeds a
// vt.Emulator here, so the time at which a typed character appears is
// known to the millisecond (tmux's capture-pane and send-keys would add
// their own latency). For each keystroke that types a character the
// application echoes (predicttest.Keystroke.Echo), the benchmark notes
// the cursor the client shows when the key is sent, P, and then:
//
//   - instant: within 5 ms of the send, the client shows the character at
//     P with the cursor moved on, which only a local prediction can do on
//     a 500 ms link (a character that arrives later may land elsewhere, as
//     P is stale while echoes are in flight, so later arrivals are not
//     timed);
//   - mispredicted: the character was shown instantly and underlined (an
//     unconfirmed prediction: both clients underline on a link this slow)
//     and P later shows something else without the underline — the
//     prediction was taken back — while no later key could legitimately
//     have changed P (Backspace withdraws the last character, an arrow key
//     every pending one, a switch between primary and alternate screen all
//     of them; a character found higher up in its column counts as
//     scrolled, not wrong, and one whose row no longer starts with the
//     shell prompt or vim's ":" as redrawn: the line ran, and what ran,
//     vim or the command's output, took the row before the echo ack had
//     judged the prediction).
//
// All pairings run at once, each with its own server, relay and pty, so
// they see the same machine load; the shares are over echoed keystrokes
// (shown) and over all printable keystrokes (mispredicted), as in
// vt/predict's simulation. Pauses in the trace longer than 2 s are
// shortened to 2 s: four round trips after the last key nothing is in
// flight, so a longer wait changes nothing but the run time. With the
// default 2,000 keystrokes the replay takes about 7 minutes.
//
// Settings: E2E_KEYS (keystrokes, default 2000), E2E_KEYS_SEED (trace
// seed, default 1), E2E_KEYS_LOG (a directory to write one line per
// echoed keystroke into, keystroke-<pairing>.tsv; see
// keystroke_breakdown_test.go, which also breaks the misses down in the
// progress output).

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/predict/predicttest"
)

const (
	defaultKeystrokes = 2000
	// keystrokeInstant is the bar for "shown instantly".
	keystrokeInstant = 5 * time.Millisecond
	// maxPause caps the trace's pauses (see above).
	maxPause = 2 * time.Second
	// keystrokeSettle is how long the replay waits after the last key
	// for the last echoes and confirmations.
	keystrokeSettle = 3 * time.Second
	// readyMarker is printed by the benchmark's bash rc file once it is
	// set up; the typed command line cannot contain it.
	readyMarker = "READY-42"
)

// keystrokeLink is half of a 500 ms round trip, each way.
var keystrokeLink = linktest.Impairment{Delay: 250 * time.Millisecond}

// bashRC sets up the shell the trace types into: a fixed prompt, the
// files and directories its commands expect, vim without a vimrc (so the
// run does not depend on the machine's), and a harmless stand-in for sudo
// that asks for a password without echo.
const bashRC = `PS1='e2e$ '
cd work || exit 1
HOME=$PWD
HISTFILE=
alias vim='vi -u NONE -N -i NONE -n'
sudo() { read -rsp '[sudo] password for u: ' _; echo; }
bind 'set bell-style none' 2>/dev/null
[ "$(type -t sudo)" = function ] && echo "READY-$((6*7))"
`

// keystrokeResult is what one replay measured.
type keystrokeResult struct {
	printable, echoed int
	instant           int
	mispredicted      int
	confirmed         int // instant predictions later confirmed
	unjudged          int // instant predictions never judged (not underlined, withdrawn, …)
	redrawn           int // of unjudged: the line's row was redrawn by what it ran
	clientCPU         time.Duration
	clientRSS         uint64
	breakdown         keystrokeBreakdown
	outcomes          []keyOutcome // what was seen of each keystroke of the trace
}

func (r keystrokeResult) instantShare() float64 { return ratio(r.instant, r.echoed) }
func (r keystrokeResult) mispredictShare() float64 {
	return ratio(r.mispredicted, r.printable)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// replayTrace returns the trace for a replay: n keystrokes of seed, pauses
// capped at maxPause.
func replayTrace(seed uint64, n int) []predicttest.Keystroke {
	keys := predicttest.Trace(seed, n)[:n]
	var shift, prev time.Duration
	for i := range keys {
		at := keys[i].At
		if gap := at - prev; gap > maxPause {
			shift += gap - maxPause
		}
		prev = at
		keys[i].At = at - shift
	}
	return keys
}

// BenchmarkKeystroke replays the typing trace into every pairing's client
// at once; see the top of this file.
func BenchmarkKeystroke(b *testing.B) {
	h := loadHarness(b)
	n := envInt(b, "E2E_KEYS", defaultKeystrokes)
	seed := envInt(b, "E2E_KEYS_SEED", 1)
	keys := replayTrace(uint64(seed), n)
	const bench = "keystroke 500ms RTT"
	results.note(fmt.Sprintf("keystroke: %d keystrokes of predicttest trace %d (%v with pauses capped at %v), all pairings at once",
		len(keys), seed, keys[len(keys)-1].At.Round(time.Second), maxPause))
	out, errs := h.replayAll(keys)
	for p, err := range errs {
		if _, ok := errors.AsType[*startError](err); ok {
			results.markBroken(p, err)
		}
		results.fail(bench, p, err)
		progress("%s %v: FAILED: %v", bench, p, err)
		b.Errorf("%s, %v: %v", bench, p, err)
	}
	logDir := os.Getenv("E2E_KEYS_LOG")
	for p, r := range out {
		for _, line := range r.breakdown.lines() {
			progress("%s %v: %s", bench, p, line)
		}
		if logDir != "" {
			if err := writeKeyLog(logDir, p, keys, r.outcomes); err != nil {
				b.Error(err)
			}
		}
		progress("%s %v: %d/%d shown within 5 ms (%.1f%%), %d mispredicted (%.2f%% of %d printable), %d confirmed, %d unjudged (%d redrawn); client %.2f s CPU %.1f MB RSS",
			bench, p, r.instant, r.echoed, 100*r.instantShare(), r.mispredicted, 100*r.mispredictShare(), r.printable,
			r.confirmed, r.unjudged, r.redrawn, r.clientCPU.Seconds(), mb(r.clientRSS))
		results.add(bench, "shown within 5 ms (%)", "instant-%", p, 100*r.instantShare())
		results.add(bench, "mispredicted (%)", "mispredicted-%", p, 100*r.mispredictShare())
		results.add(bench, "client CPU (s)", "client-cpu-s", p, r.clientCPU.Seconds())
		results.add(bench, "client peak RSS (MB)", "client-rss-MB", p, mb(r.clientRSS))
	}
	results.reportTo(b, bench)
}

// replayAll replays keys into every pairing's session at once and returns
// what each measured, or why it failed.
func (h *harness) replayAll(keys []predicttest.Keystroke) (map[pairing]keystrokeResult, map[pairing]error) {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		out  = map[pairing]keystrokeResult{}
		errs = map[pairing]error{}
	)
	for _, p := range h.pairings {
		if results.isBroken(p) {
			continue
		}
		wg.Go(func() {
			r, err := h.replay(p, keys)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs[p] = err
				return
			}
			out[p] = r
		})
	}
	wg.Wait()
	return out, errs
}

// replay starts a session of p with its client in a pty, sets up bash,
// types keys and measures.
func (h *harness) replay(p pairing, keys []predicttest.Keystroke) (keystrokeResult, error) {
	s, err := h.startPTY(p)
	if err != nil {
		return keystrokeResult{}, err
	}
	defer s.close()
	if err := s.setUpShell(); err != nil {
		return keystrokeResult{}, fmt.Errorf("e2ebench: %v: %w", p, err)
	}
	progress("keystroke %v: shell ready, replaying %d keys", p, len(keys))
	s.res.outcomes = make([]keyOutcome, len(keys))
	start := time.Now()
	for i, k := range keys {
		time.Sleep(time.Until(start.Add(k.At)))
		if err := s.press(i, k); err != nil {
			return keystrokeResult{}, fmt.Errorf("e2ebench: %v: %w", p, err)
		}
	}
	time.Sleep(keystrokeSettle)
	r := s.result()
	r.breakdown = breakDown(keys, r.outcomes)
	if r.clientCPU, err = preciseCPU(s.client); err != nil {
		return r, err
	}
	if r.clientRSS, err = peakRSS(s.client); err != nil {
		return r, err
	}
	return r, nil
}

// ptySession is a session whose client runs in a pty of the benchmark,
// drawn into an emulator here.
type ptySession struct {
	pairing  pairing
	dir      string
	server   int
	client   int
	relay    *linktest.Relay
	pty      *os.File
	cmd      *exec.Cmd
	readDone chan struct{}

	mu      sync.Mutex
	emu     *vt.Emulator
	alt     bool
	probes  []*probe
	last    *probe // the newest echoed keystroke's
	res     keystrokeResult
	readErr error
}

// probe follows one echoed keystroke.
type probe struct {
	key int // the keystroke's index in the trace
	r   rune
	at  vt.Cursor // the cursor the client showed when the key was sent
	// line is the start of at's row that shows the line is still there
	// (the shell prompt, vim's ":"), or "" for vim's text.
	line  string
	sent  time.Time
	shown bool
	// Judging an instant prediction: pending until underlined cell at
	// goes plain.
	judging bool
}

// startPTY starts a session of p through the relay at keystrokeLink and
// waits for the prompt on the client's screen.
func (h *harness) startPTY(p pairing) (*ptySession, error) {
	dir, err := os.MkdirTemp("", "e2ebench-keys-")
	if err != nil {
		return nil, fmt.Errorf("e2ebench: %w", err)
	}
	s := &ptySession{pairing: p, dir: dir, emu: vt.NewEmulator(80, 24), readDone: make(chan struct{})}
	fail := func(err error) (*ptySession, error) {
		s.close()
		return nil, &startError{fmt.Errorf("e2ebench: %v: %w", p, err)}
	}
	if err := writeWorkDir(dir); err != nil {
		return fail(err)
	}
	wrapper, err := h.serveThroughRelay(p, dir, minNetworkTimeout, keystrokeLink, nil, &s.server, &s.relay)
	if err != nil {
		return fail(err)
	}
	s.cmd = exec.Command(wrapper)
	s.cmd.Dir = dir
	s.cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TERM=xterm-256color", "LANG=C.UTF-8"}
	if s.pty, err = pty.StartWithSize(s.cmd, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		return fail(err)
	}
	s.client = s.cmd.Process.Pid
	go s.read()
	if err := s.waitScreen(clientStartTimeout, func(screen string) bool {
		return strings.Contains(screen, strings.TrimSpace(prompt))
	}); err != nil {
		return fail(fmt.Errorf("no prompt on the client's screen: %w", err))
	}
	return s, nil
}

// writeWorkDir writes the bash rc file and the files the trace's commands
// expect into dir.
func writeWorkDir(dir string) error {
	for _, d := range []string{"work/src", "work/Documents", "work/Downloads"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "work", "notes.txt"), []byte(predicttest.Notes), 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "rc"), []byte(bashRC), 0o600)
}

// setUpShell replaces the server's sh with bash on the rc file and clears
// the screen, so the trace starts at a prompt in the top row.
func (s *ptySession) setUpShell() error {
	if _, err := io.WriteString(s.pty, "exec bash --rcfile rc -i\r"); err != nil {
		return err
	}
	if err := s.waitScreen(20*time.Second, func(screen string) bool {
		return strings.Contains(screen, readyMarker)
	}); err != nil {
		return fmt.Errorf("bash not set up: %w", err)
	}
	if _, err := io.WriteString(s.pty, "clear\r"); err != nil {
		return err
	}
	return s.waitScreen(20*time.Second, func(screen string) bool {
		return strings.TrimSpace(screen) == strings.TrimSpace(prompt)
	})
}

// read feeds the client's output to the emulator and checks the probes
// after each chunk.
func (s *ptySession) read() {
	defer close(s.readDone)
	buf := make([]byte, 64<<10)
	for {
		n, err := s.pty.Read(buf)
		now := time.Now()
		s.mu.Lock()
		if n > 0 {
			s.emu.Write(buf[:n])
			if replies := s.emu.TakeReplies(); len(replies) > 0 {
				s.pty.Write(replies)
			}
			s.check(now)
		}
		if err != nil {
			s.readErr = err
		}
		s.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// screenText is the emulator's screen, rows right-trimmed; s.mu is held.
func (s *ptySession) screenText() string {
	fb := s.emu.Framebuffer()
	var b strings.Builder
	for y := range fb.Height() {
		var row strings.Builder
		for x := range fb.Width() {
			c := fb.Cell(y, x)
			switch {
			case c.WideTail:
			case c.Rune == 0:
				row.WriteByte(' ')
			default:
				row.WriteRune(c.Rune)
			}
		}
		b.WriteString(strings.TrimRight(row.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// waitScreen waits until done accepts the client's screen.
func (s *ptySession) waitScreen(timeout time.Duration, done func(screen string) bool) error {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		screen, readErr := s.screenText(), s.readErr
		s.mu.Unlock()
		switch {
		case done(screen):
			return nil
		case readErr != nil:
			return fmt.Errorf("client output ended (%v); last screen:\n%s%s", readErr, screen, s.clientErrors())
		case time.Now().After(deadline):
			return fmt.Errorf("after %v; last screen:\n%s%s", timeout, screen, s.clientErrors())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *ptySession) clientErrors() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "client.err"))
	if len(strings.TrimSpace(string(b))) == 0 {
		return ""
	}
	return "\nclient stderr: " + strings.TrimSpace(string(b))
}

// press sends one keystroke, first noting what it should do on screen.
func (s *ptySession) press(i int, k predicttest.Keystroke) error {
	s.mu.Lock()
	if r, n := utf8.DecodeRune(k.Key); n == len(k.Key) && vt.Width(r) > 0 {
		s.res.printable++
	}
	switch {
	case k.Echo:
		r, _ := utf8.DecodeRune(k.Key)
		s.res.echoed++
		at := s.emu.Framebuffer().Cursor
		s.last = &probe{key: i, r: r, at: at, sent: time.Now(), line: lineStart(k.Context, at)}
		s.probes = append(s.probes, s.last)
	case string(k.Key) == "\x7f":
		// The last character typed is taken back.
		if s.last != nil {
			s.withdraw(s.last)
			s.last = nil
		}
	case k.Key[0] == 0x1b && len(k.Key) > 1:
		// An arrow key: later typing may shift the line.
		for _, p := range s.probes {
			s.withdraw(p)
		}
	}
	s.mu.Unlock()
	_, err := s.pty.Write(k.Key)
	return err
}

// withdraw stops following p: something legitimately changes its cell.
func (s *ptySession) withdraw(p *probe) {
	if p.judging {
		p.judging = false
		s.res.unjudged++
	}
	if !p.shown {
		p.shown = true // never judged as shown later either
		s.res.outcomes[p.key].withdrawn = true
	}
}

// check updates the probes against the screen at now; s.mu is held.
func (s *ptySession) check(now time.Time) {
	fb := s.emu.Framebuffer()
	if alt := s.emu.Modes().AltScreen; alt != s.alt {
		s.alt = alt
		for _, p := range s.probes {
			s.withdraw(p)
		}
	}
	kept := s.probes[:0]
	for _, p := range s.probes {
		if !p.shown {
			c := fb.Cell(p.at.Row, p.at.Col)
			if c.Rune == p.r && (fb.Cursor.Row != p.at.Row || fb.Cursor.Col != p.at.Col) {
				p.shown = true
				s.res.outcomes[p.key].seen, s.res.outcomes[p.key].after = true, now.Sub(p.sent)
				if now.Sub(p.sent) <= keystrokeInstant {
					s.res.instant++
					if c.Rend.Attrs&vt.AttrUnderline != 0 {
						p.judging = true
					} else {
						s.res.unjudged++
					}
				}
			}
		}
		if p.judging {
			s.judge(p, fb)
		}
		if !p.shown || p.judging {
			kept = append(kept, p)
		}
	}
	s.probes = kept
}

// judge decides an instant prediction once its cell is no longer
// underlined.
func (s *ptySession) judge(p *probe, fb *vt.Framebuffer) {
	c := fb.Cell(p.at.Row, p.at.Col)
	if c.Rend.Attrs&vt.AttrUnderline != 0 {
		if c.Rune != p.r {
			// A newer prediction over the same cell.
			s.withdraw(p)
		}
		return
	}
	p.judging = false
	if c.Rune == p.r {
		s.res.confirmed++
		return
	}
	for y := p.at.Row - 1; y >= 0; y-- {
		if fb.Cell(y, p.at.Col).Rune == p.r {
			s.res.confirmed++ // scrolled up with its line
			return
		}
	}
	if p.line != "" && rowPrefix(fb, p.at.Row, len(p.line)) != p.line {
		s.res.unjudged++
		s.res.redrawn++
		return
	}
	s.res.mispredicted++
	s.res.outcomes[p.key].mispredicted = true
}

// lineStart returns what the start of a probe's row at shows while its
// line is there: the shell prompt, vim's ":" (see probe.line).
func lineStart(ctx predicttest.Context, at vt.Cursor) string {
	switch {
	case ctx == predicttest.Shell && at.Col >= len(prompt):
		return prompt
	case ctx == predicttest.VimCommand && at.Col >= 1:
		return ":"
	}
	return ""
}

// rowPrefix returns the first n cells of row y as text, blanks as spaces.
func rowPrefix(fb *vt.Framebuffer, y, n int) string {
	var b strings.Builder
	for x := range min(n, fb.Width()) {
		if c := fb.Cell(y, x); c.Rune == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteRune(c.Rune)
		}
	}
	return b.String()
}

// result returns what was measured; predictions still being judged count
// as unjudged.
func (s *ptySession) result() keystrokeResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.res
	for _, p := range s.probes {
		if p.judging {
			r.unjudged++
		}
	}
	return r
}

// close ends the session: server, client, relay, files.
func (s *ptySession) close() {
	terminate(s.server, 3*time.Second)
	if s.cmd != nil && s.cmd.Process != nil {
		terminate(s.client, 3*time.Second)
		s.cmd.Wait()
	}
	if s.pty != nil {
		s.pty.Close()
		<-s.readDone
	}
	if s.relay != nil {
		s.relay.Close()
	}
	os.RemoveAll(s.dir)
}
