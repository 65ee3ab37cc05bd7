package termview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/roamterm/roam/vt"
)

func TestSelectedText(t *testing.T) {
	fb := screen(10, 4, "ab日本  x\r\n"+ // row 0: wide chars, trailing blanks
		"0123456789wrapped\r\n"+ // rows 1–2: a soft wrap
		"e\u0301 end")
	tests := []struct {
		name     string
		from, to cellPos
		want     string
	}{
		{"one row", cellPos{0, 0}, cellPos{0, 10}, "ab日本  x"},
		{"wide char once", cellPos{0, 2}, cellPos{0, 4}, "日"},
		{"trailing blanks trimmed", cellPos{0, 0}, cellPos{0, 8}, "ab日本"},
		{"soft wrap joined", cellPos{1, 5}, cellPos{2, 3}, "56789wra"},
		{"hard newline kept", cellPos{0, 8}, cellPos{1, 2}, "x\n01"},
		{"combining kept", cellPos{3, 0}, cellPos{3, 10}, "e\u0301 end"},
		{"empty rows", cellPos{2, 7}, cellPos{3, 1}, "\ne\u0301"},
		{"nothing", cellPos{1, 1}, cellPos{1, 1}, ""},
	}
	for _, tt := range tests {
		if got := selectedText(lines{screen: fb}, tt.from, tt.to); got != tt.want {
			t.Errorf("%s: selectedText = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSelectionBounds(t *testing.T) {
	fb := screen(20, 3, "cat /etc/hosts; ls\r\n0123456789012345678901")
	tests := []struct {
		name string
		sel  selection
		want string
	}{
		{"drag backwards", selection{active: true, anchor: cellPos{0, 8}, head: cellPos{0, 4}}, "/etc"},
		{"word", selection{active: true, mode: selectWords, anchor: cellPos{0, 7}, head: cellPos{0, 7}}, "/etc/hosts"},
		{"word stops at ;", selection{active: true, mode: selectWords, anchor: cellPos{0, 2}, head: cellPos{0, 2}}, "cat"},
		{"line joins its wrap", selection{active: true, mode: selectLines, anchor: cellPos{2, 0}, head: cellPos{2, 0}}, "0123456789012345678901"},
		{"inactive", selection{anchor: cellPos{0, 0}, head: cellPos{0, 5}}, ""},
	}
	for _, tt := range tests {
		from, to := tt.sel.bounds(lines{screen: fb})
		if got := selectedText(lines{screen: fb}, from, to); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestClickCounter(t *testing.T) {
	var c clickCounter
	t0 := testTime
	if n := c.click(t0, cellPos{1, 1}); n != 1 {
		t.Errorf("first click = %d", n)
	}
	if n := c.click(t0.Add(multiClick/2), cellPos{1, 1}); n != 2 {
		t.Errorf("double click = %d", n)
	}
	if n := c.click(t0.Add(multiClick), cellPos{1, 1}); n != 3 {
		t.Errorf("triple click = %d", n)
	}
	if n := c.click(t0.Add(3*multiClick), cellPos{1, 1}); n != 1 {
		t.Errorf("slow click = %d", n)
	}
	if n := c.click(t0.Add(3*multiClick+1), cellPos{1, 2}); n != 1 {
		t.Errorf("click elsewhere = %d", n)
	}
}

// TestMouse drives the widget's mouse handling: reports when the remote
// asked for the mouse, local selection otherwise or with Shift.
func TestMouse(t *testing.T) {
	newTestApp(t)
	var got []string
	view := New(Config{Fonts: BundledFonts(), Input: func(p []byte) { got = append(got, string(p)) }})
	newTestWindow(t, view)
	cell := view.CellSize()
	at := func(col, row int) fyne.Position {
		return fyne.NewPos((float32(col)+0.5)*cell.Width, (float32(row)+0.5)*cell.Height)
	}
	press := func(col, row int, mods fyne.KeyModifier) {
		view.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at(col, row)}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	}
	release := func(col, row int, mods fyne.KeyModifier) {
		view.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at(col, row)}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	}

	// Button-event tracking with SGR encoding.
	view.SetFrame(Frame{Screen: screen(20, 5, "hello\x1b[?1002h\x1b[?1006h")})
	view.Refresh()
	press(2, 1, 0)
	view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at(4, 1)}})
	release(4, 1, 0)
	view.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at(0, 0)}, Scrolled: fyne.Delta{DY: 1}})
	want := []string{"\x1b[<0;3;2M", "\x1b[<32;5;2M", "\x1b[<0;5;2m", "\x1b[<64;1;1M"}
	if len(got) != len(want) {
		t.Fatalf("reports = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("report %d = %q, want %q", i, got[i], want[i])
		}
	}

	// Shift forces a local selection, which reports nothing.
	got = nil
	press(0, 0, fyne.KeyModifierShift)
	view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at(4, 0)}})
	release(4, 0, fyne.KeyModifierShift)
	if len(got) != 0 {
		t.Errorf("shift-drag sent %q", got)
	}
	if s := view.SelectedText(); s != "hell" {
		t.Errorf("selection = %q, want %q", s, "hell")
	}
}

