package tty

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

// numbered returns lines "from".."to"-1 as a terminal receives them.
func numbered(from, to int) string {
	var b strings.Builder
	for n := from; n < to; n++ {
		fmt.Fprintf(&b, "line %d\r\n", n)
	}
	return b.String()
}

// TestDisplayReproducesScreen draws the screens of a sending emulator
// through display into a receiving one, which must end up showing the
// same screen after every frame and, on the primary screen, hold the
// sender's history at the end of its scrollback. Drawing a frame that
// changes nothing visible must write nothing at all.
func TestDisplayReproducesScreen(t *testing.T) {
	const w, h = 20, 5
	steps := []struct {
		name, output string
	}{
		{"prompt", "$ "},
		{"typing", "ls"},
		{"a few lines", "\r\n" + numbered(1, 3) + "$ "},
		{"scroll by less than a screen", numbered(3, 6) + "$ "},
		{"scroll by more than a screen", numbered(6, 20) + "$ "},
		{"one line", "x\r\n$ "},
		{"nothing", ""},
		{"edit in place", "\x1b[2;1Hchanged\x1b[5;3H"},
		{"clear screen", "\x1b[H\x1b[2J$ "},
		{"fill the screen", "\x1b[H\x1b[2Jtop\r\nb\r\nc\r\nd\r\ne"},
		// The top row ends as it was before the scroll, which moved
		// another row there on the terminal.
		{"scroll, then restore the top row", "\r\nf\x1b[1;1Htop\x1b[K"},
	}
	for _, primary := range []bool{false, true} {
		t.Run(fmt.Sprintf("primary=%v", primary), func(t *testing.T) {
			src := vt.NewEmulator(w, h)
			var srcHist *vt.History
			if primary {
				srcHist = vt.NewHistory(100)
				src.SetHistory(srcHist)
			}
			dst := vt.NewEmulator(w, h)
			dstHist := vt.NewHistory(100)
			dst.SetHistory(dstHist)
			var out bytes.Buffer
			d := &display{out: &out, altScreen: true}
			d.open()
			for _, step := range steps {
				src.Write([]byte(step.output))
				f := session.Frame{FB: src.Framebuffer().Clone()}
				if srcHist != nil {
					f.History = session.History{HistoryView: srcHist.Snapshot(), Synced: true}
				}
				d.draw(f)
				dst.Write(out.Bytes())
				out.Reset()
				if diff := vttest.Diff(src.Framebuffer(), dst.Framebuffer()); diff != "" {
					t.Fatalf("%s: the terminal shows another screen:\n%s", step.name, diff)
				}
				if srcHist != nil {
					n := srcHist.Len()
					got := historyText(dstHist)
					if len(got) < n || !slices.Equal(got[len(got)-n:], historyText(srcHist)) {
						t.Fatalf("%s: scrollback ends %q, want %q", step.name, got, historyText(srcHist))
					}
				}
				d.draw(f)
				if out.Len() != 0 {
					t.Errorf("%s: drawing the same frame again wrote %q", step.name, out.Bytes())
				}
			}
		})
	}
}

func historyText(h *vt.History) []string {
	var lines []string
	for n := h.First(); n < h.End(); n++ {
		l, _ := h.Line(n)
		lines = append(lines, strings.TrimRight(l.Text(), " "))
	}
	return lines
}
