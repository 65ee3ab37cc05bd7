package conn

import (
	"net/netip"
	"testing"
	"time"
)

func TestAssociation(t *testing.T) {
	t0 := time.Unix(1000, 0)
	a1 := netip.MustParseAddrPort("127.0.0.1:4000")
	a2 := netip.MustParseAddrPort("127.0.0.1:4001")
	type step struct {
		heard netip.AddrPort // zero: an expire check after a send
		at    time.Duration
		known bool
		peer  netip.AddrPort
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"unknown until heard", []step{{at: 0, known: false}, {heard: a1, at: 1, known: true, peer: a1}}},
		{"newest source wins", []step{{heard: a1, at: 0, known: true, peer: a1}, {heard: a2, at: 1, known: true, peer: a2}}},
		{"40 s of silence is still attached", []step{{heard: a1, at: 0, known: true, peer: a1}, {at: 40 * time.Second, known: true, peer: a1}}},
		{"just over 40 s detaches", []step{{heard: a1, at: 0, known: true, peer: a1}, {at: 40*time.Second + time.Millisecond, known: false, peer: a1}}},
		{"hearing again re-attaches", []step{
			{heard: a1, at: 0, known: true, peer: a1},
			{at: 41 * time.Second, known: false, peer: a1},
			{heard: a2, at: 50 * time.Second, known: true, peer: a2},
			{at: 89 * time.Second, known: true, peer: a2},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a association
			for i, s := range tt.steps {
				now := t0.Add(s.at)
				if s.heard.IsValid() {
					a.heard(s.heard, now)
				} else {
					a.expire(now)
				}
				if a.known != s.known || (s.known && a.peer != s.peer) {
					t.Fatalf("step %d: known %v peer %v; want %v %v", i, a.known, a.peer, s.known, s.peer)
				}
			}
		})
	}
}
