package faults

import (
	"fmt"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
)

// 10,000 numbered lines over a link losing 10, 30 or 50 % of the datagrams
// each way at 100 ms round trip: roam ends on the same screen as the
// direct run. The bound at 50 % is generous: a quarter of the round trips
// succeed.
func TestLoss(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		loss    float64
		timeout time.Duration
	}{
		{0.10, 2 * time.Minute},
		{0.30, 3 * time.Minute},
		{0.50, 5 * time.Minute},
	} {
		t.Run(fmt.Sprintf("%.0f%%", c.loss*100), func(t *testing.T) {
			t.Parallel()
			imp := linktest.Impairment{Delay: 50 * time.Millisecond, Loss: c.loss}
			r := startRig(t, rigOptions{
				workload: numbered(10000, 50*time.Millisecond),
				relay:    &linktest.Config{Seed: 8, ToServer: imp, ToClient: imp},
			})
			start := time.Now()
			r.waitDone(t, c.timeout)
			r.sameScreen(t, c.timeout)
			st := r.relay.Stats()
			t.Logf("screen right after %v; to server %d/%d datagrams dropped, to client %d/%d",
				time.Since(start).Round(time.Millisecond), st.ToServer.Dropped, st.ToServer.Received,
				st.ToClient.Dropped, st.ToClient.Received)
			if st.ToClient.Dropped == 0 || st.ToServer.Dropped == 0 {
				t.Errorf("the relay dropped nothing: %+v", st)
			}
		})
	}
}

// The client's address changes ten times while output flows (the relay's
// upstream socket moves between 127.0.0.2, 127.0.0.3, … or, over IPv6,
// to a new port of ::1, the only IPv6 loopback address): nothing is lost.
func TestRoaming(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		ipv6 bool
		addr func(i int) string
	}{
		{"IPv4", false, func(i int) string { return fmt.Sprintf("127.0.0.%d:0", 2+i%2) }},
		{"IPv6", true, func(int) string { return "[::1]:0" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := startRig(t, rigOptions{
				workload: numbered(3000, 100*time.Millisecond),
				relay:    &linktest.Config{Seed: 8},
				ipv6:     c.ipv6,
			})
			seen := map[string]bool{r.relay.UpstreamLocalAddr().String(): true}
			for i := range 10 {
				time.Sleep(300 * time.Millisecond)
				if err := r.relay.Rebind(c.addr(i)); err != nil {
					t.Fatal(err)
				}
				seen[r.relay.UpstreamLocalAddr().String()] = true
			}
			if len(seen) != 11 {
				t.Errorf("the server saw %d distinct client addresses, want 11: %v", len(seen), seen)
			}
			r.waitDone(t, screenTimeout)
			r.sameScreen(t, screenTimeout)
			r.usable(t)
		})
	}
}

// The link goes down for 30 s (5 minutes in the soak) during output and
// comes back: the session resumes and nothing is lost.
func TestLinkPause(t *testing.T) {
	t.Parallel()
	pause := 30 * time.Second
	if soak {
		pause = 5 * time.Minute
	}
	r := startRig(t, rigOptions{workload: numbered(3000, 100*time.Millisecond), relay: &linktest.Config{Seed: 8}})
	time.Sleep(time.Second)
	r.relay.Pause()
	sleepPhase(t, "link down", pause)
	if s := screenText(t, r.remote); !hasPrefixLine(s, "roam: Last contact") {
		t.Errorf("no \"Last contact\" bar while the link was down:\n%s", s)
	}
	r.relay.Resume()
	r.waitDone(t, screenTimeout)
	r.sameScreen(t, screenTimeout)
	r.usable(t)
}
