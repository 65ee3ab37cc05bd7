package predict

// A typing-trace simulation: a deterministic trace of shell, vim and
// password typing goes through the engine and a simulated mosh link at
// 500 ms RTT, and two numbers are measured per run:
//
//   - shown instantly: the share of echoed printable keystrokes whose
//     character is on the client's screen, by prediction, at the moment
//     the key is pressed;
//   - mispredicted: moments (renders) at which a predicted cell is drawn
//     that the application never puts there, checked against a
//     zero-latency copy of the applications (the oracle) with scrolling
//     accounted for, per printable keystroke. Each wrong cell counts once.

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/predict/predicttest"
)

// Link timing, in milliseconds.
const (
	simOneWay     = 250 // half of a 500 ms RTT
	simInterval   = 250 // mosh's send interval: SRTT/2, clamped to 250
	simMinDelay   = 8   // mosh's SEND_MINDELAY
	simEchoTimout = 50  // the server's ECHO_TIMEOUT
	simWidth      = 80
	simHeight     = 24
)

// trace returns the typing trace of seed (predicttest documents the typing
// model).
func trace(seed uint64, n int) []predicttest.Keystroke { return predicttest.Trace(seed, n) }

// msOf converts a trace time to the simulation's milliseconds.
func msOf(d time.Duration) int { return int(d / time.Millisecond) }

// simResult is what a simulation run measured.
type simResult struct {
	keys, printable, echoed int
	instant                 int
	mispredicted            int
	// instantKeys holds the indexes of the keystrokes shown instantly.
	instantKeys map[int]bool
}

func (r simResult) instantShare() float64 { return float64(r.instant) / float64(r.echoed) }
func (r simResult) mispredictShare() float64 {
	return float64(r.mispredicted) / float64(r.printable)
}

// snapshot is a server frame in flight, with the newest client state the
// server had received (ack) and its echo ack.
type snapshot struct {
	arrive          int
	fb              *vt.Framebuffer
	ack, echoAck    uint64
	scrolls, screen int
}

// frame is a client state in flight.
type frame struct {
	arrive int
	num    uint64
	keys   [][]byte
}

// simulate plays keys through a 500 ms RTT link to the simulated
// applications.
func simulate(keys []predicttest.Keystroke, opts Options) simResult {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return base.Add(time.Duration(ms) * time.Millisecond) }

	e := New(opts)
	e.SetSendInterval(simInterval * time.Millisecond)
	server, oracle := newWorld(simWidth, simHeight), newWorld(simWidth, simHeight)
	client := snapshot{fb: server.fb().Clone()}

	var (
		res            = simResult{instantKeys: map[int]bool{}}
		next           int // next keystroke
		sent           uint64
		unsent         [][]byte
		unsentSince    int
		lastClientSend = -simInterval
		toServer       []frame
		toClient       []snapshot
		echoTimers     []frame // num at arrive+50
		echoAck        uint64
		received       uint64 // the newest client state the server has
		dirtySince     = -1
		lastServerSend = -simInterval
		wake           = -1
		wrong          = map[[3]int]bool{}
	)

	// render draws the client's screen and judges the displayed
	// predictions against the oracle.
	render := func(now int) *vt.Framebuffer {
		o := e.Overlay(client.fb)
		if w := e.WaitTime(at(now)); w < time.Hour {
			wake = now + int(w/time.Millisecond)
		} else {
			wake = -1
		}
		if client.screen != oracle.screen {
			return Draw(client.fb, o)
		}
		shift := oracle.scrolls - client.scrolls
		ofb := oracle.fb()
		fresh := false
		for _, c := range o.Cells {
			actual := client.fb.Cell(c.Row, c.Col)
			if c.Cell == *actual || (c.Underlined && c.Cell.Rune == actual.Rune && c.Cell.Comb == actual.Comb) {
				continue // an unknown cell: the old contents, underlined
			}
			y := c.Row - shift
			if y < 0 {
				continue
			}
			if !contentsMatch(&c.Cell, ofb.Cell(y, c.Col)) {
				key := [3]int{c.Row + client.scrolls, c.Col, int(c.Cell.Rune)}
				if !wrong[key] {
					wrong[key], fresh = true, true
				}
			}
		}
		if fresh {
			res.mispredicted++
		}
		return Draw(client.fb, o)
	}

	for {
		// The next event: keystroke, client send, frame arrivals,
		// echo timer, server send, client wake-up.
		now := -1
		consider := func(t int) {
			if t >= 0 && (now < 0 || t < now) {
				now = t
			}
		}
		if next < len(keys) {
			consider(msOf(keys[next].At))
		}
		if len(unsent) > 0 {
			consider(max(unsentSince+simMinDelay, lastClientSend+simInterval))
		}
		if len(toServer) > 0 {
			consider(toServer[0].arrive)
		}
		if len(echoTimers) > 0 {
			consider(echoTimers[0].arrive)
		}
		if dirtySince >= 0 {
			consider(max(dirtySince+simMinDelay, lastServerSend+simInterval))
		}
		if len(toClient) > 0 {
			consider(toClient[0].arrive)
		}
		consider(wake)
		if now < 0 {
			break
		}

		switch {
		case next < len(keys) && msOf(keys[next].At) == now:
			k := keys[next]
			next++
			res.keys++
			if len(unsent) == 0 {
				unsentSince = now
			}
			unsent = append(unsent, k.Key)
			e.SetLocalFrameSent(sent)
			e.NewUserInput(k.Key, client.fb, at(now))
			ech := oracle.key(k.Key)
			if printableKey(k.Key) {
				res.printable++
			}
			shown := render(now)
			if ech.ok {
				res.echoed++
				y := ech.row + oracle.scrolls - client.scrolls
				if client.screen == oracle.screen && y >= 0 && y < shown.Height() &&
					shown.Cell(y, ech.col).Rune == ech.r && client.fb.Cell(y, ech.col).Rune != ech.r {
					res.instant++
					res.instantKeys[next-1] = true
				}
			}
		case len(unsent) > 0 && now == max(unsentSince+simMinDelay, lastClientSend+simInterval):
			sent++
			toServer = append(toServer, frame{arrive: now + simOneWay, num: sent, keys: unsent})
			unsent, lastClientSend = nil, now
		case len(toServer) > 0 && toServer[0].arrive == now:
			f := toServer[0]
			toServer = toServer[1:]
			received = f.num
			for _, k := range f.keys {
				server.key(k)
			}
			echoTimers = append(echoTimers, frame{arrive: now + simEchoTimout, num: f.num})
			if dirtySince < 0 {
				dirtySince = now
			}
		case len(echoTimers) > 0 && echoTimers[0].arrive == now:
			echoAck = echoTimers[0].num
			echoTimers = echoTimers[1:]
			if dirtySince < 0 {
				dirtySince = now
			}
		case dirtySince >= 0 && now == max(dirtySince+simMinDelay, lastServerSend+simInterval):
			toClient = append(toClient, snapshot{
				arrive: now + simOneWay, fb: server.fb().Clone(), ack: received, echoAck: echoAck,
				scrolls: server.scrolls, screen: server.screen,
			})
			dirtySince, lastServerSend = -1, now
		case len(toClient) > 0 && toClient[0].arrive == now:
			client = toClient[0]
			toClient = toClient[1:]
			e.SetLocalFrameAcked(client.ack)
			e.SetLocalFrameLateAcked(client.echoAck)
			e.Cull(client.fb, at(now))
			render(now)
		default: // wake-up
			e.Cull(client.fb, at(now))
			render(now)
		}
	}
	return res
}

