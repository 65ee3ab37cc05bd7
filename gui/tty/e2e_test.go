//go:build unix

package tty_test

import (
	"net/netip"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

const prompt = "roam$ "

// startServer starts the real mosh-server or roam-server with a bare bash
// whose prompt is prompt.
func startServer(t *testing.T, server string) *servertest.Server {
	t.Helper()
	path := filepath.Join(bin, server)
	if server == "mosh-server" {
		var err error
		if path, err = exec.LookPath("mosh-server"); err != nil {
			t.Fatal(servertest.MoshInstallHint)
		}
	}
	return servertest.Start(t, path, servertest.Env(t.TempDir(), prompt),
		"new", "-i", "127.0.0.1", "-p", "0", "--", "/bin/bash", "--norc", "--noprofile")
}

// startClient runs roam, under the name mosh-client as the mosh wrapper
// would, in a tmux pane of the given size, connected to srv (or through
// opt.Addr), and waits for the prompt.
func startClient(t *testing.T, srv *servertest.Server, w, h int, opt servertest.ClientOptions) *vttest.Tmux {
	t.Helper()
	tm := vttest.StartTmux(t, vttest.TmuxOptions{Width: w, Height: h, Command: srv.ClientScript(t, opt)})
	if _, err := tm.WaitForText(strings.TrimSpace(prompt), 20*time.Second); err != nil {
		t.Fatal(err)
	}
	return tm
}

func send(t *testing.T, tm *vttest.Tmux, keys ...string) {
	t.Helper()
	if err := tm.SendKeys(keys...); err != nil {
		t.Fatal(err)
	}
}

// Typing, resizing and exit against both servers, with roam standing in
// for mosh-client.
func TestSession(t *testing.T) {
	for _, server := range []string{"mosh-server", "roam-server"} {
		t.Run(server, func(t *testing.T) {
			t.Parallel()
			srv := startServer(t, server)
			tm := startClient(t, srv, 80, 24, servertest.ClientOptions{})

			send(t, tm, "echo roam-ok", "Enter")
			vttest.WaitLine(t, tm, "roam-ok", 10*time.Second)

			send(t, tm, "stty size", "Enter")
			vttest.WaitLine(t, tm, "24 80", 10*time.Second)
			if err := tm.Resize(100, 30); err != nil {
				t.Fatal(err)
			}
			send(t, tm, "clear; stty size", "Enter")
			vttest.WaitLine(t, tm, "30 100", 10*time.Second)

			send(t, tm, "exit", "Enter")
			screen := vttest.WaitLine(t, tm, servertest.ExitStatusLine(0), 15*time.Second)
			if !vttest.HasLine(screen, "[mosh is exiting.]") {
				t.Errorf("no exit message:\n%s", screen)
			}
			srv.WaitExit(t, 10*time.Second)
		})
	}
}

// moshServerRows are rows that mosh-server 1.4's own emulator makes
// differ from tmux's, with the text the real mosh-client shows there
// (checked by hand): a client can only show the server's screen.
var moshServerRows = map[string]map[int]string{
	// mosh-server keeps the left half of a wide character whose right
	// half a wide character overwrote, and then skips the new one.
	"cjk-overwrite": {1: "漢  漢字漢字"},
}

// mosh's emulation stimuli drawn through roam and the real mosh-server
// look as they do straight in tmux.
func TestStimuliThroughMoshServer(t *testing.T) {
	const pause = 100 * time.Millisecond
	for _, c := range vttest.Corpus() {
		if !c.CompareWithTmux() {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			// mosh-server 1.4 echoes an empty first line before the
			// application starts: clear the screen first, both ways.
			c.Chunks = append([][]byte{[]byte("\x1b[H\x1b[2J")}, c.Chunks...)
			marker := "roam-stimulus-done"
			play, err := vttest.PlayCommand(t.TempDir(), c, pause, marker)
			if err != nil {
				t.Fatal(err)
			}

			direct := vttest.StartTmux(t, vttest.TmuxOptions{Width: 80, Height: 24, Command: play})
			moshServer, err := exec.LookPath("mosh-server")
			if err != nil {
				t.Fatal(servertest.MoshInstallHint)
			}
			srv := servertest.Start(t, moshServer, servertest.Env(t.TempDir(), prompt),
				"new", "-i", "127.0.0.1", "-p", "0", "--", "/bin/sh", "-c", play)
			remote := vttest.StartTmux(t, vttest.TmuxOptions{Width: 80, Height: 24, Command: srv.ClientScript(t, servertest.ClientOptions{})})

			var want, got = screenAfter(t, direct, marker), screenAfter(t, remote, marker)
			if c.TmuxFix != nil {
				c.TmuxFix(want)
			}
			for row, text := range moshServerRows[c.Name] {
				if line := vttest.Lines(got)[row]; line != text {
					t.Errorf("row %d is %q, want %q as the real mosh-client shows it", row, line, text)
				}
				*want.MutableRow(row) = *got.Row(row)
			}
			if d := vttest.Diff(want, got); d != "" {
				t.Errorf("through roam and mosh-server the screen differs from tmux's:\n%s", d)
			}
		})
	}
}

// screenAfter waits for the stimulus' end marker in the pane title and
// returns the screen.
func screenAfter(t *testing.T, tm *vttest.Tmux, marker string) *vt.Framebuffer {
	t.Helper()
	if err := tm.WaitForFormat("#{pane_title}", marker, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	// The title travels in the frame after the last chunk's; let that
	// frame land.
	time.Sleep(300 * time.Millisecond)
	fb, err := tm.Screen()
	if err != nil {
		t.Fatal(err)
	}
	return fb
}

// relayed starts mosh-server behind a linktest relay with the given
// one-way delay and roam in tmux talking through the relay.
func relayed(t *testing.T, delay time.Duration, env ...string) (*linktest.Relay, *vttest.Tmux) {
	t.Helper()
	srv := startServer(t, "mosh-server")
	imp := linktest.Impairment{Delay: delay}
	relay, err := linktest.NewRelay(netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(srv.Port)),
		linktest.Config{Seed: 1, ToServer: imp, ToClient: imp})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { relay.Close() })
	tm := startClient(t, srv, 80, 24, servertest.ClientOptions{Addr: relay.Addr(), Env: env})
	return relay, tm
}
