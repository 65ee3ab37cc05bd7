package statesync

import (
	"fmt"
	"strings"
	"testing"

	"github.com/roamterm/roam/protocol/wire"
	"github.com/roamterm/roam/vt"
)

func seqBytes(from, to int) []byte {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, "%d\r\n", i)
	}
	return []byte(b.String())
}

// A server state's history reaches a client in bounded steps, each diff
// reproducing its step exactly; repeated and stale diffs add nothing.
func TestHistorySteps(t *testing.T) {
	srv := NewComplete(20, 5)
	srv.KeepHistory(100000)
	srv.SendHistory()
	srv.Write(seqBytes(1, 5000))
	if got := srv.HistoryEnd(); got != 4996 {
		t.Fatalf("server history end %d, want 4996", got)
	}

	store := vt.NewHistory(100000)
	cli := NewComplete(20, 5)
	cli.ReceiveHistory(store)
	var diffs [][]byte
	steps := 0
	for !cli.Equal(srv) {
		step := srv.StepFrom(cli)
		if step.HistoryEnd() <= cli.HistoryEnd() {
			t.Fatalf("step %d makes no progress", steps)
		}
		diff := step.DiffFrom(cli)
		if len(diff) > MaxHistoryPerDiff+1024 {
			t.Errorf("step %d: diff of %d bytes", steps, len(diff))
		}
		next := cli.Clone()
		if err := next.Apply(diff); err != nil {
			t.Fatal(err)
		}
		if !next.Equal(step) {
			t.Fatalf("step %d: applying the diff does not give the step", steps)
		}
		if steps > 0 && !step.BackgroundFrom(cli) {
			t.Errorf("step %d: a history-only step is not background", steps)
		}
		diffs = append(diffs, diff)
		cli = next
		steps++
	}
	if steps < 5 {
		t.Errorf("%d steps: history not metered", steps)
	}
	// Replaying every diff on a fresh clone changes nothing.
	for _, d := range diffs {
		c := cli.Clone()
		if err := c.Apply(d); err != nil {
			t.Fatal(err)
		}
	}
	if store.First() != 0 || store.End() != 4996 || store.Gaps() {
		t.Fatalf("client history %d..%d gaps %v, want 0..4996 without gaps", store.First(), store.End(), store.Gaps())
	}
	for n := uint64(0); n < store.End(); n++ {
		if l, _ := store.Line(n); l.Text() != fmt.Sprint(n+1) {
			t.Fatalf("line %d = %q", n, l.Text())
		}
	}

	// A screen change is not background.
	srv.Write([]byte("x"))
	if srv.BackgroundFrom(cli) {
		t.Errorf("a screen change counts as background")
	}
}

// A server that keeps history sends none until asked, and a client sees
// whether it is sent.
func TestHistoryOnlyWhenAsked(t *testing.T) {
	srv := NewComplete(20, 5)
	srv.KeepHistory(100)
	srv.Write(seqBytes(1, 50))
	old := NewComplete(20, 5)
	cli := NewComplete(20, 5)
	if err := cli.Apply(srv.DiffFrom(old)); err != nil {
		t.Fatal(err)
	}
	if cli.HistorySynced() || cli.HistoryEnd() != 0 {
		t.Fatalf("history sent unasked")
	}
	srv.SendHistory()
	if err := cli.Apply(srv.StepFrom(cli).DiffFrom(cli)); err != nil {
		t.Fatal(err)
	}
	if !cli.HistorySynced() || cli.HistoryEnd() != 46 {
		t.Fatalf("after SendHistory: synced %v end %d, want true 46", cli.HistorySynced(), cli.HistoryEnd())
	}
}

// historyTexts returns the text of every line h holds, oldest first.
func historyTexts(h *vt.History) string {
	var out []string
	for n := h.First(); n < h.End(); n++ {
		l, _ := h.Line(n)
		out = append(out, l.Text())
	}
	return strings.Join(out, " ")
}

