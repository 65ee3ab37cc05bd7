package linktest

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"
	"time"
)

var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// drain pops everything from l, advancing a fake clock to each due time, and
// returns the payloads with the times they were delivered.
func drain(l *link) (payloads [][]byte, at []time.Time) {
	for {
		due, ok := l.next()
		if !ok {
			return payloads, at
		}
		data, _ := l.pop(due)
		payloads = append(payloads, data)
		at = append(at, due)
	}
}

func numbered(i int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(i)) }

func number(b []byte) int { return int(binary.BigEndian.Uint32(b)) }

// fates runs n datagrams 1ms apart through a fresh link and reports, per
// datagram, how many copies were queued.
func fates(seed uint64, n int, imp Impairment) []int {
	l := newLink(seed, ToServer)
	out := make([]int, n)
	for i := range out {
		out[i] = l.admit(epoch.Add(time.Duration(i)*time.Millisecond), numbered(i), imp)
	}
	return out
}

func count(fates []int, copies int) int {
	n := 0
	for _, f := range fates {
		if f == copies {
			n++
		}
	}
	return n
}

func TestLinkDelayAndJitter(t *testing.T) {
	tests := []struct {
		name     string
		imp      Impairment
		min, max time.Duration
	}{
		{"none", Impairment{}, 0, 0},
		{"delay", Impairment{Delay: 50 * time.Millisecond}, 50 * time.Millisecond, 50 * time.Millisecond},
		{"jitter", Impairment{Delay: 50 * time.Millisecond, Jitter: 20 * time.Millisecond}, 30 * time.Millisecond, 70 * time.Millisecond},
		{"jitter clamped at zero", Impairment{Delay: 5 * time.Millisecond, Jitter: 20 * time.Millisecond}, 0, 25 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLink(1, ToServer)
			sent := make(map[int]time.Time)
			for i := range 1000 {
				now := epoch.Add(time.Duration(i) * time.Second) // far apart: no reordering
				sent[i] = now
				if got := l.admit(now, numbered(i), tt.imp); got != 1 {
					t.Fatalf("datagram %d: %d copies, want 1", i, got)
				}
			}
			payloads, at := drain(l)
			if len(payloads) != 1000 {
				t.Fatalf("delivered %d datagrams, want 1000", len(payloads))
			}
			var lo, hi time.Duration = math.MaxInt64, -1
			for i, p := range payloads {
				d := at[i].Sub(sent[number(p)])
				lo, hi = min(lo, d), max(hi, d)
			}
			if lo < tt.min || hi > tt.max {
				t.Errorf("delays in [%v, %v], want within [%v, %v]", lo, hi, tt.min, tt.max)
			}
			if tt.imp.Jitter > 0 && hi-lo < tt.imp.Jitter {
				t.Errorf("delays in [%v, %v]: jitter %v barely applied", lo, hi, tt.imp.Jitter)
			}
		})
	}
}

func TestLinkLoss(t *testing.T) {
	const n = 10000
	imp := Impairment{Loss: 0.1}
	a, b := fates(7, n, imp), fates(7, n, imp)
	if !slices.Equal(a, b) {
		t.Fatal("same seed, different loss pattern")
	}
	if slices.Equal(a, fates(8, n, imp)) {
		t.Error("different seeds, same loss pattern")
	}
	// Binomial(10000, 0.1): mean 1000, standard deviation 30.
	if lost := count(a, 0); lost < 900 || lost > 1100 {
		t.Errorf("lost %d of %d, want about %d", lost, n, n/10)
	}
	if lost := count(fates(7, n, Impairment{Loss: 1}), 0); lost != n {
		t.Errorf("Loss 1 lost %d of %d", lost, n)
	}
}

// TestLinkStagesIndependent checks that enabling one stage does not change
// another stage's decisions for the same seed.
func TestLinkStagesIndependent(t *testing.T) {
	lossOnly := fates(3, 2000, Impairment{Loss: 0.2})
	withDuplicates := fates(3, 2000, Impairment{Loss: 0.2, Duplicate: 0.5, Reorder: 0.5, Jitter: time.Millisecond})
	for i := range lossOnly {
		if (lossOnly[i] == 0) != (withDuplicates[i] == 0) {
			t.Fatalf("datagram %d: lost=%v alone, lost=%v with other stages", i, lossOnly[i] == 0, withDuplicates[i] == 0)
		}
	}
}

