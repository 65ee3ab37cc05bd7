package tty

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

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
			term := newHostTerminal(w, h, 100)
			for _, step := range steps {
				src.Write([]byte(step.output))
				f := session.Frame{FB: src.Framebuffer().Clone()}
				if srcHist != nil {
					f.History = session.History{HistoryView: srcHist.Snapshot(), Synced: true}
				}
				term.draw(f)
				if diff := vttest.Diff(src.Framebuffer(), term.emu.Framebuffer()); diff != "" {
					t.Fatalf("%s: the terminal shows another screen:\n%s", step.name, diff)
				}
				if srcHist != nil {
					n := srcHist.Len()
					got := historyText(term.hist)
					if len(got) < n || !slices.Equal(got[len(got)-n:], historyText(srcHist)) {
						t.Fatalf("%s: scrollback ends %q, want %q", step.name, got, historyText(srcHist))
					}
				}
				if again := term.draw(f); again != "" {
					t.Errorf("%s: drawing the same frame again wrote %q", step.name, again)
				}
			}
		})
	}
}

// hostTerminal is a display drawing into an emulator that stands for the
// terminal roam runs in, scrollback included.
type hostTerminal struct {
	d    *display
	out  bytes.Buffer
	emu  *vt.Emulator
	hist *vt.History // the terminal's scrollback
}

func newHostTerminal(w, h, historyLines int) *hostTerminal {
	t := &hostTerminal{emu: vt.NewEmulator(w, h), hist: vt.NewHistory(historyLines)}
	t.emu.SetHistory(t.hist)
	t.d = &display{out: &t.out, altScreen: true}
	t.d.open()
	return t
}

// draw draws f, feeds what the display wrote to the terminal and returns
// it.
func (t *hostTerminal) draw(f session.Frame) string {
	t.d.draw(f)
	written := t.out.String()
	t.emu.Write(t.out.Bytes())
	t.out.Reset()
	return written
}

func historyText(h *vt.History) []string {
	var lines []string
	for n := h.First(); n < h.End(); n++ {
		l, _ := h.Line(n)
		lines = append(lines, strings.TrimRight(l.Text(), " "))
	}
	return lines
}

// TestCopyStateCopiesEveryField sets every exported field of a
// framebuffer and checks that copyState carries it over: a field added to
// vt.Framebuffer and missed there would be lost from the terminal after
// history lines were written.
func TestCopyStateCopiesEveryField(t *testing.T) {
	src := vt.NewFramebuffer(4, 2)
	v := reflect.ValueOf(src).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); v.Type().Field(i).IsExported() {
			setNonZero(t, v.Type().Field(i).Name, f)
		}
	}
	dst := vt.NewFramebuffer(4, 2)
	copyState(dst, src)
	d := reflect.ValueOf(dst).Elem()
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; v.Type().Field(i).IsExported() && !d.Field(i).Equal(v.Field(i)) {
			t.Errorf("copyState left %s %v, want %v", name, d.Field(i), v.Field(i))
		}
	}
}