// TestSelectionAcrossHistory selects from history lines into the screen,
// in a scrolled-back view: wrapped lines joined, trailing blanks trimmed,
// and the selection stays on its text as output scrolls it.
func TestSelectionAcrossHistory(t *testing.T) {
	r := newRemote(10, 3, 100)
	// "0123456789abc" wraps: one history line continues on the next.
	view, _ := shownView(t, r.write("first   \r\n0123456789abc\r\nthird\r\nfourth\r\n$ "), Config{})
	src := linesOf(&view.frame)
	if src.screenTop() != 3 {
		t.Fatalf("history holds %d lines, want 3", src.screenTop())
	}
	view.scrollTo(0)
	cell := view.CellSize()
	at := func(col, row int) fyne.PointEvent {
		return fyne.PointEvent{Position: fyne.NewPos((float32(col)+0.5)*cell.Width, (float32(row)+0.5)*cell.Height)}
	}
	view.MouseDown(&desktop.MouseEvent{PointEvent: at(2, 0), Button: desktop.MouseButtonPrimary})
	view.Dragged(&fyne.DragEvent{PointEvent: at(3, 2)}) // rows 0–2: history lines 0–2
	if got, want := view.SelectedText(), "rst\n0123456789abc"; got != want {
		t.Errorf("selection in history = %q, want %q", got, want)
	}
	// Past the bottom edge: the view scrolls and the selection reaches
	// into the screen.
	view.Dragged(&fyne.DragEvent{PointEvent: at(2, 3)})
	view.Dragged(&fyne.DragEvent{PointEvent: at(2, 3)})
	view.MouseUp(&desktop.MouseEvent{PointEvent: at(2, 3), Button: desktop.MouseButtonPrimary})
	if got, want := view.SelectedText(), "rst\n0123456789abc\nthird\nfo"; got != want {
		t.Errorf("selection dragged past the bottom = %q, want %q", got, want)
	}
	view.SetFrame(r.write("ls\r\nout\r\n"))
	if got, want := view.SelectedText(), "rst\n0123456789abc\nthird\nfo"; got != want {
		t.Errorf("after output scrolled it: %q, want %q", got, want)
	}
	view.SelectAll()
	if got, want := view.SelectedText(), "first\n0123456789abc\nthird\nfourth\n$ ls\nout\n"; got != want {
		t.Errorf("select all = %q, want %q", got, want)
	}
}

