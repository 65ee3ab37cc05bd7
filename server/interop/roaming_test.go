package interop

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/vt/vttest"
)

// roamLines is how many numbered lines the roaming test prints, 20 ms
// apart: long enough to roam in the middle.
const roamLines = 150

// The client's datagrams move to a new source address (127.0.0.2, new
// port) while output is running: the server follows, the output arrives
// complete and a command typed afterwards works.
func TestRoaming(t *testing.T) {
	t.Parallel()
	var relay *linktest.Relay
	s := startSession(t, sessionOptions{
		path: func(server netip.AddrPort) netip.AddrPort {
			var err error
			relay, err = linktest.NewRelay(server, linktest.Config{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { relay.Close() })
			return relay.Addr()
		},
	})
	oldAddr := relay.UpstreamLocalAddr()
	run(t, s.tm, fmt.Sprintf("for i in $(seq 1 %d); do echo roam-$i; sleep 0.02; done; echo roam-end-$((6*7))", roamLines))
	vttest.WaitLine(t, s.tm, "roam-30", screenTimeout)
	if err := relay.Rebind("127.0.0.2:0"); err != nil {
		t.Fatal(err)
	}
	newAddr := relay.UpstreamLocalAddr()
	if newAddr.Addr() != netip.MustParseAddr("127.0.0.2") {
		t.Fatalf("relay rebound to %v, want 127.0.0.2", newAddr)
	}
	t.Logf("client moved from %v to %v", oldAddr, newAddr)
	if plain, _ := s.tm.Capture(false); vttest.HasLine(plain, "roam-end-42") {
		t.Fatal("the output ended before the client moved; the test proves nothing")
	}

	screen := vttest.WaitLine(t, s.tm, "roam-end-42", screenTimeout)
	// The lines before the end are the last ones printed, in order.
	lines := strings.Split(strings.TrimRight(screen, "\n "), "\n")
	end := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "roam-end-42" {
			end = i
		}
	}
	for i, n := end-1, roamLines; i >= 0 && n > roamLines-10; i, n = i-1, n-1 {
		if want := fmt.Sprintf("roam-%d", n); strings.TrimSpace(lines[i]) != want {
			t.Fatalf("row %d is %q, want %q:\n%s", i, lines[i], want, screen)
		}
	}
	s.typed(t, "after-roaming")
	if st := relay.Stats(); st.ToClient.Forwarded == 0 {
		t.Errorf("relay forwarded nothing to the client: %+v", st)
	}
}
