package session

import (
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/vt/vttest"
)

func screenHas(f Frame, text string) bool {
	return strings.Contains(strings.Join(vttest.Lines(f.FB), "\n"), text)
}

// A Roam client learns when the application enters and leaves the
// alternate screen, over a lossy link.
func TestAltScreenReachesClient(t *testing.T) {
	cli, pty := udpSession(t, lossyLink,
		ServerConfig{Width: 40, Height: 10, HistoryLines: 1000},
		ClientConfig{Width: 40, Height: 10, HistoryLines: 1000})
	waitFrame(t, cli, 10*time.Second, "the first server state", func(f Frame) bool { return !f.Status.Connecting })
	pty.out <- []byte("$ less file\r\n")
	if f := waitFrame(t, cli, 10*time.Second, "the prompt", func(f Frame) bool { return screenHas(f, "$ less") }); f.AltScreen {
		t.Fatal("AltScreen set before the application asked for the alternate screen")
	}
	for round := range 2 {
		pty.out <- []byte("\x1b[?1049h\x1b[H\x1b[2Jpage one")
		waitFrame(t, cli, 10*time.Second, "the alternate screen", func(f Frame) bool { return f.AltScreen && screenHas(f, "page one") })
		pty.out <- []byte("\x1b[?1049l")
		f := waitFrame(t, cli, 10*time.Second, "the primary screen", func(f Frame) bool { return !f.AltScreen })
		if !screenHas(f, "$ less") || screenHas(f, "page one") {
			t.Errorf("round %d: AltScreen reset with the screen\n%s", round, strings.Join(vttest.Lines(f.FB), "\n"))
		}
	}
}

// A server that sends no history (as a stock mosh-server) tells nothing:
// AltScreen stays false.
func TestAltScreenUnknownWithoutServerHistory(t *testing.T) {
	cli, pty := udpSession(t, linktest.Impairment{},
		ServerConfig{Width: 40, Height: 10},
		ClientConfig{Width: 40, Height: 10, HistoryLines: 1000})
	waitFrame(t, cli, 10*time.Second, "the first server state", func(f Frame) bool { return !f.Status.Connecting })
	pty.out <- []byte("\x1b[?1049h\x1b[H\x1b[2Jpage one")
	if f := waitFrame(t, cli, 10*time.Second, "the pager", func(f Frame) bool { return screenHas(f, "page one") }); f.AltScreen {
		t.Error("AltScreen set by a server that sends no history")
	}
}
