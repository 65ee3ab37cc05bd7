package interop

import (
	"net/netip"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

// lossyTimeout bounds each step over the lossy link.
const lossyTimeout = 90 * time.Second

// Through a link that loses 30 % of the datagrams each way and delays
// each by 100 ms (200 ms round trip), 3000 numbered lines printed over a
// few seconds (so that many frames cross the link) end with the screen a
// direct run shows: the last lines, nothing lost or repeated.
func TestLossyLink(t *testing.T) {
	t.Parallel()
	imp := linktest.Impairment{Loss: 0.3, Delay: 100 * time.Millisecond}
	var relay *linktest.Relay
	s := startSession(t, sessionOptions{
		path: func(server netip.AddrPort) netip.AddrPort {
			var err error
			relay, err = linktest.NewRelay(server, linktest.Config{Seed: 3, ToServer: imp, ToClient: imp})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { relay.Close() })
			return relay.Addr()
		},
	})
	const command = "for i in $(seq 0 29); do seq $((i*100+1)) $((i*100+100)); sleep 0.1; done"

	direct := directShell(t)
	run(t, direct, command)
	vttest.WaitLine(t, direct, "3000", screenTimeout)
	want := waitScreen(t, direct, nil, screenTimeout)

	run(t, s.tm, command)
	got := waitScreen(t, s.tm, want, lossyTimeout)
	if d := vttest.Diff(want, got); d != "" {
		t.Errorf("the final screen over the lossy link differs from a direct run (want = direct, got = mosh):\n%s", d)
	}
	st := relay.Stats()
	t.Logf("relay: to server %+v; to client %+v", st.ToServer, st.ToClient)
	if st.ToServer.Dropped == 0 || st.ToClient.Dropped == 0 {
		t.Errorf("the relay lost nothing; the test proves nothing: %+v", st)
	}
}

// waitScreen waits until the pane shows want (see vttest.Diff) or, with a
// nil want, until it ends with the bare prompt, and returns that screen.
// On timeout it fails the test with the last difference.
func waitScreen(t *testing.T, tm *vttest.Tmux, want *vt.Framebuffer, timeout time.Duration) *vt.Framebuffer {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := screen(t, tm)
		var d string
		if want != nil {
			d = vttest.Diff(want, got)
		} else if last := lastRow(got); last != prompt[:len(prompt)-1] {
			d = "last row " + last
		}
		if d == "" {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v the screen still differs (want = direct, got = pane):\n%s", timeout, d)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// lastRow is the last non-blank row of fb.
func lastRow(fb *vt.Framebuffer) string {
	lines := vttest.Lines(fb)
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i] != "" {
			return lines[i]
		}
	}
	return ""
}
