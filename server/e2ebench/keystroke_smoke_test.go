package e2ebench

import "testing"

// TestKeystrokeSmoke replays the first 60 keystrokes of the typing trace
// into every pairing at once, to prove the replay harness works: bash is
// set up, predictions are seen on every client's screen within 5 ms and
// judged, and Roam's client shows most typed characters instantly.
func TestKeystrokeSmoke(t *testing.T) {
	h := loadHarness(t)
	out, errs := h.replayAll(replayTrace(1, 60))
	for p, err := range errs {
		t.Errorf("%v: %v", p, err)
	}
	for p, r := range out {
		t.Logf("%v: %d of %d echoed characters within 5 ms, %d mispredicted, %d confirmed, %d unjudged",
			p, r.instant, r.echoed, r.mispredicted, r.confirmed, r.unjudged)
		if r.instant == 0 || r.confirmed == 0 {
			t.Errorf("%v: %d characters shown within 5 ms, %d confirmed; want some of each at 500 ms RTT", p, r.instant, r.confirmed)
		}
		if p.client == roam && r.instantShare() < 0.5 {
			t.Errorf("%v: %.0f%% shown within 5 ms, want ≥ 50%%", p, 100*r.instantShare())
		}
		if r.mispredicted > r.echoed/10 {
			t.Errorf("%v: %d of %d mispredicted", p, r.mispredicted, r.echoed)
		}
		if r.clientCPU <= 0 || r.clientRSS == 0 {
			t.Errorf("%v: client CPU %v, RSS %d", p, r.clientCPU, r.clientRSS)
		}
	}
}
