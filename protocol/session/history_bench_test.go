package session

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/vt/vttest"
)

// BenchmarkEchoDuringHistoryCatchUp measures keystroke echo on a 300 ms
// round trip right after a burst of output (`seq 1 50000`), with the
// server sending its history (which then takes many frames to catch up)
// and without. It reports the median and worst echo time: the time from
// a key to its echo on the client's screen, the application echoing at
// once. Run it with -benchtime=1x.
func BenchmarkEchoDuringHistoryCatchUp(b *testing.B) {
	for _, history := range []int{0, 60000} {
		b.Run(fmt.Sprintf("history=%d", history), func(b *testing.B) {
			for b.Loop() {
				median, worst, caughtUp := echoDuringCatchUp(b, history)
				b.ReportMetric(float64(median.Milliseconds()), "ms-median-echo")
				b.ReportMetric(float64(worst.Milliseconds()), "ms-worst-echo")
				b.ReportMetric(caughtUp.Seconds(), "s-history-catch-up")
			}
		})
	}
}

func echoDuringCatchUp(b *testing.B, history int) (median, worst, caughtUp time.Duration) {
	const height, keys = 24, 20
	imp := linktest.Impairment{Delay: 150 * time.Millisecond}
	cli, pty := udpSession(b, imp,
		ServerConfig{Width: 80, Height: height, HistoryLines: history},
		ClientConfig{Width: 80, Height: height, HistoryLines: 60000})
	waitFrame(b, cli, 10*time.Second, "the first state", func(f Frame) bool { return !f.Status.Connecting })
	// The application echoes what it is sent.
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case k := <-pty.written:
				pty.out <- k
			case <-stop:
				return
			}
		}
	}()
	start := time.Now()
	printSeq(pty, 50000)
	waitFrame(b, cli, 30*time.Second, "the burst", func(f Frame) bool {
		return vttest.Lines(f.FB)[height-2] == "50000"
	})
	var times []time.Duration
	for i := range keys {
		k := string(rune('a' + i))
		sent := time.Now()
		cli.Keys([]byte(k))
		waitFrame(b, cli, 10*time.Second, "the first state", func(f Frame) bool {
			return strings.HasSuffix(vttest.Lines(f.FB)[height-1], k) && len(f.Overlay.Cells) == 0
		})
		times = append(times, time.Since(sent))
		time.Sleep(100 * time.Millisecond)
	}
	if history > 0 {
		waitFrame(b, cli, 120*time.Second, "the history", func(f Frame) bool { return f.History.End() >= 50000-height+1 })
		caughtUp = time.Since(start)
	}
	slices.Sort(times)
	return times[len(times)/2], times[len(times)-1], caughtUp
}
