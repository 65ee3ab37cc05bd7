//go:build unix

package tty_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

// rtt is the round trip of the slow-link tests: long enough that the
// checks below are not races.
const rtt = 2 * time.Second

// findText returns the row and column of text on the screen.
func findText(fb *vt.Framebuffer, text string) (int, int, bool) {
	for y, line := range vttest.Lines(fb) {
		if i := strings.Index(line, text); i >= 0 {
			return y, len([]rune(line[:i])), true
		}
	}
	return 0, 0, false
}

// underlined reports whether every cell of text at (y, x) is underlined.
func underlined(fb *vt.Framebuffer, y, x int, text string) bool {
	for i := range []rune(text) {
		if fb.Cell(y, x+i).Rend.Attrs&vt.AttrUnderline == 0 {
			return false
		}
	}
	return true
}

func screen(t *testing.T, tm *vttest.Tmux) *vt.Framebuffer {
	t.Helper()
	fb, err := tm.Screen()
	if err != nil {
		t.Fatal(err)
	}
	return fb
}

// On a 2 s round trip, typed characters show at once, underlined until the
// server confirms them, and Ctrl-C quiets a flood within a round trip and
// a couple of frames.
func TestPredictionOnSlowLink(t *testing.T) {
	_, tm := relayed(t, rtt/2)

	// The first prediction is held back until the server confirms one.
	if err := tm.SendLiteral("e"); err != nil {
		t.Fatal(err)
	}
	vttest.WaitLine(t, tm, prompt+"e", 3*rtt)

	start := time.Now()
	if err := tm.SendLiteral("cho predicted"); err != nil {
		t.Fatal(err)
	}
	var shown time.Duration
	for {
		fb := screen(t, tm)
		if y, x, ok := findText(fb, "echo predicted"); ok {
			shown = time.Since(start)
			if !underlined(fb, y, x+len("echo "), "predicted") {
				t.Errorf("unconfirmed prediction not underlined:\n%s", strings.Join(vttest.Lines(fb), "\n"))
			}
			break
		}
		if time.Since(start) > rtt {
			t.Fatalf("typed text not shown within one round trip:\n%s", strings.Join(vttest.Lines(fb), "\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("typed text shown after %v (round trip %v)", shown, rtt)
	if shown >= time.Second {
		t.Errorf("typed text took %v to show, want well under 1 s", shown)
	}
	// Confirmed: the underline goes.
	if _, err := tm.WaitFor(3*rtt, func(string) bool {
		fb := screen(t, tm)
		y, x, ok := findText(fb, "echo predicted")
		return ok && !underlined(fb, y, x+len("echo "), "p")
	}); err != nil {
		t.Fatalf("prediction never confirmed: %v", err)
	}
	send(t, tm, "Enter")
	vttest.WaitLine(t, tm, "predicted", 3*rtt)

	// Ctrl-C stops a flood.
	send(t, tm, "yes", "Enter")
	if _, err := tm.WaitFor(3*rtt, func(s string) bool { return strings.Count(s, "y\n") > 20 }); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	send(t, tm, "C-c")
	last, lastChange := "", time.Duration(0)
	for time.Since(start) < 4*rtt {
		s, err := tm.Capture(false)
		if err != nil {
			t.Fatal(err)
		}
		if s != last {
			last, lastChange = s, time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	bound := rtt + 2*250*time.Millisecond + time.Second // generous: tmux, scheduler
	t.Logf("screen quiet %v after Ctrl-C (bound %v)", lastChange, bound)
	if lastChange > bound {
		t.Errorf("screen still changing %v after Ctrl-C, want quiet within %v", lastChange, bound)
	}
	if !strings.Contains(last, strings.TrimSpace(prompt)) {
		t.Errorf("no prompt after Ctrl-C:\n%s", last)
	}
}

// At a prompt that does not echo (read -s), predictions vanish within one
// round trip plus the send and echo-ack delays. Experimental display shows
// every prediction at once, so there is something to vanish.
func TestPredictionsVanishAtSilentPrompt(t *testing.T) {
	_, tm := relayed(t, rtt/2, "MOSH_PREDICTION_DISPLAY=experimental")
	// A prompt that does not echo: whatever was predicted goes away.
	send(t, tm, "clear; read -s secret; echo read-done", "Enter")
	vttest.WaitLine(t, tm, prompt+"clear; read -s secret; echo read-done", 3*rtt)
	time.Sleep(rtt) // the read is waiting
	start := time.Now()
	if err := tm.SendLiteral("hush"); err != nil {
		t.Fatal(err)
	}
	var lastSeen time.Duration
	seen := false
	deadline := rtt + 250*time.Millisecond + 50*time.Millisecond + time.Second // slack for tmux and the scheduler
	for time.Since(start) < deadline+rtt {
		if strings.Contains(strings.Join(vttest.Lines(screen(t, tm)), "\n"), "hush") {
			lastSeen, seen = time.Since(start), true
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("predictions at a silent prompt last seen %v after typing", lastSeen)
	if !seen {
		t.Error("the typed text was never predicted")
	}
	if lastSeen > deadline {
		t.Errorf("predictions at a silent prompt still shown %v after typing, want gone within %v", lastSeen, deadline)
	}
	send(t, tm, "Enter")
	vttest.WaitLine(t, tm, "read-done", 3*rtt)

}

// With the link down for 10 s the bar says "Last contact"; once it is up
// again the bar goes and nothing printed meanwhile is lost.
func TestNotificationWhileLinkDown(t *testing.T) {
	relay, tm := relayed(t, 0)
	send(t, tm, "clear; for i in $(seq 1 15); do echo tick $i; sleep 1; done", "Enter")
	vttest.WaitLine(t, tm, "tick 1", 10*time.Second)

	relay.Pause()
	paused := time.Now()
	s, err := tm.WaitFor(12*time.Second, func(s string) bool { return strings.Contains(s, "roam: Last contact") })
	if err != nil {
		t.Fatal(err)
	}
	after := time.Since(paused)
	t.Logf("bar shown %v after the link went down: %q", after, strings.SplitN(s, "\n", 2)[0])
	if after < 6*time.Second {
		t.Errorf("bar shown after %v, want after 6.5 s without contact", after)
	}
	if !strings.Contains(s, "[To quit: Ctrl-^ .]") {
		t.Errorf("bar lacks the quit hint: %q", strings.SplitN(s, "\n", 2)[0])
	}
	time.Sleep(10*time.Second - time.Since(paused))
	relay.Resume()
	resumed := time.Now()
	if _, err := tm.WaitFor(10*time.Second, func(s string) bool { return !strings.Contains(s, "Last contact") }); err != nil {
		t.Fatal(err)
	}
	t.Logf("bar gone %v after the link came back", time.Since(resumed))
	screen := vttest.WaitLine(t, tm, "tick 15", 15*time.Second)
	for i := 2; i <= 15; i++ {
		if want := "tick " + strconv.Itoa(i); !vttest.HasLine(screen, want) {
			t.Errorf("lost %q:\n%s", want, screen)
		}
	}
	send(t, tm, "echo after-pause", "Enter")
	vttest.WaitLine(t, tm, "after-pause", 10*time.Second)
}

// The client's address changes mid-session (the relay moves to
// 127.0.0.2): the session carries on.
func TestRoaming(t *testing.T) {
	relay, tm := relayed(t, 0)
	send(t, tm, "echo before-roam", "Enter")
	vttest.WaitLine(t, tm, "before-roam", 10*time.Second)
	if err := relay.Rebind("127.0.0.2:0"); err != nil {
		t.Fatal(err)
	}
	send(t, tm, "echo after-roam", "Enter")
	vttest.WaitLine(t, tm, "after-roam", 10*time.Second)
	if got := relay.UpstreamLocalAddr().Addr().String(); got != "127.0.0.2" {
		t.Errorf("relay now sends from %s", got)
	}
}
