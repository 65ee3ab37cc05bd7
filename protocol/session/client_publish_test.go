package session

import (
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
)

// TestSameFrame: the times of last contact and last reply change with
// every heartbeat but draw nothing, so they alone must not make front
// ends redraw; anything drawn must.
func TestSameFrame(t *testing.T) {
	fb := vt.NewFramebuffer(80, 24)
	base := Frame{FB: fb, Status: Status{LastContact: time.Unix(100, 0), LastReply: time.Unix(90, 0)}}
	tests := []struct {
		name   string
		change func(f *Frame)
		same   bool
	}{
		{"nothing", func(*Frame) {}, true},
		{"last contact", func(f *Frame) { f.Status.LastContact = f.Status.LastContact.Add(3 * time.Second) }, true},
		{"last reply", func(f *Frame) { f.Status.LastReply = f.Status.LastReply.Add(3 * time.Second) }, true},
		{"notification", func(f *Frame) { f.Status.Notification = "roam: Last contact 7 seconds ago." }, false},
		{"shutting down", func(f *Frame) { f.Status.ShuttingDown = true }, false},
		{"screen", func(f *Frame) { f.FB = fb.Clone() }, false},
		{"repaint", func(f *Frame) { f.Repaints++ }, false},
		{"suspend", func(f *Frame) { f.Suspends++ }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := base
			tt.change(&f)
			if got := sameFrame(base, f); got != tt.same {
				t.Errorf("sameFrame = %v, want %v", got, tt.same)
			}
		})
	}
}