func TestLinkBurstLoss(t *testing.T) {
	const n = 100000
	burst := BurstLoss{GoodToBad: 0.01, BadToGood: 0.25, LossInBad: 1}
	f := fates(11, n, Impairment{BurstLoss: burst})
	var bursts, lost, run int
	for _, copies := range f {
		if copies == 0 {
			lost++
			run++
			continue
		}
		if run > 0 {
			bursts++
		}
		run = 0
	}
	// Stationary share of the bad state: 0.01/(0.01+0.25) ≈ 3.8%; mean
	// burst length 1/0.25 = 4.
	if share := float64(lost) / n; share < 0.03 || share > 0.047 {
		t.Errorf("lost %.2f%%, want about 3.8%%", 100*share)
	}
	if mean := float64(lost) / float64(bursts); mean < 3.5 || mean > 4.5 {
		t.Errorf("mean burst length %.2f, want about 4", mean)
	}
}

func TestLinkDuplicate(t *testing.T) {
	l := newLink(1, ToClient)
	for i := range 100 {
		if got := l.admit(epoch, numbered(i), Impairment{Duplicate: 1}); got != 2 {
			t.Fatalf("datagram %d: %d copies, want 2", i, got)
		}
	}
	payloads, _ := drain(l)
	var got []int
	for _, p := range payloads {
		got = append(got, number(p))
	}
	var want []int
	for i := range 100 {
		want = append(want, i, i)
	}
	if !slices.Equal(got, want) {
		t.Errorf("delivered %v, want each datagram twice in order", got)
	}
}

func TestLinkReorder(t *testing.T) {
	l := newLink(5, ToServer)
	imp := Impairment{Reorder: 0.3, ReorderDelay: 10 * time.Millisecond}
	for i := range 200 {
		l.admit(epoch.Add(time.Duration(i)*time.Millisecond), numbered(i), imp)
	}
	payloads, _ := drain(l)
	var got []int
	inversions := 0
	for i, p := range payloads {
		got = append(got, number(p))
		if i > 0 && got[i] < got[i-1] {
			inversions++
		}
	}
	if inversions == 0 {
		t.Error("no datagram arrived out of order")
	}
	slices.Sort(got)
	for i, n := range got {
		if n != i {
			t.Fatalf("delivered set is not 0..199 (got %d at %d)", n, i)
		}
	}
}

func TestLinkRate(t *testing.T) {
	// 800-bit datagrams on an 8000 bit/s link take 100ms each.
	imp := Impairment{RateBitsPerSec: 8000, QueueLimit: 3, Delay: 10 * time.Millisecond}
	l := newLink(1, ToServer)
	var admitted []int
	for range 5 {
		admitted = append(admitted, l.admit(epoch, make([]byte, 100), imp))
	}
	if want := []int{1, 1, 1, 0, 0}; !slices.Equal(admitted, want) {
		t.Fatalf("burst of 5 into a queue of 3: admitted %v, want %v", admitted, want)
	}
	// After the first datagram has left, there is room for one more, which
	// waits behind the two still queued.
	later := epoch.Add(150 * time.Millisecond)
	if got := l.admit(later, make([]byte, 100), imp); got != 1 {
		t.Fatalf("after the queue drained by one: %d copies, want 1", got)
	}
	_, at := drain(l)
	var offsets []time.Duration
	for _, a := range at {
		offsets = append(offsets, a.Sub(epoch))
	}
	want := []time.Duration{110 * time.Millisecond, 210 * time.Millisecond, 310 * time.Millisecond, 410 * time.Millisecond}
	if !slices.Equal(offsets, want) {
		t.Errorf("delivered at %v, want %v", offsets, want)
	}
}

func TestLinkDefaultQueueLimit(t *testing.T) {
	l := newLink(1, ToServer)
	imp := Impairment{RateBitsPerSec: 1000}
	admitted := 0
	for range DefaultQueueLimit + 10 {
		admitted += l.admit(epoch, make([]byte, 10), imp)
	}
	if admitted != DefaultQueueLimit {
		t.Errorf("admitted %d, want DefaultQueueLimit = %d", admitted, DefaultQueueLimit)
	}
}

func TestLinkInFlightBound(t *testing.T) {
	l := newLink(1, ToServer)
	big := make([]byte, maxDatagram)
	imp := Impairment{Delay: time.Hour}
	admitted := 0
	for range 2 * maxInFlightBytes / maxDatagram {
		admitted += l.admit(epoch, big, imp)
	}
	if want := maxInFlightBytes / maxDatagram; admitted != want {
		t.Errorf("admitted %d datagrams of 64 KiB, want %d (16 MiB)", admitted, want)
	}
	if l.inFlightBytes > maxInFlightBytes {
		t.Errorf("%d bytes in flight, bound is %d", l.inFlightBytes, maxInFlightBytes)
	}
}