// setNonZero sets f, and the fields of a struct f, to a value that is not
// their zero value.
func setNonZero(t *testing.T, name string, f reflect.Value) {
	switch f.Kind() {
	case reflect.Struct:
		for i := range f.NumField() {
			setNonZero(t, name+"."+f.Type().Field(i).Name, f.Field(i))
		}
	case reflect.Bool:
		f.SetBool(!f.Bool())
	case reflect.String:
		f.SetString(f.String() + "x")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.SetInt(f.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		f.SetUint(f.Uint() + 1)
	default:
		t.Fatalf("%s: cannot set a %v", name, f.Kind())
	}
}

// TestDisplayWritesEmptyHistoryLines draws a history with empty lines,
// some output (blank lines) and some recorded for lines the client never
// got (gaps, short and longer than the screen and than a chunk of
// lines), and checks that the terminal's scrollback ends with the
// history, every empty line in place, and that the screen is right.
func TestDisplayWritesEmptyHistoryLines(t *testing.T) {
	const w, h = 20, 5
	src := vt.NewEmulator(w, h)
	srcHist := vt.NewHistory(100)
	src.SetHistory(srcHist)
	src.Write([]byte("a\r\n\r\nb\r\n\r\n\r\nc\r\n" + numbered(0, 10)))
	line := func(n uint64) vt.Line { l, _ := srcHist.Line(n); return l }

	hist := vt.NewHistory(1000)
	term := newHostTerminal(w, h, 2000)
	for _, step := range [][]uint64{
		{0, 1, 2, 3, 4, 5}, // output with blank lines
		{8, 10, 11},        // gaps shorter than the screen
		{700, 701, 702},    // a gap of chunks of lines
		{703, 704, 705},    // no gap
		{900, 901},         // a gap only
		{1500, 1501, 1502}, // a gap that drops lines the terminal holds
	} {
		for _, n := range step {
			hist.Add(n, line(n%uint64(srcHist.End())))
		}
		term.draw(session.Frame{FB: src.Framebuffer().Clone(), History: session.History{
			HistoryView: hist.Snapshot(), Synced: true, Incomplete: true,
		}})
		if diff := vttest.Diff(src.Framebuffer(), term.emu.Framebuffer()); diff != "" {
			t.Fatalf("after lines %v: the terminal shows another screen:\n%s", step, diff)
		}
		got, want := historyText(term.hist), historyText(hist)
		if len(got) < len(want) || !slices.Equal(got[len(got)-len(want):], want) {
			t.Fatalf("after lines %v: scrollback ends %q, want %q", step, got[max(len(got)-len(want), 0):], want)
		}
	}
}

// TestHistoryWait checks the batching of history-only frames on a fake
// clock: history lines that come alone within historyBatch of the last
// ones written wait until then; anything else on the screen, or the
// batch's time up, draws at once; and the batch, drawn late, still puts
// every line in the scrollback.
func TestHistoryWait(t *testing.T) {
	const w, h = 20, 5
	src := vt.NewEmulator(w, h)
	srcHist := vt.NewHistory(100)
	src.SetHistory(srcHist)
	src.Write([]byte(numbered(0, 40)))
	screen := src.Framebuffer().Clone()
	line := func(n uint64) vt.Line { l, _ := srcHist.Line(n); return l }

	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := start
	term := newHostTerminal(w, h, 200)
	term.d.now = func() time.Time { return now }
	hist := vt.NewHistory(100)
	frame := func(upTo uint64, fb *vt.Framebuffer) session.Frame {
		for n := hist.End(); n < upTo; n++ {
			hist.Add(n, line(n))
		}
		return session.Frame{FB: fb, History: session.History{HistoryView: hist.Snapshot(), Synced: true}}
	}
	term.draw(frame(5, screen)) // the first lines: written at start

	for _, tc := range []struct {
		at       time.Duration
		upTo     uint64
		newRow   bool
		wantWait time.Duration
	}{
		{at: 20 * time.Millisecond, upTo: 10, wantWait: 80 * time.Millisecond},
		{at: 40 * time.Millisecond, upTo: 15, wantWait: 60 * time.Millisecond},
		{at: 60 * time.Millisecond, upTo: 20, newRow: true},                    // the screen changed too
		{at: 80 * time.Millisecond, upTo: 25, wantWait: 80 * time.Millisecond}, // from the draw at 60
		{at: 160 * time.Millisecond, upTo: 30},                                 // the batch's time is up
	} {
		now = start.Add(tc.at)
		fb := screen
		if tc.newRow {
			e := src.Clone()
			e.Write([]byte("x"))
			fb = e.Framebuffer().Clone()
			screen = fb
		}
		f := frame(tc.upTo, fb)
		if got := term.d.historyWait(f, now); got != tc.wantWait {
			t.Errorf("at %v, lines to %d: wait %v, want %v", tc.at, tc.upTo, got, tc.wantWait)
		}
		if tc.wantWait == 0 {
			term.draw(f)
		}
	}
	got, want := historyText(term.hist), historyText(hist)
	if len(got) < len(want) || !slices.Equal(got[len(got)-len(want):], want) {
		t.Fatalf("scrollback ends %q, want %q", got[max(len(got)-len(want), 0):], want)
	}
}
