package conn

import (
	"testing"
	"time"
)

func TestPortHopDue(t *testing.T) {
	t0 := time.Unix(1000, 0)
	const s = time.Second
	tests := []struct {
		name      string
		roundTrip time.Duration // < 0: none yet
		at        time.Duration
		want      bool
	}{
		{"fresh socket", -1, 5 * s, false},
		{"exactly 10 s is not more than 10 s", -1, 10 * s, false},
		{"no round trip ever, 10 s passed", -1, 10*s + time.Millisecond, true},
		{"recent round trip", 5 * s, 11 * s, false},
		{"round trip exactly 10 s ago", 1 * s, 11 * s, false},
		{"round trip long ago", 0, 11 * s, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newPortHopper(t0)
			if tt.roundTrip >= 0 {
				h.roundTripSucceeded(t0.Add(tt.roundTrip))
			}
			if got := h.hopDue(t0.Add(tt.at)); got != tt.want {
				t.Fatalf("hopDue = %v, want %v", got, tt.want)
			}
			if tt.want && !h.lastChoice.Equal(t0.Add(tt.at)) {
				t.Fatalf("lastChoice %v not updated", h.lastChoice)
			}
		})
	}
}

// TestPortHopSequence replays a dead link: without round trips the client
// hops every 10 s, then the acknowledgment of an old state (sent before the
// last hop) does not stop hopping, but a recent one does.
func TestPortHopSequence(t *testing.T) {
	t0 := time.Unix(1000, 0)
	h := newPortHopper(t0)
	var hops []int
	for sec := 1; sec <= 40; sec++ {
		if sec == 25 {
			h.roundTripSucceeded(t0.Add(2 * time.Second)) // old state finally acked
		}
		if sec == 34 {
			h.roundTripSucceeded(t0.Add(33 * time.Second))
		}
		if sec == 30 {
			h.roundTripSucceeded(t0.Add(1 * time.Second)) // older than the newest: ignored
		}
		if h.hopDue(t0.Add(time.Duration(sec) * time.Second)) {
			hops = append(hops, sec)
		}
	}
	want := []int{11, 22, 33}
	if len(hops) != len(want) || hops[0] != 11 || hops[1] != 22 || hops[2] != 33 {
		t.Fatalf("hops at %v s, want %v", hops, want)
	}
}

func TestPortHopExcess(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tests := []struct {
		name string
		age  time.Duration // of the newest socket
		open int
		want int
	}{
		{"one socket is never closed", time.Hour, 1, 0},
		{"young newest keeps old ones", 30 * time.Second, 5, 0},
		{"60 s is not more than 60 s", 60 * time.Second, 5, 0},
		{"old newest closes all others", 60*time.Second + time.Millisecond, 5, 4},
		{"at most 10 kept", time.Second, 11, 1},
		{"at most 10 kept, 13 open", time.Second, 13, 3},
		{"10 open is fine", time.Second, 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newPortHopper(t0)
			if got := h.excess(t0.Add(tt.age), tt.open); got != tt.want {
				t.Fatalf("excess = %d, want %d", got, tt.want)
			}
		})
	}
}