func TestImpairmentValidate(t *testing.T) {
	tests := []struct {
		name string
		imp  Impairment
		ok   bool
	}{
		{"zero", Impairment{}, true},
		{"everything", Impairment{Delay: 1, Jitter: 1, Loss: 1, Duplicate: 0.5, Reorder: 0.5, ReorderDelay: 1,
			RateBitsPerSec: 1, QueueLimit: 1, BurstLoss: BurstLoss{GoodToBad: 1, BadToGood: 1, LossInBad: 1}}, true},
		{"loss above 1", Impairment{Loss: 1.5}, false},
		{"NaN loss", Impairment{Loss: math.NaN()}, false},
		{"negative duplicate", Impairment{Duplicate: -0.1}, false},
		{"burst probability", Impairment{BurstLoss: BurstLoss{LossInBad: 2}}, false},
		{"negative delay", Impairment{Delay: -1}, false},
		{"negative jitter", Impairment{Jitter: -1}, false},
		{"negative rate", Impairment{RateBitsPerSec: -1}, false},
		{"negative queue", Impairment{QueueLimit: -1}, false},
	}
	for _, tt := range tests {
		if err := tt.imp.validate(); (err == nil) != tt.ok {
			t.Errorf("%s: validate() = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

// FuzzLink drives a link with arbitrary impairments and arrivals and checks
// that every queued copy comes out exactly once, in due-time order, and that
// memory stays bounded.
func FuzzLink(f *testing.F) {
	f.Add(uint64(1), []byte{10, 0, 3, 200, 50, 7, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add(uint64(2), []byte{255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0})
	f.Fuzz(func(t *testing.T, seed uint64, script []byte) {
		if len(script) < 8 {
			return
		}
		p := func(b byte) float64 { return float64(b) / 255 }
		imp := Impairment{
			Delay:          time.Duration(script[0]) * time.Millisecond,
			Jitter:         time.Duration(script[1]) * time.Millisecond,
			Loss:           p(script[2]) / 2,
			BurstLoss:      BurstLoss{GoodToBad: p(script[3]) / 4, BadToGood: p(script[4]), LossInBad: p(script[5])},
			Duplicate:      p(script[6]) / 2,
			Reorder:        p(script[7]) / 2,
			RateBitsPerSec: int(script[0]) * 1000,
			QueueLimit:     int(script[1]) % 20,
		}
		if err := imp.validate(); err != nil {
			t.Fatalf("fuzz built an invalid impairment: %v", err)
		}
		l := newLink(seed, ToServer)
		now := epoch
		queued, popped := 0, 0
		var last time.Time
		for _, b := range script[8:] {
			now = now.Add(time.Duration(b&0x0f) * time.Millisecond)
			queued += l.admit(now, make([]byte, int(b)), imp)
			for {
				due, ok := l.next()
				if !ok || due.After(now) {
					break
				}
				if _, ok := l.pop(now); !ok {
					t.Fatal("next reported a due datagram that pop did not return")
				}
				if due.Before(last) {
					t.Fatalf("delivered out of due order: %v after %v", due, last)
				}
				last = due
				popped++
			}
			if l.inFlightBytes > maxInFlightBytes || l.inFlightBytes < 0 {
				t.Fatalf("inFlightBytes = %d", l.inFlightBytes)
			}
		}
		rest, _ := drain(l)
		if popped+len(rest) != queued {
			t.Fatalf("queued %d copies, delivered %d", queued, popped+len(rest))
		}
		if l.inFlightBytes != 0 {
			t.Fatalf("inFlightBytes = %d after draining", l.inFlightBytes)
		}
	})
}

func BenchmarkLink(b *testing.B) {
	imp := Impairment{Delay: 10 * time.Millisecond, Jitter: 5 * time.Millisecond, Loss: 0.01,
		Duplicate: 0.01, Reorder: 0.01, RateBitsPerSec: 1e9, QueueLimit: 1000}
	l := newLink(1, ToServer)
	data := make([]byte, 1200)
	now := epoch
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(10 * time.Microsecond)
		l.admit(now, data, imp)
		for _, ok := l.pop(now); ok; _, ok = l.pop(now) {
		}
	}
}