// printableKey reports whether key b types one printable character.
func printableKey(b []byte) bool {
	r, n := utf8.DecodeRune(b)
	return n == len(b) && vt.Width(r) > 0
}

// TestSimulation holds the engine to the targets on every seed:
// at least 85 % of echoed keystrokes shown instantly and at most 0.5 %
// mispredicted, far better than mosh on both counts.
func TestSimulation(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		keys := trace(seed, 2500)
		mosh := simulate(keys, Options{MoshCompatible: true})
		roam := simulate(keys, Options{})
		for _, r := range []struct {
			name string
			res  simResult
		}{{"mosh-equivalent", mosh}, {"roam", roam}} {
			t.Logf("seed %d %-16s keys=%d printable=%d echoed=%d shown instantly=%.1f%% mispredicted=%d (%.2f%%)",
				seed, r.name, r.res.keys, r.res.printable, r.res.echoed, 100*r.res.instantShare(),
				r.res.mispredicted, 100*r.res.mispredictShare())
		}
		if testing.Verbose() {
			for _, line := range missedByClass(keys, roam, 8) {
				t.Logf("seed %d roam missed: %s", seed, line)
			}
		}
		if roam.instantShare() < 0.85 {
			t.Errorf("seed %d: roam shows %.1f%% instantly, want ≥ 85%%", seed, 100*roam.instantShare())
		}
		if roam.mispredictShare() > 0.005 {
			t.Errorf("seed %d: roam mispredicted %.2f%%, want ≤ 0.5%%", seed, 100*roam.mispredictShare())
		}
		if roam.instantShare() < mosh.instantShare()+0.3 {
			t.Errorf("seed %d: not clearly better than mosh: %.1f%% vs %.1f%%", seed, 100*roam.instantShare(), 100*mosh.instantShare())
		}
		if roam.mispredicted > mosh.mispredicted {
			t.Errorf("seed %d: more mispredictions than mosh: %d vs %d", seed, roam.mispredicted, mosh.mispredicted)
		}
	}
}

// missedByClass lists the limit classes of echoed keystrokes
// (predicttest.Class) that res shows instantly least often, by count.
func missedByClass(keys []predicttest.Keystroke, res simResult, limit int) []string {
	type tally struct{ echoed, missed int }
	by := map[string]*tally{}
	for i, c := range predicttest.Classify(keys) {
		name := c.String()
		if by[name] == nil {
			by[name] = &tally{}
		}
		by[name].echoed++
		if !res.instantKeys[i] {
			by[name].missed++
		}
	}
	names := slices.Collect(maps.Keys(by))
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(by[b].missed, by[a].missed), strings.Compare(a, b))
	})
	var out []string
	for _, name := range names[:min(limit, len(names))] {
		out = append(out, fmt.Sprintf("%-28s %3d of %3d", name, by[name].missed, by[name].echoed))
	}
	return out
}

func BenchmarkSimulation(b *testing.B) {
	keys := trace(1, 2500)
	for _, tc := range []struct {
		name string
		opts Options
	}{{"mosh", Options{MoshCompatible: true}}, {"roam", Options{}}} {
		b.Run(tc.name, func(b *testing.B) {
			var res simResult
			for b.Loop() {
				res = simulate(keys, tc.opts)
			}
			b.ReportMetric(100*res.instantShare(), "%instant")
			b.ReportMetric(100*res.mispredictShare(), "%mispredicted")
		})
	}
}