// ED 3 on the server clears the history of every client, whichever state
// it last had, and lines printed after it arrive; diffs from before the
// clear, applied late or again, bring nothing back.
func TestHistoryClear(t *testing.T) {
	srv := NewComplete(20, 3)
	srv.KeepHistory(1000)
	srv.SendHistory()
	srv.Write(seqBytes(1, 12)) // lines 1…10 scroll off
	before := srv.Clone()
	oldDiff := before.DiffFrom(NewComplete(20, 3))
	screen := srv.Framebuffer().Clone()
	srv.Write([]byte("\x1b[3J"))
	if !srv.Framebuffer().Equal(screen) {
		t.Fatalf("ED 3 changed the screen")
	}
	if srv.Equal(before) || srv.BackgroundFrom(before) {
		t.Fatalf("a clear alone is not a new state to send at once")
	}
	srv.Write(seqBytes(13, 14)) // lines 11 and 12 scroll off: numbers 10, 11

	for _, tc := range []struct {
		name string
		base *Complete // the client's state when the diff is made
	}{
		{"client had everything", before},
		{"server diffs from state 0 (acks lost)", NewComplete(20, 3)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := vt.NewHistory(1000)
			cli := NewComplete(20, 3)
			cli.ReceiveHistory(store)
			if err := cli.Apply(oldDiff); err != nil {
				t.Fatal(err)
			}
			base := cli
			if tc.base != before {
				base = NewComplete(20, 3)
				base.ReceiveHistory(store)
			}
			next := base.Clone()
			if err := next.Apply(srv.DiffFrom(tc.base)); err != nil {
				t.Fatal(err)
			}
			if !next.Equal(srv) {
				t.Fatalf("applying the diff does not give the server's state")
			}
			// The pre-clear diff again, late, on the pre-clear state.
			if err := cli.Clone().Apply(oldDiff); err != nil {
				t.Fatal(err)
			}
			if got := historyTexts(store); got != "11 12" || store.First() != 10 || store.Cleared() != 10 || store.Gaps() {
				t.Errorf("client history %q from %d, cleared %d, gaps %v; want \"11 12\" from 10, cleared 10, no gaps",
					got, store.First(), store.Cleared(), store.Gaps())
			}
		})
	}
}

// The clear mark rides along with metered history steps and is sent once.
func TestHistoryClearWithSteps(t *testing.T) {
	srv := NewComplete(20, 3)
	srv.KeepHistory(100000)
	srv.SendHistory()
	srv.Write(seqBytes(1, 100))
	srv.Write([]byte("\x1b[3J"))
	srv.Write(seqBytes(101, 3000))
	store := vt.NewHistory(100000)
	cli := NewComplete(20, 3)
	cli.ReceiveHistory(store)
	clears := 0
	for steps := 0; !cli.Equal(srv); steps++ {
		if steps > 1000 {
			t.Fatal("no convergence")
		}
		diff := srv.StepFrom(cli).DiffFrom(cli)
		var msg wire.HostMessage
		if err := msg.Unmarshal(diff); err != nil {
			t.Fatal(err)
		}
		for _, inst := range msg.Instructions {
			if inst.History != nil && inst.History.ClearedBefore != 0 {
				clears++
			}
		}
		next := cli.Clone()
		if err := next.Apply(diff); err != nil {
			t.Fatal(err)
		}
		cli = next
	}
	if clears != 1 {
		t.Errorf("the clear mark went out in %d diffs, want 1", clears)
	}
	if store.First() != 98 || store.End() != 2998 || store.Gaps() {
		t.Fatalf("client history %d..%d gaps %v, want 98..2998", store.First(), store.End(), store.Gaps())
	}
	if l, _ := store.Line(98); l.Text() != "99" {
		t.Errorf("first line after the clear = %q, want \"99\"", l.Text())
	}
}

