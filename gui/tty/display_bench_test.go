package tty

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/vt"
)

// floodFrame is one state a Roam server sends during a flood: a few
// history lines, far past the previous state's, and the screen.
type floodFrame struct {
	first uint64
	lines [][]byte // wire encodings (vt.Line.Bytes)
	fb    *vt.Framebuffer
}

// floodFrames returns frames as roam-server sends them while `cat`
// scrolls a file of mixed-width text at full speed (e2ebench's bulk utf8):
// each carries linesPerFrame new lines, gap lines beyond the previous
// frame's (those the server's history dropped before they could be sent).
func floodFrames(n, linesPerFrame, gap int) []floodFrame {
	const w, h = 80, 24
	words := strings.Fields("日本語 東京 漢字 ひらがな naïve café Ελληνικά русский 😀 🚀 ✅ e\u0301 a\u0308\u0323 x")
	rnd := rand.New(rand.NewPCG(1, 2))
	emu := vt.NewEmulator(w, h)
	hist := vt.NewHistory(n * linesPerFrame)
	emu.SetHistory(hist)
	frames := make([]floodFrame, n)
	for i := range frames {
		start := hist.End()
		for hist.End()-start < uint64(linesPerFrame) {
			var b strings.Builder
			for range 4 + rnd.IntN(12) {
				b.WriteString(words[rnd.IntN(len(words))])
				b.WriteByte(' ')
			}
			b.WriteString("\r\n")
			emu.Write([]byte(b.String()))
		}
		f := &frames[i]
		f.first = uint64(i * (linesPerFrame + gap))
		for k := range linesPerFrame {
			l, _ := hist.Line(start + uint64(k))
			f.lines = append(f.lines, l.Bytes())
		}
		f.fb = emu.Framebuffer().Clone()
	}
	return frames
}

// BenchmarkClientFlood models what a `roam --tty` client does per state
// received from a Roam server during a flood of output: parse the
// history lines, add them to the scrollback (with the gap before them),
// take a snapshot, and draw the frame on the terminal, history lines
// into its scrollback. It reports the time and the bytes written to the
// terminal per frame.
func BenchmarkClientFlood(b *testing.B) {
	for _, gap := range []int{0, 6000} {
		b.Run(fmt.Sprintf("gap=%d", gap), func(b *testing.B) {
			const linesPerFrame = 40
			frames := floodFrames(50, linesPerFrame, gap)
			var out countWriter
			b.ResetTimer()
			for b.Loop() {
				hist := vt.NewHistory(vt.DefaultHistoryLines)
				d := &display{out: &out, altScreen: true}
				d.open()
				for _, f := range frames {
					for k, enc := range f.lines {
						l, err := vt.ParseLine(enc, nil)
						if err != nil {
							b.Fatal(err)
						}
						hist.Add(f.first+uint64(k), l)
					}
					d.draw(session.Frame{FB: f.fb, History: session.History{
						HistoryView: hist.Snapshot(), Synced: true, Incomplete: gap > 0,
					}})
				}
			}
			perFrame := float64(b.N * len(frames))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/perFrame, "ns/frame")
			b.ReportMetric(float64(out.n)/perFrame, "B-written/frame")
		})
	}
}

// countWriter counts what is written to it.
type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}
