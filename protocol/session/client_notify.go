package session

import (
	"fmt"
	"time"
)

// Notification bar rules (mosh's NotificationEngine, terminaloverlay.h).
const (
	// ServerLateAfter: with no new server state for longer than this, the
	// bar says "Last contact N seconds ago".
	ServerLateAfter = 6500 * time.Millisecond
	// ReplyLateAfter: with no state of ours acknowledged for longer than
	// this (counted from when that state was sent), the bar says "Last
	// reply N seconds ago" — the uplink-only failure.
	ReplyLateAfter = 10 * time.Second
	// messageLifetime is how long a passing message stays up.
	messageLifetime = time.Second
	// networkErrorLifetime is how long a network error stays up after it
	// last occurred (mosh: ACK_INTERVAL + 100 ms), and networkErrorLinger
	// how long once sends succeed again.
	networkErrorLifetime = 3100 * time.Millisecond
	networkErrorLinger   = time.Second
	// countUp is how often the elapsed time is redrawn, and slowCountUp
	// how often after slowCountUpAfter without contact (mosh #243: save
	// power on a long disconnection).
	countUp          = time.Second
	slowCountUp      = 3 * time.Second
	slowCountUpAfter = 60 * time.Second
)

// notifier decides the notification bar's text: a message (connecting,
// exiting, a network error, the escape key's help) and the time since the
// server was last heard from. It is a pure core: callers pass now.
type notifier struct {
	prefix   string // "roam: "
	quitHint string // " [To quit: Ctrl-^ .]", or ""

	lastHeard time.Time // when the newest server state arrived
	lastAcked time.Time // when the newest acknowledged state was sent

	message   string
	expires   time.Time // zero: until replaced
	netError  bool      // message is a network error
	showHint  bool
	permanent bool
}

// setMessage shows message, for messageLifetime unless permanent, with
// the quit hint if hint is set.
func (n *notifier) setMessage(message string, permanent, hint bool, now time.Time) {
	n.message, n.permanent, n.showHint, n.netError = message, permanent, hint, false
	n.expires = now.Add(messageLifetime)
}

// clearMessage removes the message.
func (n *notifier) clearMessage() { n.setMessage("", true, true, time.Time{}) }

// setNetworkError shows a network error for networkErrorLifetime.
func (n *notifier) setNetworkError(message string, now time.Time) {
	n.message, n.permanent, n.showHint, n.netError = message, false, true, true
	n.expires = now.Add(networkErrorLifetime)
}

// clearNetworkError lets a network error go within networkErrorLinger.
func (n *notifier) clearNetworkError(now time.Time) {
	if n.netError && n.expires.After(now.Add(networkErrorLinger)) {
		n.expires = now.Add(networkErrorLinger)
	}
}

// expire drops a message whose time is up.
func (n *notifier) expire(now time.Time) {
	if n.message != "" && !n.permanent && !now.Before(n.expires) {
		n.clearMessage()
	}
}

func (n *notifier) serverLate(now time.Time) bool { return now.Sub(n.lastHeard) > ServerLateAfter }
func (n *notifier) replyLate(now time.Time) bool  { return now.Sub(n.lastAcked) > ReplyLateAfter }

// countingUp reports whether the bar shows the time since last contact.
func (n *notifier) countingUp(now time.Time) bool { return n.serverLate(now) || n.replyLate(now) }

// elapsed returns what the bar counts: the time since the server was heard
// from, or, when only the uplink fails, since our last acknowledged state.
func (n *notifier) elapsed(now time.Time) (time.Duration, string) {
	if n.replyLate(now) && !n.serverLate(now) {
		return now.Sub(n.lastAcked), "reply"
	}
	return now.Sub(n.lastHeard), "contact"
}

// text returns the bar's text at now, "" for no bar.
func (n *notifier) text(now time.Time) string {
	counting := n.countingUp(now)
	if n.message == "" && !counting {
		return ""
	}
	hint := ""
	if n.showHint {
		hint = n.quitHint
	}
	if !counting {
		return n.prefix + n.message + hint
	}
	d, what := n.elapsed(now)
	secs := int(d / time.Second)
	if n.message == "" {
		return fmt.Sprintf("%sLast %s %s ago.%s", n.prefix, what, humanDuration(secs, "seconds"), hint)
	}
	return fmt.Sprintf("%s%s (%s without %s.)%s", n.prefix, n.message, humanDuration(secs, "s"), what, hint)
}

// humanDuration formats seconds as mosh does: "12 seconds", "1:05",
// "2:00:05".
func humanDuration(secs int, unit string) string {
	switch {
	case secs < 60:
		return fmt.Sprintf("%d %s", secs, unit)
	case secs < 3600:
		return fmt.Sprintf("%d:%02d", secs/60, secs%60)
	}
	return fmt.Sprintf("%d:%02d:%02d", secs/3600, (secs/60)%60, secs%60)
}

// waitTime returns how long until the text may change by itself: a
// message expires, a lateness threshold is crossed, or the count ticks.
func (n *notifier) waitTime(now time.Time) time.Duration {
	wait := time.Duration(noWait)
	if n.message != "" && !n.permanent {
		wait = min(wait, n.expires.Sub(now))
	}
	// Just past each threshold (the comparisons are strict).
	if !n.serverLate(now) {
		wait = min(wait, n.lastHeard.Add(ServerLateAfter).Sub(now)+time.Millisecond)
	}
	if !n.replyLate(now) {
		wait = min(wait, n.lastAcked.Add(ReplyLateAfter).Sub(now)+time.Millisecond)
	}
	if n.countingUp(now) {
		d, _ := n.elapsed(now)
		step := countUp
		if now.Sub(n.lastHeard) > slowCountUpAfter {
			step = slowCountUp
		}
		wait = min(wait, step-d%step)
	}
	return max(wait, 0)
}
