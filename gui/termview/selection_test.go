package termview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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
