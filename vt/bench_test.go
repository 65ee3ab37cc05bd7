package vt_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/internal/workload"
)

// Benchmark data: benchSize bytes of each workload, generated on first use
// into $ROAM_BENCH_DATA or bench-data/ at the module root (not committed).
const benchSize = 20 << 20

// readSize is how much the benchmarks hand the emulator per Write, about
// what one read from a pty returns.
const readSize = 4 << 10

func loadWorkload(b *testing.B, k workload.Kind) []byte {
	b.Helper()
	dir := os.Getenv("ROAM_BENCH_DATA")
	if dir == "" {
		var err error
		if dir, err = workload.DefaultDir(); err != nil {
			b.Fatal(err)
		}
	}
	data, err := workload.Load(dir, k, benchSize)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// feed writes data to e in pty-sized pieces.
func feed(e *vt.Emulator, data []byte) {
	for len(data) > 0 {
		n := min(len(data), readSize)
		e.Write(data[:n])
		data = data[n:]
	}
}

// BenchmarkEmulator measures how fast an 80×24 emulator takes in each
// workload (targets: 40 MB/s for every workload, 150 MB/s for ascii).
func BenchmarkEmulator(b *testing.B) {
	for _, k := range workload.Kinds() {
		b.Run(k.String(), func(b *testing.B) {
			data := loadWorkload(b, k)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				feed(vt.NewEmulator(80, 24), data)
			}
		})
	}
}

// BenchmarkServer measures the emulator's share of roam-server's work on
// each workload for a Roam client: output in pty-sized reads into an
// 80×24 emulator that keeps the default history (as the server does only
// for a client that asks for it), and a frame (a snapshot and its display
// diff from the previous one) every serverFrameBytes, about as often as
// the server sends one while `cat` floods it. BenchmarkEmulator is the
// same work without history and frames.
func BenchmarkServer(b *testing.B) {
	const (
		ptyRead          = 16 << 10
		serverFrameBytes = 512 << 10
	)
	for _, k := range workload.Kinds() {
		b.Run(k.String(), func(b *testing.B) {
			data := loadWorkload(b, k)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var diff []byte
			for b.Loop() {
				e := vt.NewEmulator(80, 24)
				e.SetHistory(vt.NewHistory(vt.DefaultHistoryLines))
				sent := e.Framebuffer().Clone()
				for off := 0; off < len(data); off += ptyRead {
					e.Write(data[off:min(off+ptyRead, len(data))])
					if (off+ptyRead)%serverFrameBytes == 0 {
						now := e.Framebuffer().Clone()
						diff = vt.AppendDisplayDiff(diff[:0], sent, now)
						sent = now
					}
				}
			}
		})
	}
}

// Frame pairs for the incremental diff benchmark: a snapshot after every
// frameBytes of output, at most maxFrames of them (from the start of the
// workload, to bound memory).
const (
	frameBytes = 2 << 10
	maxFrames  = 1000
)

// frames runs data through a width×height emulator and returns snapshots
// taken every step bytes, at most limit of them.
func frames(data []byte, width, height, step, limit int) []*vt.Framebuffer {
	e := vt.NewEmulator(width, height)
	out := []*vt.Framebuffer{e.Framebuffer().Clone()}
	for len(data) > 0 && len(out) < limit {
		n := min(len(data), step)
		feed(e, data[:n])
		data = data[n:]
		out = append(out, e.Framebuffer().Clone())
	}
	return out
}

// BenchmarkDisplayDiff measures DisplayDiff (targets: at most half of
// mosh's 40–220 µs per 80×24 frame, 160–440 µs for a full 200×60 repaint).
//
//   - <workload>: the diff between consecutive 80×24 snapshots taken every
//     frameBytes of the workload;
//   - full-WxH/<workload>: a full repaint, from a blank screen to the
//     screen the first MB of the workload leaves.
func BenchmarkDisplayDiff(b *testing.B) {
	for _, k := range workload.Kinds() {
		b.Run(k.String(), func(b *testing.B) {
			fs := frames(loadWorkload(b, k), 80, 24, frameBytes, maxFrames+1)
			benchDiffs(b, func(i int) (from, to *vt.Framebuffer) {
				i %= len(fs) - 1
				return fs[i], fs[i+1]
			})
		})
	}
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		for _, k := range workload.Kinds() {
			b.Run(fmt.Sprintf("full-%dx%d/%s", size[0], size[1], k), func(b *testing.B) {
				data := loadWorkload(b, k)
				e := vt.NewEmulator(size[0], size[1])
				feed(e, data[:1<<20])
				blank, screen := vt.NewFramebuffer(size[0], size[1]), e.Framebuffer()
				benchDiffs(b, func(int) (from, to *vt.Framebuffer) { return blank, screen })
			})
		}
	}
}

// benchDiffs times AppendDisplayDiff on the i-th pair for i = 0, 1, ...
// and reports µs and bytes per diff.
func benchDiffs(b *testing.B, pair func(i int) (from, to *vt.Framebuffer)) {
	b.ReportAllocs()
	var buf []byte
	var total int64
	i := 0
	for b.Loop() {
		from, to := pair(i)
		buf = vt.AppendDisplayDiff(buf[:0], from, to)
		total += int64(len(buf))
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e3/float64(b.N), "us/diff")
	b.ReportMetric(float64(total)/float64(b.N), "B/frame")
}
