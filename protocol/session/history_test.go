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
	"github.com/roamterm/roam/vt"
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
func printSeq(p *fakePTY, n int) { printRange(p, 1, n) }

// printRange makes the application print `seq from to`, in pty-sized
// reads.
func printRange(p *fakePTY, from, to int) {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, "%d\r\n", i)
		if b.Len() > ptyReadSize-16 || i == to { // one read each: fakePTY truncates

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

// ED 3 clears every Roam client's history over a lossy link, whether it
// comes after the client caught up or in the middle of a backlog, and
// the lines that scroll off afterwards arrive, numbered on from the clear.
func TestHistoryClearOverLossyLink(t *testing.T) {
	const height = 24
	for _, tc := range []struct {
		name     string
		caughtUp bool   // wait for the whole history before the clear
		clear    string // what the application prints to clear
		// want is the text of the lines the history holds in the end,
		// from the clear mark.
		wantFrom, wantTo int
	}{
		// ED 3 alone leaves the screen (lines 4978…5000), which scrolls
		// off with the next output.
		{"ED 3 after catching up", true, "\x1b[3J", 5000 - height + 2, 5100 - height + 1},
		// What `clear` prints: the screen too; the next output starts at
		// the top.
		{"clear during the backlog", false, "\x1b[H\x1b[2J\x1b[3J", 5001, 5100 - height + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cli, pty := udpSession(t, lossyLink,
				ServerConfig{Width: 80, Height: height, HistoryLines: 10000},
				ClientConfig{Width: 80, Height: height, HistoryLines: 10000})
			waitFrame(t, cli, 10*time.Second, "the first server state", func(f Frame) bool { return !f.Status.Connecting })
			printSeq(pty, 5000)
			const mark = 5000 - (height - 1) // lines scrolled off before the clear
			if tc.caughtUp {
				waitFrame(t, cli, 60*time.Second, "the history before the clear", func(f Frame) bool { return f.History.End() >= mark })
			}
			pty.out <- []byte(tc.clear)
			printRange(pty, 5001, 5100)
			f := waitFrame(t, cli, 60*time.Second, "the history after the clear", func(f Frame) bool {
				return vttest.Lines(f.FB)[height-2] == "5100" && f.History.End() >= uint64(mark+tc.wantTo-tc.wantFrom+1)
			})
			h := f.History
			if h.Cleared() != mark || h.First() != mark || !h.Synced || h.Incomplete {
				t.Errorf("history from %d, cleared %d, synced %v, incomplete %v; want from %d, cleared %d, synced, complete",
					h.First(), h.Cleared(), h.Synced, h.Incomplete, mark, mark)
			}
			got := historyLines(h)
			var want []string
			for i := tc.wantFrom; i <= tc.wantTo; i++ {
				want = append(want, fmt.Sprint(i))
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("history = %d lines %q, want %d lines %s…%s", len(got), got, len(want), want[0], want[len(want)-1])
			}
		})
	}
}

// Hyperlinks in the history reach the client with their targets: the
// Roam client announces link tables, and the server's lines refer to them.
func TestHistoryLinksReachClient(t *testing.T) {
	cli, pty := udpSession(t, lossyLink,
		ServerConfig{Width: 40, Height: 5, HistoryLines: 1000},
		ClientConfig{Width: 40, Height: 5, HistoryLines: 1000})
	waitFrame(t, cli, 10*time.Second, "the first server state", func(f Frame) bool { return !f.Status.Connecting })
	uri := "https://example.com/" + strings.Repeat("path/", 100)
	for i := range 300 {
		// One read a line: fakePTY truncates what exceeds a read.
		pty.out <- fmt.Appendf(nil, "\x1b]8;;%s%d\x07%d\x1b]8;;\x07\r\n", uri, i%3, i)
	}
	f := waitFrame(t, cli, 30*time.Second, "the history", func(f Frame) bool { return f.History.End() >= 296 })
	for n := range uint64(296) {
		l, _ := f.History.Line(n)
		_, got := vt.LinkTarget(l.Row().Cells[0].Rend.Link)
		if want := fmt.Sprint(uri, n%3); l.Text() != fmt.Sprint(n) || got != want {
			t.Fatalf("line %d = %q linked to %q, want %q linked to …%s", n, l.Text(), got, fmt.Sprint(n), want[len(want)-8:])
		}
	}
}
