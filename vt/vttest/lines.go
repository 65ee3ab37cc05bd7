package vttest

import (
	"strings"
	"testing"
	"time"
)

// HasLine reports whether a row of screen (capture text, rows separated by
// newlines) reads exactly want, trailing blanks ignored.
func HasLine(screen, want string) bool {
	for _, line := range strings.Split(screen, "\n") {
		if strings.TrimRight(line, " ") == want {
			return true
		}
	}
	return false
}

// WaitLine waits until a row of tm's screen reads exactly want (trailing
// blanks ignored) and returns the screen; it fails the test on timeout.
func WaitLine(tb testing.TB, tm *Tmux, want string, timeout time.Duration) string {
	tb.Helper()
	screen, err := tm.WaitFor(timeout, func(s string) bool { return HasLine(s, want) })
	if err != nil {
		tb.Fatalf("waiting for the line %q: %v", want, err)
	}
	return screen
}
