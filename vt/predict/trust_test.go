package predict

import (
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestEchoedRun(t *testing.T) {
	for _, tc := range []struct {
		name   string
		screen string // the row; the cursor ends after it
		run    string
		acked  int // characters of the run the server has had for 50 ms
		want   int
		ok     bool
	}{
		{"nothing echoed", "$ ", "ab", 0, 0, true},
		{"acked part echoed", "$ a", "ab", 1, 1, true},
		{"more than the acked part echoed", "$ ab", "abc", 1, 2, true},
		{"acked part missing", "$ x", "ab", 1, 0, false},
		{"echo or coincidence", "$ a", "ab", 0, 0, false},
		{"repeated letter", "$ l", "ll", 0, 0, false},
		{"repeated letter, acked", "$ l", "ll", 1, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emu := vt.NewEmulator(20, 3)
			emu.Write([]byte(tc.screen))
			fb := emu.Framebuffer()
			e := New(Options{})
			for _, r := range tc.run {
				e.run = append(e.run, queued{r: r, w: 1})
			}
			got, ok := e.echoedRun(fb, fb.Cursor.Row, fb.Cursor.Col, tc.acked)
			if got != tc.want || ok != tc.ok {
				t.Errorf("echoedRun = %d, %v; want %d, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}
