package statesync

import (
	"fmt"
	"strings"
	"testing"

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
