package session

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func newNotifier() *notifier {
	return &notifier{prefix: "roam: ", quitHint: " [To quit: Ctrl-^ .]", lastHeard: t0, lastAcked: t0, permanent: true, showHint: true}
}

func TestNotifierText(t *testing.T) {
	s := time.Second
	tests := []struct {
		name             string
		heard, acked, at time.Duration // offsets from t0
		message          string
		want             string
	}{
		{"quiet", 0, 0, 6500 * time.Millisecond, "", ""},
		{"contact late", 0, 0, 6500*time.Millisecond + time.Millisecond, "", "roam: Last contact 6 seconds ago. [To quit: Ctrl-^ .]"},
		{"counts up", 0, 0, 12*s + 900*time.Millisecond, "", "roam: Last contact 12 seconds ago. [To quit: Ctrl-^ .]"},
		{"minutes", 0, 0, 65 * s, "", "roam: Last contact 1:05 ago. [To quit: Ctrl-^ .]"},
		{"hours", 0, 0, 3723 * s, "", "roam: Last contact 1:02:03 ago. [To quit: Ctrl-^ .]"},
		{"reply late, uplink only", 9 * s, 0, 10*s + time.Millisecond, "", "roam: Last reply 10 seconds ago. [To quit: Ctrl-^ .]"},
		{"both late: contact wins", 0, 0, 11 * s, "", "roam: Last contact 11 seconds ago. [To quit: Ctrl-^ .]"},
		{"message", 0, 0, s, "Exiting...", "roam: Exiting... [To quit: Ctrl-^ .]"},
		{"message while late", 0, 0, 8 * s, "Exiting...", "roam: Exiting... (8 s without contact.) [To quit: Ctrl-^ .]"},
	}
	for _, tt := range tests {
		n := newNotifier()
		n.lastHeard, n.lastAcked = t0.Add(tt.heard), t0.Add(tt.acked)
		if tt.message != "" {
			n.setMessage(tt.message, true, true, t0)
		}
		if got := n.text(t0.Add(tt.at)); got != tt.want {
			t.Errorf("%s: text = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNotifierMessages(t *testing.T) {
	n := newNotifier()
	n.setMessage("passing", false, false, t0)
	if got := n.text(t0); got != "roam: passing" {
		t.Errorf("text = %q", got)
	}
	if w := n.waitTime(t0); w != messageLifetime {
		t.Errorf("waitTime = %v, want the message's lifetime %v", w, messageLifetime)
	}
	n.expire(t0.Add(messageLifetime - time.Millisecond))
	if n.text(t0) == "" {
		t.Error("message expired early")
	}
	n.expire(t0.Add(messageLifetime))
	if got := n.text(t0.Add(messageLifetime)); got != "" {
		t.Errorf("expired message still shown: %q", got)
	}

	// A network error stays ~3 s, or 1 s once sends succeed again.
	n.setNetworkError("sendto: network is unreachable", t0)
	n.expire(t0.Add(3 * time.Second))
	if n.text(t0.Add(3*time.Second)) == "" {
		t.Error("network error gone before 3.1 s")
	}
	n.clearNetworkError(t0.Add(3 * time.Second))
	n.expire(t0.Add(3100 * time.Millisecond))
	if n.text(t0.Add(3100*time.Millisecond)) != "" {
		t.Error("network error outlived its lifetime")
	}
	n.setNetworkError("boom", t0)
	n.clearNetworkError(t0)
	n.expire(t0.Add(time.Second))
	if n.text(t0.Add(time.Second)) != "" {
		t.Error("network error lingered more than 1 s after recovery")
	}
	// clearNetworkError leaves other messages alone.
	n.setMessage("Exiting...", true, true, t0)
	n.clearNetworkError(t0)
	n.expire(t0.Add(time.Hour))
	if n.message != "Exiting..." {
		t.Error("clearNetworkError removed a permanent message")
	}
}

func TestNotifierWaitTime(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		at   time.Duration
		want time.Duration
	}{
		{"until contact is late", 0, 6500*ms + ms},
		{"just before", 6500 * ms, ms},
		{"counting: next whole second", 7200 * ms, 800 * ms},
		{"after a minute: every 3 s", 61 * time.Second, 2 * time.Second},
	}
	for _, tt := range tests {
		n := newNotifier()
		n.lastAcked = t0.Add(time.Hour) // keep "last reply" out of it
		if got := n.waitTime(t0.Add(tt.at)); got != tt.want {
			t.Errorf("%s: waitTime = %v, want %v", tt.name, got, tt.want)
		}
	}
}