// TestSelectionFollowsText checks that a selection stays on its text as
// frames arrive: moved with the screen's rows when history lines arrive
// late (renumbering them), kept when output scrolls it into the history
// or writes elsewhere, and cleared when its text is overwritten or its
// lines leave the history.
func TestSelectionFollowsText(t *testing.T) {
	late := func(s *followSession) Frame { s.catchUp(); return s.behind() }
	write := func(output string) func(*followSession) Frame {
		return func(s *followSession) Frame { return s.r.write(output) }
	}
	tests := []struct {
		name       string
		behind     bool    // the view shows the screen with history lines 0–9 only
		from, to   cellPos // the selection, rows counted from the screen's top
		mode       selectMode
		next       func(*followSession) Frame
		want       string // the selected text afterwards
		wantFromAt int    // then the selection's first row, from the new screen's top
	}{
		{name: "late history lines", behind: true, from: cellPos{1, 0}, to: cellPos{1, 7},
			next: late, want: "line 18", wantFromAt: 1},
		{name: "late lines, selection from the history", behind: true, from: cellPos{-1, 0}, to: cellPos{0, 7},
			next: late, want: "line 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17", wantFromAt: -8},
		{name: "output scrolls it into the history", from: cellPos{1, 0}, to: cellPos{1, 7},
			next: write("\r\nout\r\n"), want: "line 18", wantFromAt: -1},
		{name: "typing after it on its row", from: cellPos{3, 2}, to: cellPos{3, 6},
			next: write("!"), want: "echo", wantFromAt: 3},
		{name: "whole lines, output below", from: cellPos{0, 0}, to: cellPos{1, 0}, mode: selectLines,
			next: write("\x1b[4;1Hxx"), want: "line 17\nline 18", wantFromAt: 0},
		{name: "overwritten", from: cellPos{1, 0}, to: cellPos{1, 7}, next: write("\x1b[2;1Hother")},
		{name: "screen cleared", from: cellPos{0, 0}, to: cellPos{2, 7}, next: write("\x1b[H\x1b[2J")},
		{name: "its lines left the history", from: cellPos{-17, 0}, to: cellPos{-16, 7}, next: write("\r\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newFollowSession()
			shown := s.full
			if tt.behind {
				shown = s.behind()
			}
			view, _ := shownView(t, shown, Config{})
			top := linesOf(&view.frame).screenTop()
			view.sel = selection{active: true, mode: tt.mode,
				anchor: cellPos{top + tt.from.Row, tt.from.Col}, head: cellPos{top + tt.to.Row, tt.to.Col}}
			view.SetFrame(tt.next(s))
			if got := view.SelectedText(); got != tt.want {
				t.Fatalf("selection = %q, want %q", got, tt.want)
			}
			src := linesOf(&view.frame)
			if from, _ := view.sel.bounds(src); tt.want != "" && from.Row-src.screenTop() != tt.wantFromAt {
				t.Errorf("selection starts on row %d of the screen, want %d", from.Row-src.screenTop(), tt.wantFromAt)
			}
		})
	}
}

// followSession is a remote whose screen shows lines 17–19 and a prompt
// over a history of lines 0–16 (its bound), and a copy of that history
// that has received lines 0–9 only, as a client's during a backlog.
type followSession struct {
	r       *remote
	full    Frame
	lagging *vt.History
}

func newFollowSession() *followSession {
	s := &followSession{r: newRemote(10, 4, 17), lagging: vt.NewHistory(100)}
	s.full = s.r.write(numbered(0, 20) + "$ echo hi")
	s.add(0, 10)
	return s
}

// add copies the remote's history lines from … to-1 to the lagging one.
func (s *followSession) add(from, to uint64) {
	for n := from; n < to; n++ {
		l, _ := s.full.History.Line(n)
		s.lagging.Add(n, l)
	}
}

// catchUp makes the lagging history whole.
func (s *followSession) catchUp() { s.add(10, s.full.History.End()) }

// behind returns the remote's screen over the lagging history.
func (s *followSession) behind() Frame {
	return Frame{Screen: s.full.Screen, History: s.lagging.Snapshot()}
}
