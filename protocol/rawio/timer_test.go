package rawio

import (
	"runtime"
	"testing"
	"time"
)

// tickWithin reports whether t ticks within limit (a generous bound: the
// test checks that a tick comes, not when).
func tickWithin(t *Timer, limit time.Duration) bool {
	select {
	case <-t.C:
		return true
	case <-time.After(limit):
		return false
	}
}

func TestTimer(t *testing.T) {
	tests := []struct {
		name  string
		reset []time.Duration // successive Resets; the last decides
		tick  bool            // a tick comes within 2 s
	}{
		{"zero ticks at once", []time.Duration{0}, true},
		{"negative ticks at once", []time.Duration{-time.Second}, true},
		{"short", []time.Duration{10 * time.Millisecond}, true},
		{"reset moves it earlier", []time.Duration{time.Hour, 5 * time.Millisecond}, true},
		{"reset moves it later", []time.Duration{0, time.Hour}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm := NewTimer()
			defer tm.Stop()
			for _, d := range tt.reset {
				tm.Reset(d)
				if d <= 0 {
					// Let an immediate expiry be read and queued, so
					// the next Reset has a pending tick to discard.
					time.Sleep(20 * time.Millisecond)
				}
			}
			limit := 2 * time.Second
			if !tt.tick {
				limit = 200 * time.Millisecond
			}
			if got := tickWithin(tm, limit); got != tt.tick {
				t.Errorf("ticked %v, want %v", got, tt.tick)
			}
		})
	}
}

func TestTimerRepeats(t *testing.T) {
	tm := NewTimer()
	defer tm.Stop()
	for i := range 5 {
		tm.Reset(time.Millisecond)
		if !tickWithin(tm, 2*time.Second) {
			t.Fatalf("no tick after reset %d", i)
		}
	}
}

func TestTimerUsesDescriptorOnLinux(t *testing.T) {
	tm := NewTimer()
	defer tm.Stop()
	if got, want := tm.fd != nil, runtime.GOOS == "linux"; got != want {
		t.Errorf("timerfd in use %v, want %v", got, want)
	}
}

func TestTimerArm(t *testing.T) {
	t.Run("the same deadline again is left alone", func(t *testing.T) {
		tm := NewTimer()
		defer tm.Stop()
		now := time.Now()
		deadline := now.Add(20 * time.Millisecond)
		tm.Arm(deadline, now)
		// Re-armed with a clock an hour behind: a timer set anew would
		// be an hour out, so a tick shows the deadline was kept.
		tm.Arm(deadline, now.Add(-time.Hour))
		if !tickWithin(tm, 2*time.Second) {
			t.Error("no tick: re-arming the same deadline moved it")
		}
	})
	t.Run("a passed deadline armed again ticks again", func(t *testing.T) {
		tm := NewTimer()
		defer tm.Stop()
		now := time.Now()
		deadline := now.Add(time.Millisecond)
		tm.Arm(deadline, now)
		if !tickWithin(tm, 2*time.Second) {
			t.Fatal("no first tick")
		}
		// A loop whose deadline did not move after the tick (nothing
		// was due yet on its clock) must still be woken.
		tm.Arm(deadline, time.Now())
		if !tickWithin(tm, 2*time.Second) {
			t.Error("no tick for the same deadline after it passed")
		}
	})
	t.Run("a new deadline replaces the old", func(t *testing.T) {
		tm := NewTimer()
		defer tm.Stop()
		now := time.Now()
		tm.Arm(now.Add(5*time.Millisecond), now)
		tm.Arm(now.Add(time.Hour), now)
		if tickWithin(tm, 200*time.Millisecond) {
			t.Error("ticked at the replaced deadline")
		}
	})
	t.Run("Reset forgets the armed deadline", func(t *testing.T) {
		tm := NewTimer()
		defer tm.Stop()
		now := time.Now()
		deadline := now.Add(5 * time.Millisecond)
		tm.Arm(deadline, now)
		tm.Reset(time.Hour)
		tm.Arm(deadline, now)
		if !tickWithin(tm, 2*time.Second) {
			t.Error("no tick: Arm skipped a deadline that Reset had replaced")
		}
	})
}
