package transporttest

import (
	"testing"
	"time"
)

func TestLog(t *testing.T) {
	var a Log
	a.Append('a', 'b')
	b := a.Clone()
	b.Append('c', 'd')
	if d := b.DiffFrom(&a); string(d) != "cd" {
		t.Fatalf("DiffFrom = %q, want cd", d)
	}
	b.Subtract(&a)
	if b.Len() != 4 || string(b.Held()) != "cd" || string(b.DiffFrom(&a)) != "cd" {
		t.Errorf("after Subtract: len %d holding %q", b.Len(), b.Held())
	}
	a.Subtract(&a)
	if a.Len() != 2 || len(a.Held()) != 0 {
		t.Errorf("self-subtract: len %d holding %q", a.Len(), a.Held())
	}
	c := &Log{}
	c.Append('a', 'b', 'c', 'd')
	if !b.Equal(c) || !c.Equal(b) || a.Equal(c) {
		t.Error("Equal disagrees with the logs' contents")
	}
}

func TestValue(t *testing.T) {
	v := &Value{V: []byte("x")}
	var w Value
	if err := w.Apply(v.DiffFrom(&w)); err != nil || !w.Equal(v) {
		t.Errorf("Apply(DiffFrom) = %q, %v", w.V, err)
	}
	if d := v.DiffFrom(&w); d != nil {
		t.Errorf("diff of equal values = %q", d)
	}
	if err := w.Apply([]byte("junk")); err == nil {
		t.Error("Apply accepted a malformed diff")
	}
}

// echo is an Endpoint that records what it receives.
type echo struct {
	got []time.Time
}

func (e *echo) Recv(payload []byte, now time.Time) error { e.got = append(e.got, now); return nil }
func (e *echo) Tick(time.Time) error                     { return nil }
func (e *echo) WaitTime(time.Time) time.Duration         { return time.Hour }

func TestSimDelayLossDuplicate(t *testing.T) {
	start := time.Unix(1000, 0)
	tests := []struct {
		name      string
		link      LinkConfig
		wantCount func(n int) bool
	}{
		{"clean", LinkConfig{Delay: 50 * time.Millisecond}, func(n int) bool { return n == 1000 }},
		{"30% loss", LinkConfig{Delay: 50 * time.Millisecond, Loss: 0.3}, func(n int) bool { return n > 620 && n < 780 }},
		{"duplicates", LinkConfig{Delay: 50 * time.Millisecond, Duplicate: 0.5}, func(n int) bool { return n > 1400 && n < 1600 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := NewSim(start, tc.link, 1)
			var a, b echo
			sim.Attach(&a, &b)
			for range 1000 {
				sim.Conns[0].Send([]byte{1}, start)
			}
			if _, err := sim.Run(start.Add(time.Second), nil); err != nil {
				t.Fatal(err)
			}
			if !tc.wantCount(len(b.got)) || len(a.got) != 0 {
				t.Fatalf("delivered %d to b and %d to a", len(b.got), len(a.got))
			}
			for _, at := range b.got {
				if at.Sub(start) != tc.link.Delay {
					t.Fatalf("delivered after %v, want %v", at.Sub(start), tc.link.Delay)
				}
			}
		})
	}
}
