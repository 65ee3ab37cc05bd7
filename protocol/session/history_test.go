package session

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/conn"
	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/vt/vttest"
)

// lossyLink is the acceptance link of the scrollback tests: 20 % loss each
// way and a 100 ms round trip.
var lossyLink = linktest.Impairment{Delay: 50 * time.Millisecond, Loss: 0.2}

// udpSession runs a Server (application: a fakePTY) and a Client over
// real sockets through a relay impairing both directions with imp.
func udpSession(t testing.TB, imp linktest.Impairment, srvCfg ServerConfig, cliCfg ClientConfig) (*Client, *fakePTY) {
	t.Helper()
	key, err := datagram.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := conn.ListenServer(netip.MustParseAddr("127.0.0.1"), 0, 0, key)
	if err != nil {
		t.Fatal(err)
	}
	relay, err := linktest.NewRelay(sc.LocalAddr(), linktest.Config{Seed: 9, ToServer: imp, ToClient: imp})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { relay.Close() })
	pty := newFakePTY()
	srvCfg.Conn = sc
	srvCfg.StartApp = func(int, int) (PTY, error) { return pty, nil }
	shutdown := make(chan struct{})
	srvCfg.Shutdown = shutdown
	srv := NewServer(srvCfg)
	srvDone := make(chan error, 1)
	go func() { srvDone <- srv.Run() }()
	t.Cleanup(func() {
		close(shutdown)
		select {
		case <-srvDone:
		case <-time.After(15 * time.Second):
			t.Error("server did not stop")
		}
	})

	cc, err := conn.DialClient(relay.Addr(), key)
	if err != nil {
		t.Fatal(err)
	}
	cliCfg.Conn = cc
	cli := NewClient(cliCfg)
	cliDone := make(chan error, 1)
	go func() { cliDone <- cli.Run() }()
	t.Cleanup(func() {
		cli.Quit()
		select {
		case <-cliDone:
		case <-time.After(15 * time.Second):
			t.Error("client did not stop")
		}
	})
	return cli, pty
}

// waitFrame waits up to timeout for a frame satisfying cond and returns it.
func waitFrame(t testing.TB, c *Client, timeout time.Duration, what string, cond func(Frame) bool) Frame {
	t.Helper()
	deadline := time.After(timeout)
	for {
		f := c.Frame()
		if cond(f) {
			return f
		}
		select {
		case <-c.Updates():
		case <-deadline:
			t.Fatalf("timed out after %v waiting for %s; history %d..%d synced %v, screen:\n%s",
				timeout, what, f.History.First(), f.History.End(), f.History.Synced,
				strings.Join(vttest.Lines(f.FB), "\n"))
		}
	}
}

// printSeq makes the application print `seq 1 n`, in pty-sized reads.
func printSeq(p *fakePTY, n int) {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d\r\n", i)
		if b.Len() > ptyReadSize-16 || i == n { // one read each: fakePTY truncates

			p.out <- []byte(b.String())
			b.Reset()
		}
	}
}

func historyLines(h History) []string {
	out := make([]string, 0, h.Len())
	for n := h.First(); n < h.End(); n++ {
		l, _ := h.Line(n)
		out = append(out, l.Text())
	}
	return out
}

// The acceptance test of the scrollback: `seq 1 50000` over a lossy link
// reaches the client's history whole, in order, once.
func TestHistorySeqOverLossyLink(t *testing.T) {
	const lines, height = 50000, 24
	cli, pty := udpSession(t, lossyLink,
		ServerConfig{Width: 80, Height: height, HistoryLines: 60000},
		ClientConfig{Width: 80, Height: height, HistoryLines: 60000})
	waitFrame(t, cli, 10*time.Second, "the first server state", func(f Frame) bool { return !f.Status.Connecting })
	start := time.Now()
	printSeq(pty, lines)

	// The cursor ends on the bottom row, under lines-height+2 … lines;
	// everything above scrolled off.
	scrolled := lines - (height - 1)
	f := waitFrame(t, cli, 90*time.Second, "the whole history", func(f Frame) bool {
		return f.History.End() >= uint64(scrolled) && vttest.Lines(f.FB)[height-2] == fmt.Sprint(lines)
	})
	t.Logf("history of %d lines complete %v after the output started", f.History.Len(), time.Since(start))
	h := f.History
	if !h.Synced || h.Incomplete {
		t.Errorf("history synced %v, incomplete %v; want synced and complete", h.Synced, h.Incomplete)
	}
	if h.First() != 0 || h.End() != uint64(scrolled) {
		t.Errorf("history holds lines %d..%d, want 0..%d", h.First(), h.End(), scrolled)
	}
	got := historyLines(h)
	for i, s := range got {
		if s != fmt.Sprint(i+1) {
			t.Fatalf("history line %d = %q, want %q (and %d lines in all)", i, s, fmt.Sprint(i+1), len(got))
		}
	}
	for y, s := range vttest.Lines(f.FB)[:height-1] {
		if want := fmt.Sprint(scrolled + y + 1); s != want {
			t.Errorf("screen row %d = %q, want %q", y, s, want)
		}
	}
}

// A bound below the output keeps exactly the newest lines.
func TestHistoryBoundedByClient(t *testing.T) {
	const lines, height, bound = 3000, 10, 1000
	cli, pty := udpSession(t, linktest.Impairment{},
		ServerConfig{Width: 40, Height: height, HistoryLines: 10000},
		ClientConfig{Width: 40, Height: height, HistoryLines: bound})
	waitFrame(t, cli, 10*time.Second, "the first server state", func(f Frame) bool { return !f.Status.Connecting })
	printSeq(pty, lines)
	scrolled := lines - (height - 1)
	f := waitFrame(t, cli, 30*time.Second, "the history", func(f Frame) bool { return f.History.End() >= uint64(scrolled) })
	got := historyLines(f.History)
	if len(got) != bound || got[0] != fmt.Sprint(scrolled-bound+1) || got[bound-1] != fmt.Sprint(scrolled) {
		t.Errorf("history = %d lines %q … %q, want %d lines %d … %d", len(got), got[0], got[len(got)-1], bound, scrolled-bound+1, scrolled)
	}
}

// A server that keeps no history (as a stock mosh-server) leaves the
// client to record what it sees scroll, marked incomplete.
func TestHistoryDetectedWithoutServerHistory(t *testing.T) {
	cli, pty := udpSession(t, linktest.Impairment{},
		ServerConfig{Width: 20, Height: 5},
		ClientConfig{Width: 20, Height: 5})
	waitFrame(t, cli, 10*time.Second, "the first server state", func(f Frame) bool { return !f.Status.Connecting })
	for i := 1; i <= 6; i++ {
		pty.out <- []byte(fmt.Sprintf("line %d\r\n", i))
		waitFrame(t, cli, 5*time.Second, "the line", func(f Frame) bool {
			return strings.Contains(strings.Join(vttest.Lines(f.FB), "\n"), fmt.Sprintf("line %d", i))
		})
	}
	f := cli.Frame()
	if f.History.Synced || !f.History.Incomplete {
		t.Errorf("synced %v, incomplete %v; want not synced, incomplete", f.History.Synced, f.History.Incomplete)
	}
	if got := strings.Join(historyLines(f.History), "|"); got != "line 1|line 2" {
		t.Errorf("history = %q, want \"line 1|line 2\"", got)
	}
}
