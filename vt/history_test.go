package vt_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
)

// historyTexts returns the text of every line h holds, oldest first.
func historyTexts(h *vt.History) []string {
	var out []string
	for n := h.First(); n < h.End(); n++ {
		l, _ := h.Line(n)
		out = append(out, l.Text())
	}
	return out
}

func numbered(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprint(i))
	}
	return out
}

// seqOutput is what `seq 1 n` prints on a terminal.
func seqOutput(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d\r\n", i)
	}
	return b.String()
}

func TestEmulatorHistory(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		want        []string
	}{
		{"line feeds", seqOutput(7), numbered(1, 4)},
		{"scroll up", "1\r\n2\r\n3\x1b[2S", []string{"1", "2"}},
		{"scroll region not kept", "\x1b[1;3r\x1b[3H" + seqOutput(5) + "\x1b[r", nil},
		{"delete line not kept", "a\r\nb\x1b[H\x1b[M", nil},
		{"alternate screen not kept", "\x1b[?1049h" + seqOutput(9) + "\x1b[?1049l" + "x", nil},
		{"wrapped", "\x1b[4H0123456789abcdef\r\n\r\n\r\n", []string{"", "", "", "0123456789"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := vt.NewEmulator(10, 4)
			h := vt.NewHistory(100)
			e.SetHistory(h)
			e.Write([]byte(tc.input))
			got := historyTexts(h)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("history = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEmulatorHistoryKeepsRenditionsAndWraps(t *testing.T) {
	e := vt.NewEmulator(5, 2)
	h := vt.NewHistory(10)
	e.SetHistory(h)
	e.Write([]byte("\x1b[1;32mabcdefg\x1b[m\r\n\r\n\r\n"))
	l0, _ := h.Line(0)
	if !l0.Wrapped() || l0.Text() != "abcde" {
		t.Fatalf("line 0 = %q wrapped %v, want \"abcde\" wrapped", l0.Text(), l0.Wrapped())
	}
	want := vt.Rendition{Fg: vt.IndexedColor(2), Attrs: vt.AttrBold}
	if got := l0.Row().Cells[0].Rend; got != want {
		t.Errorf("rendition = %+v, want %+v", got, want)
	}
	if l1, _ := h.Line(1); l1.Wrapped() || l1.Text() != "fg" {
		t.Errorf("line 1 = %q wrapped %v, want \"fg\" not wrapped", l1.Text(), l1.Wrapped())
	}
}

func TestHistoryBound(t *testing.T) {
	e := vt.NewEmulator(8, 3)
	h := vt.NewHistory(1000)
	e.SetHistory(h)
	e.Write([]byte(seqOutput(3002)))
	if h.First() != 2000 || h.End() != 3000 || h.Len() != 1000 {
		t.Fatalf("first, end, len = %d, %d, %d; want 2000, 3000, 1000", h.First(), h.End(), h.Len())
	}
	if got, want := strings.Join(historyTexts(h), " "), strings.Join(numbered(2001, 3000), " "); got != want {
		t.Errorf("history holds the wrong lines")
	}
	if _, ok := h.Line(1999); ok {
		t.Errorf("line 1999 still held")
	}
}

func TestHistoryAdd(t *testing.T) {
	src := vt.NewHistory(100)
	e := vt.NewEmulator(8, 1)
	e.SetHistory(src)
	e.Write([]byte(seqOutput(20)))
	line := func(n uint64) vt.Line { l, _ := src.Line(n); return l }

	dst := vt.NewHistory(10)
	for _, n := range []uint64{0, 1, 1, 0, 2} { // repeats are ignored
		dst.Add(n, line(n))
	}
	if got := strings.Join(historyTexts(dst), " "); got != "1 2 3" || dst.Gaps() {
		t.Fatalf("after 0 1 1 0 2: %q (gaps %v), want \"1 2 3\" without gaps", got, dst.Gaps())
	}
	dst.Add(5, line(5))
	if got := strings.Join(historyTexts(dst), "|"); got != "1|2|3|||6" || !dst.Gaps() {
		t.Fatalf("after a gap: %q (gaps %v), want \"1|2|3|||6\" with gaps", got, dst.Gaps())
	}
	dst.Add(300, line(19))
	if dst.First() != 300 || dst.End() != 301 {
		t.Fatalf("after a gap beyond the limit: first %d end %d, want 300 301", dst.First(), dst.End())
	}
	for n := uint64(301); n < 700; n++ {
		dst.Add(n, line(n%20))
	}
	if dst.First() != 690 || dst.Len() != 10 {
		t.Fatalf("first %d len %d, want 690 10", dst.First(), dst.Len())
	}
}

// ED 3 empties the history and leaves the screen; the numbering goes on,
// and a snapshot taken before keeps its lines.
func TestEmulatorHistoryClear(t *testing.T) {
	e := vt.NewEmulator(8, 3)
	h := vt.NewHistory(100)
	e.SetHistory(h)
	e.Write([]byte(seqOutput(10)))
	before := h.Snapshot()
	screen := e.Framebuffer().Clone()
	e.Write([]byte("\x1b[3J"))
	if !e.Framebuffer().Equal(screen) {
		t.Errorf("ED 3 changed the screen")
	}
	if h.Len() != 0 || h.First() != 8 || h.End() != 8 || h.Cleared() != 8 {
		t.Fatalf("after ED 3: first %d end %d cleared %d, want 8 8 8", h.First(), h.End(), h.Cleared())
	}
	e.Write([]byte(seqOutput(2)))
	if got := strings.Join(historyTexts(h), " "); got != "9 10" || h.First() != 8 {
		t.Errorf("after more output: %q from %d, want \"9 10\" from 8", got, h.First())
	}
	if l, ok := before.Line(0); !ok || l.Text() != "1" || before.Cleared() != 0 {
		t.Errorf("snapshot taken before the clear lost its lines")
	}
	if v := h.Snapshot(); v.Cleared() != 8 || v.First() != 8 {
		t.Errorf("snapshot after the clear: first %d cleared %d, want 8 8", v.First(), v.Cleared())
	}
	// Without a history, ED 3 is harmless.
	vt.NewEmulator(8, 3).Write([]byte("\x1b[3J"))
}

// ClearBefore brings another copy to the same state whatever it held,
// whenever it hears of the clear and however often: lines numbered below
// the mark never come back.
func TestHistoryClearBefore(t *testing.T) {
	src := vt.NewHistory(100)
	e := vt.NewEmulator(8, 1)
	e.SetHistory(src)
	e.Write([]byte(seqOutput(40)))
	line := func(n uint64) vt.Line { l, _ := src.Line(n); return l }
	fill := func(h *vt.History, from, to uint64) {
		for n := from; n < to; n++ {
			h.Add(n, line(n))
		}
	}
	for _, tc := range []struct {
		name      string
		held      uint64 // lines 0…held-1 held before the clear
		mark      uint64
		wantFirst uint64
	}{
		{"held everything", 20, 20, 20},
		{"missed lines before the clear", 12, 20, 20},
		{"held nothing", 0, 20, 20},
		{"mark inside what is held", 25, 20, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := vt.NewHistory(100)
			fill(h, 0, tc.held)
			h.ClearBefore(tc.mark)
			h.ClearBefore(tc.mark) // repeated
			h.ClearBefore(5)       // late, older
			fill(h, 0, tc.mark)    // replayed lines from before the clear
			fill(h, tc.mark, 30)   // lines after it
			if h.First() != tc.wantFirst || h.End() != 30 || h.Cleared() != tc.mark || h.Gaps() {
				t.Fatalf("first %d end %d cleared %d gaps %v, want %d 30 %d false",
					h.First(), h.End(), h.Cleared(), h.Gaps(), tc.wantFirst, tc.mark)
			}
			if got, want := strings.Join(historyTexts(h), " "), strings.Join(numbered(int(tc.wantFirst)+1, 30), " "); got != want {
				t.Errorf("history = %q, want %q", got, want)
			}
		})
	}
}

// Gaps of every shape (within a chunk of lines, across chunk bounds,
// whole chunks, up to the limit) hold empty lines, numbered as the lines
// they stand for, with the lines around them intact, whatever snapshots
// were taken in between; EmptyRun counts them.
func TestHistoryAddGaps(t *testing.T) {
	src := vt.NewHistory(10)
	e := vt.NewEmulator(8, 1)
	e.SetHistory(src)
	e.Write([]byte(seqOutput(10)))
	text := func(n uint64) vt.Line { l, _ := src.Line(n % 9); return l }

	dst := vt.NewHistory(3000)
	want := map[uint64]string{} // the lines added; every other line is empty
	var snaps []vt.HistoryView
	var snapWant []map[uint64]string
	for _, n := range []uint64{0, 1, 5, 255, 256, 300, 1100, 1101, 1536, 1537, 2047, 2048, 4000, 4001, 4002, 6999, 7000} {
		dst.Add(n, text(n))
		want[n] = text(n).Text()
		snaps = append(snaps, dst.Snapshot())
		snapWant = append(snapWant, maps.Clone(want))
	}
	check := func(name string, v vt.HistoryView, want map[uint64]string) {
		t.Helper()
		for n := v.First(); n < v.End(); n++ {
			l, ok := v.Line(n)
			if !ok || l.Text() != want[n] {
				t.Fatalf("%s: line %d = %q, %v; want %q", name, n, l.Text(), ok, want[n])
			}
			run := uint64(0)
			for n+run < v.End() && want[n+run] == "" {
				run++
			}
			if got := v.EmptyRun(n); got != run {
				t.Fatalf("%s: EmptyRun(%d) = %d, want %d", name, n, got, run)
			}
		}
	}
	if dst.First() != 7001-3000 || dst.End() != 7001 || !dst.Gaps() {
		t.Fatalf("first %d end %d gaps %v, want 4001 7001 true", dst.First(), dst.End(), dst.Gaps())
	}
	check("history", dst.Snapshot(), want)
	for i, v := range snaps {
		check(fmt.Sprintf("snapshot %d", i), v, snapWant[i])
	}
	if got := dst.Snapshot().EmptyRun(10); got != 0 {
		t.Errorf("EmptyRun below First = %d, want 0", got)
	}
}

func TestLineEmpty(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", true},
		{"\x1b[m\x1b[K", true},
		{" ", false},
		{"\x1b[41m\x1b[K", false},
		{"\x1b[2Gx", false},
	} {
		if got := vt.NewLine(rowOf(8, tc.in)).Empty(); got != tc.want {
			t.Errorf("%q: Empty = %v, want %v", tc.in, got, tc.want)
		}
	}
	if !(vt.Line{}).Empty() {
		t.Errorf("the zero Line is not Empty")
	}
}

func TestHistorySnapshotIsStable(t *testing.T) {
	e := vt.NewEmulator(8, 2)
	h := vt.NewHistory(300)
	e.SetHistory(h)
	e.Write([]byte(seqOutput(101)))
	snap := h.Snapshot()
	e.Write([]byte(seqOutput(1000)))
	if snap.First() != 0 || snap.End() != 100 || snap.Len() != 100 {
		t.Fatalf("snapshot first %d end %d", snap.First(), snap.End())
	}
	for n := snap.First(); n < snap.End(); n++ {
		if l, ok := snap.Line(n); !ok || l.Text() != fmt.Sprint(n+1) {
			t.Fatalf("snapshot line %d = %q, %v", n, l.Text(), ok)
		}
	}
	if _, ok := snap.Line(100); ok {
		t.Errorf("snapshot shows a later line")
	}
}

// Steady scrolling into a full history allocates only a shared arena or
// chunk now and then, never per line.
func TestWriteAllocsWithHistory(t *testing.T) {
	e := vt.NewEmulator(80, 24)
	e.SetHistory(vt.NewHistory(1000))
	b := []byte("2024-01-01T00:00:00Z INFO request served path=/index.html status=200\r\n")
	for range 2000 {
		e.Write(b)
	}
	if n := testing.AllocsPerRun(1000, func() { e.Write(b) }); n != 0 {
		t.Errorf("Write allocates %v times per line", n)
	}
}

// BenchmarkEmulatorHistory is BenchmarkEmulatorASCIILog with a history
// kept, as roam-server keeps one.
func BenchmarkEmulatorHistory(b *testing.B) {
	var s strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&s, "2024-05-01T12:%02d:%02d.%03dZ INFO http: request served method=GET path=/api/v1/items/%d status=200\r\n", i/60%60, i%60, i%1000, i)
	}
	in := []byte(s.String())
	e := vt.NewEmulator(80, 24)
	e.SetHistory(vt.NewHistory(vt.DefaultHistoryLines))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		e.Write(in)
	}
}