// History lines carry hyperlinks as IDs with one definition per diff to
// clients that take link tables, and with their targets written out to
// the others; both store the same links.
func TestHistoryLinks(t *testing.T) {
	uri := "https://example.com/" + strings.Repeat("long/path/", 30)
	var out strings.Builder
	for i := range 200 {
		fmt.Fprintf(&out, "\x1b]8;id=%d;%s\x07link\x1b]8;;\x07 %d\r\n", i%2, uri, i)
	}
	sizes := map[bool]int{}
	for _, tables := range []bool{true, false} {
		srv := NewComplete(40, 5)
		srv.KeepHistory(1000)
		srv.SendHistory()
		if tables {
			srv.SendLinkTables()
		}
		srv.Write([]byte(out.String()))
		store := vt.NewHistory(1000)
		cli := NewComplete(40, 5)
		cli.ReceiveHistory(store)
		for !cli.Equal(srv) {
			diff := srv.StepFrom(cli).DiffFrom(cli)
			sizes[tables] += len(diff)
			var msg wire.HostMessage
			if err := msg.Unmarshal(diff); err != nil {
				t.Fatal(err)
			}
			maxLinks := 0 // self-contained lines need no definitions
			if tables {
				maxLinks = 2 // id=0 and id=1, once each
			}
			for _, inst := range msg.Instructions {
				if h := inst.History; h != nil && len(h.Links) > maxLinks {
					t.Fatalf("tables %v: a diff defines %d links, want at most %d", tables, len(h.Links), maxLinks)
				}
			}
			next := cli.Clone()
			if err := next.Apply(diff); err != nil {
				t.Fatal(err)
			}
			cli = next
		}
		if store.End() != 196 {
			t.Fatalf("tables %v: client history ends at %d, want 196", tables, store.End())
		}
		for n := range store.End() {
			l, _ := store.Line(n)
			want := vt.InternLink(fmt.Sprintf("id=%d", n%2), uri)
			if c := l.Row().Cells; c[0].Rend.Link != want || c[5].Rend.Link != 0 || l.Text() != fmt.Sprintf("link %d", n) {
				t.Fatalf("tables %v: line %d = %q with links %d, %d; want link %d on \"link\" only",
					tables, n, l.Text(), c[0].Rend.Link, c[5].Rend.Link, want)
			}
		}
	}
	t.Logf("history of 196 linked lines: %d bytes of diffs with link tables, %d without", sizes[true], sizes[false])
	if sizes[true]*4 > sizes[false] {
		t.Errorf("diffs with link tables take %d bytes, without %d: want at most a quarter", sizes[true], sizes[false])
	}
}

// A flood that drops lines from the history faster than steps carry them
// sends screens alone; when it stops, the lines the history kept reach
// the client in order and without gaps, after the one gap the flood made.
// Slow output on a full history is never held back.
func TestHistoryHeldWhileFloodOutruns(t *testing.T) {
	const limit = 1000
	srv := NewComplete(20, 5)
	srv.KeepHistory(limit)
	srv.SendHistory()
	store := vt.NewHistory(limit)
	cli := NewComplete(20, 5)
	cli.ReceiveHistory(store)
	// send applies one step to the client, as a frame would.
	send := func() (lines uint64) {
		t.Helper()
		step := srv.StepFrom(cli)
		before := cli.HistoryEnd()
		next := cli.Clone()
		if err := next.Apply(step.DiffFrom(cli)); err != nil {
			t.Fatal(err)
		}
		if !next.Equal(step) {
			t.Fatal("applying the diff does not give the step")
		}
		cli = next
		return cli.HistoryEnd() - before
	}

	line := 1
	write := func(n int) {
		srv.Write(seqBytes(line, line+n-1))
		line += n
	}
	write(2000) // fills the history: 1996 lines scrolled off, 996 dropped
	for steps := 0; !cli.Equal(srv); steps++ {
		if steps > 100 {
			t.Fatal("the history never caught up")
		}
		send()
	}
	for range 10 {
		write(3000)
		if got := send(); got != 0 {
			t.Fatalf("during the flood a step carried %d history lines, want none", got)
		}
		if !cli.Framebuffer().Equal(srv.Framebuffer()) {
			t.Fatal("during the flood the screen was not sent")
		}
	}
	// The flood is over: the prompt comes back.
	srv.Write([]byte("$ "))
	for steps := 0; !cli.Equal(srv); steps++ {
		if steps > 100 {
			t.Fatal("the history never caught up")
		}
		send()
	}
	if store.First() != srv.history.First() || store.End() != srv.HistoryEnd() {
		t.Fatalf("client history %d..%d, want the server's %d..%d", store.First(), store.End(), srv.history.First(), srv.HistoryEnd())
	}
	for n := store.First(); n < store.End(); n++ {
		if l, _ := store.Line(n); l.Text() != fmt.Sprint(n+1) {
			t.Fatalf("line %d = %q, want %d", n, l.Text(), n+1)
		}
	}

	// One line a frame on a full history goes out at once.
	for range 20 {
		write(1)
		if got := send(); got != 1 {
			t.Fatalf("slow output: a step carried %d lines, want 1", got)
		}
	}
}
