//go:build unix

package tty_test

import (
	"fmt"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

// numberedLines returns the lines of a capture that are plain numbers.
func numberedLines(capture string) []int {
	var out []int
	for _, line := range strings.Split(capture, "\n") {
		if n, err := strconv.Atoi(strings.TrimSpace(line)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// With roam-server, roam draws on the primary screen and writes each line
// that scrolls off into the terminal's own scrollback, once and in order,
// even over a lossy link (20 % loss each way, 100 ms round trip): tmux's
// history then holds the whole output of `seq 1 50000`.
func TestHistoryIntoTerminalScrollback(t *testing.T) {
	const lines = 50000
	const bound = "ROAM_HISTORY_LINES=60000"
	srv := servertest.Start(t, filepath.Join(bin, "roam-server"), servertest.Env(t.TempDir(), prompt, bound),
		"new", "-i", "127.0.0.1", "-p", "0", "--", "/bin/bash", "--norc", "--noprofile")
	imp := linktest.Impairment{Delay: 50 * time.Millisecond, Loss: 0.2}
	relay, err := linktest.NewRelay(netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(srv.Port)),
		linktest.Config{Seed: 3, ToServer: imp, ToClient: imp})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { relay.Close() })
	tm := vttest.StartTmux(t, vttest.TmuxOptions{Width: 80, Height: 24, HistoryLimit: 2 * lines,
		Command: srv.ClientScript(t, servertest.ClientOptions{Addr: relay.Addr(), Env: []string{bound}})})
	if _, err := tm.WaitForText(strings.TrimSpace(prompt), 20*time.Second); err != nil {
		t.Fatal(err)
	}
	if alt, err := tm.Display("#{alternate_on}"); err != nil || strings.TrimSpace(alt) != "0" {
		t.Errorf("alternate screen on = %q (%v), want 0: roam should draw on the primary screen", alt, err)
	}

	start := time.Now()
	send(t, tm, fmt.Sprintf("seq 1 %d; echo seq-done", lines), "Enter")
	var got []int
	deadline := start.Add(100 * time.Second)
	for {
		capture, err := tm.CaptureHistory(false)
		if err != nil {
			t.Fatal(err)
		}
		got = numberedLines(capture)
		if len(got) >= lines && vttest.HasLine(capture, "seq-done") || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Second)
	}
	t.Logf("%d numbered lines in the terminal after %v", len(got), time.Since(start))
	for i, n := range got {
		if n != i+1 {
			t.Fatalf("line %d of the output in the terminal is %d, want %d (%d lines in all)", i, n, i+1, len(got))
		}
	}
	if len(got) != lines {
		t.Fatalf("the terminal holds %d lines of the output, want %d", len(got), lines)
	}
	send(t, tm, "exit", "Enter")
	vttest.WaitLine(t, tm, servertest.ExitStatusLine(0), 15*time.Second)
}

// A flood that outruns the server's history (`seq 1 300000` with 3000
// lines kept) leaves in the terminal's scrollback the lines that
// scrolled off before the flood outran the history, then the last lines
// the history kept, in order: no fragments of the middle of the flood
// with gaps between them.
func TestHistoryFloodInTerminalScrollback(t *testing.T) {
	const lines, kept = 300000, 3000
	bound := fmt.Sprintf("ROAM_HISTORY_LINES=%d", kept)
	srv := servertest.Start(t, filepath.Join(bin, "roam-server"), servertest.Env(t.TempDir(), prompt, bound),
		"new", "-i", "127.0.0.1", "-p", "0", "--", "/bin/bash", "--norc", "--noprofile")
	tm := vttest.StartTmux(t, vttest.TmuxOptions{Width: 80, Height: 24, HistoryLimit: 10 * kept,
		Command: srv.ClientScript(t, servertest.ClientOptions{Env: []string{bound}})})
	if _, err := tm.WaitForText(strings.TrimSpace(prompt), 20*time.Second); err != nil {
		t.Fatal(err)
	}
	send(t, tm, fmt.Sprintf("seq 1 %d; echo flood-done", lines), "Enter")
	vttest.WaitLine(t, tm, "flood-done", 60*time.Second)
	// runs splits numbers into runs of consecutive ones.
	runs := func(got []int) [][2]int {
		var out [][2]int
		for i, n := range got {
			if i > 0 && n == got[i-1]+1 {
				out[len(out)-1][1] = n
				continue
			}
			out = append(out, [2]int{n, n})
		}
		return out
	}
	var got []int
	deadline := time.Now().Add(60 * time.Second)
	for {
		capture, err := tm.CaptureHistory(false)
		if err != nil {
			t.Fatal(err)
		}
		got = numberedLines(capture)
		if r := runs(got); len(r) > 0 && r[len(r)-1][1] == lines && r[len(r)-1][1]-r[len(r)-1][0] >= kept ||
			time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	r := runs(got)
	t.Logf("%d numbered lines in the terminal, in %d runs: %v…", len(got), len(r), r[:min(len(r), 5)])
	if len(r) == 0 || r[len(r)-1][1] != lines || r[len(r)-1][1]-r[len(r)-1][0] < kept {
		t.Fatalf("the terminal does not end with the %d lines the history kept, up to %d: runs %v", kept, lines, r[max(len(r)-3, 0):])
	}
	if len(r) > 2 || len(r) == 2 && r[0][0] != 1 {
		t.Fatalf("the terminal holds %d runs of the output (%v…), want the head of it and its tail", len(r), r[:min(len(r), 5)])
	}
}

// ED 3 on the server erases what roam wrote into the terminal's
// scrollback, and the lines that scroll off afterwards are written there
// again: tmux's history then holds only output from the clear on.
func TestHistoryClearInTerminalScrollback(t *testing.T) {
	tm := startClient(t, startServer(t, "roam-server"), 80, 24, servertest.ClientOptions{})
	send(t, tm, "seq 1 300; echo before-done", "Enter")
	vttest.WaitLine(t, tm, "before-done", 20*time.Second)
	// The history reached the terminal before the clear: the test can
	// fail for the right reason.
	deadline := time.Now().Add(20 * time.Second)
	for {
		capture, err := tm.CaptureHistory(false)
		if err != nil {
			t.Fatal(err)
		}
		if got := numberedLines(capture); len(got) > 0 && got[0] == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("line 1 never reached the terminal's scrollback:\n%s", capture)
		}
		time.Sleep(200 * time.Millisecond)
	}
	send(t, tm, `printf '\033[3J'; seq 1001 1100; echo after-done`, "Enter")
	vttest.WaitLine(t, tm, "after-done", 20*time.Second)
	capture, err := tm.CaptureHistory(false)
	if err != nil {
		t.Fatal(err)
	}
	got := numberedLines(capture)
	// What the screen showed at the clear (the end of seq 1 300) may
	// scroll into the scrollback afterwards, then 1001…1100, in order.
	var after []int
	for i, n := range got {
		if n < 250 {
			t.Fatalf("line %d of the terminal is %d: the scrollback was not cleared (%d numbered lines)", i, n, len(got))
		}
		if n > 1000 {
			after = append(after, n)
		}
	}
	if len(after) != 100 || after[0] != 1001 || after[99] != 1100 {
		t.Fatalf("the terminal holds %d lines of the second seq (%v…), want 1001…1100", len(after), after[:min(len(after), 3)])
	}
	for i, n := range after {
		if n != 1001+i {
			t.Fatalf("line %d after the clear is %d, want %d", i, n, 1001+i)
		}
	}
}
