package termview

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/roamterm/roam/vt"
)

// remote is an emulator that keeps its history, as roam-server does, for
// frames with scrollback.
type remote struct {
	e *vt.Emulator
	h *vt.History
}

func newRemote(cols, rows, limit int) *remote {
	r := &remote{e: vt.NewEmulator(cols, rows), h: vt.NewHistory(limit)}
	r.e.SetHistory(r.h)
	return r
}

// write feeds output to the emulator and returns the frame it makes.
func (r *remote) write(output string) Frame {
	r.e.Write([]byte(output))
	return Frame{Screen: r.e.Framebuffer().Clone(), History: r.h.Snapshot()}
}

// numbered returns lines "line from" … "line to-1", each ended by CRLF.
func numbered(from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "line %d\r\n", i)
	}
	return b.String()
}

// shownView puts a view showing f in a headless window of exactly f's
// screen size and draws it once, so that its grid is known.
func shownView(t *testing.T, f Frame, cfg Config) (*Terminal, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	cfg.Fonts = BundledFonts()
	view := New(cfg)
	w := test.NewTempWindow(t, view)
	w.SetPadded(false)
	cell := view.CellSize()
	w.Resize(fyne.NewSize(cell.Width*float32(f.Screen.Width()), cell.Height*float32(f.Screen.Height())))
	view.SetFrame(f)
	w.Canvas().Capture()
	if cols, rows := view.GridSize(); cols != f.Screen.Width() || rows != f.Screen.Height() {
		t.Fatalf("grid %d×%d, want the screen's %d×%d", cols, rows, f.Screen.Width(), f.Screen.Height())
	}
	return view, w
}

// topText returns the text of the view's first row.
func topText(v *Terminal) string {
	row := linesOf(&v.frame).row(v.viewTop())
	if row == nil {
		return ""
	}
	return strings.TrimRight(rowText(row), " ")
}

func rowText(r *vt.Row) string {
	var b strings.Builder
	for _, c := range r.Cells {
		switch {
		case c.WideTail:
		case c.Rune == 0:
			b.WriteByte(' ')
		default:
			b.WriteRune(c.Rune)
		}
	}
	return b.String()
}

// TestScrollAnchor checks that a scrolled-back view stays on its lines
// while output arrives, says there is new output, and goes back to the
// bottom when a key is typed; and that lines dropped from the history
// move the view to the oldest line left.
func TestScrollAnchor(t *testing.T) {
	r := newRemote(20, 5, 100)
	var sent []string
	view, _ := shownView(t, r.write(numbered(0, 30)), Config{Input: func(p []byte) { sent = append(sent, string(p)) }})
	if view.scroll.back || topText(view) != "line 26" {
		t.Fatalf("following view shows %q first", topText(view))
	}
	view.scrollBy(-10)
	if !view.scroll.back || topText(view) != "line 16" {
		t.Fatalf("after scrolling 10 rows up the view shows %q first", topText(view))
	}
	if view.scroll.newOutput {
		t.Error("new output before any arrived")
	}
	view.SetFrame(r.write(numbered(30, 37)))
	if topText(view) != "line 16" {
		t.Errorf("after output the view shows %q first, want it to stay on line 16", topText(view))
	}
	if !view.scroll.newOutput {
		t.Error("no new-output marker after output arrived")
	}
	view.TypedRune('x')
	if view.scroll.back || view.scroll.newOutput || topText(view) != "line 33" {
		t.Errorf("after typing: back=%v newOutput=%v first row %q, want the bottom", view.scroll.back, view.scroll.newOutput, topText(view))
	}
	if len(sent) != 1 || sent[0] != "x" {
		t.Errorf("sent %q", sent)
	}

	// Lines dropped by the history's bound take the view's top with them.
	view.scrollTo(linesOf(&view.frame).first())
	oldest := topText(view)
	view.SetFrame(r.write(numbered(37, 200)))
	first := linesOf(&view.frame).first()
	if view.viewTop() != first || topText(view) == oldest {
		t.Errorf("top %d (%q), want the oldest line left, %d", view.viewTop(), topText(view), first)
	}
}

// TestScrollKeys checks Shift+Page Up/Down and Shift+Home/End: a page at
// a time, stopping at the oldest line and at the bottom, and left to the
// remote when there is no history.
func TestScrollKeys(t *testing.T) {
	r := newRemote(20, 4, 100)
	view, _ := shownView(t, r.write(numbered(0, 13)), Config{})
	// History: lines 0–9; screen: lines 10–12 and the prompt row.
	key := func(name fyne.KeyName) {
		view.held = fyne.KeyModifierShift
		view.TypedKey(&fyne.KeyEvent{Name: name})
		view.held = 0
	}
	steps := []struct {
		key   fyne.KeyName
		top   string
		back  bool
		after string
	}{
		{fyne.KeyPageUp, "line 6", true, "one page up"},
		{fyne.KeyPageUp, "line 2", true, "two pages up"},
		{fyne.KeyPageUp, "line 0", true, "stops at the oldest line"},
		{fyne.KeyPageUp, "line 0", true, "stays at the oldest line"},
		{fyne.KeyPageDown, "line 4", true, "one page down"},
		{fyne.KeyPageDown, "line 8", true, "two pages down"},
		{fyne.KeyPageDown, "line 10", false, "stops at the bottom"},
		{fyne.KeyHome, "line 0", true, "Home: the top"},
		{fyne.KeyEnd, "line 10", false, "End: the bottom"},
	}
	for _, s := range steps {
		key(s.key)
		if got := topText(view); got != s.top || view.scroll.back != s.back {
			t.Errorf("%s: first row %q (back %v), want %q (back %v)", s.after, got, view.scroll.back, s.top, s.back)
		}
	}

	var sent []string
	plain, _ := shownView(t, Frame{Screen: screen(20, 4, "no history")}, Config{Input: func(p []byte) { sent = append(sent, string(p)) }})
	plain.held = fyne.KeyModifierShift
	plain.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	if len(sent) != 1 || sent[0] != "\x1b[5;2~" {
		t.Errorf("Shift+Page Up without history sent %q, want it passed to the remote", sent)
	}
}

// TestWheelScrolls checks that the wheel scrolls the history (3 rows a
// notch) when the remote did not ask for the mouse.
func TestWheelScrolls(t *testing.T) {
	r := newRemote(20, 4, 100)
	view, _ := shownView(t, r.write(numbered(0, 20)), Config{})
	notch := func(dy float32) { view.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: dy}}) }
	notch(25)
	if got := topText(view); got != "line 14" {
		t.Errorf("one notch up shows %q first, want line 14", got)
	}
	notch(10)
	notch(10) // 2.4 rows, then 0.6 + 1.2: a fraction is kept
	if got := topText(view); got != "line 12" {
		t.Errorf("two small steps show %q first, want line 12", got)
	}
	notch(-100)
	if view.scroll.back {
		t.Error("scrolling down past the bottom left the view scrolled back")
	}
}

// TestScrollbar checks the thumb's geometry and that dragging it to the
// top and bottom scrolls there.
func TestScrollbar(t *testing.T) {
	src := lines{hist: historyOf(100), screen: vt.NewFramebuffer(10, 10)}
	tests := []struct {
		top         int
		pos, length float32
	}{
		{0, 0, 200 * 10 / 110.0},
		{100, 200 - 200*10/110.0, 200 * 10 / 110.0},
		{50, (200 - 200*10/110.0) / 2, 200 * 10 / 110.0},
	}
	for _, tt := range tests {
		pos, length := thumb(src, tt.top, 10, 200)
		if !near(pos, tt.pos) || !near(length, tt.length) {
			t.Errorf("thumb at top %d: %v+%v, want %v+%v", tt.top, pos, length, tt.pos, tt.length)
		}
		if got := topAt(src, 10, 200, pos); got != tt.top {
			t.Errorf("topAt(thumb at %d) = %d", tt.top, got)
		}
	}
	if _, length := thumb(lines{hist: historyOf(100000), screen: src.screen}, 0, 10, 200); length != barMinThumb {
		t.Errorf("thumb over a long history is %v long, want the minimum %v", length, barMinThumb)
	}

	r := newRemote(20, 5, 100)
	view, w := shownView(t, r.write(numbered(0, 50)), Config{})
	size := view.Size()
	edge := fyne.NewPos(size.Width-2, size.Height-1)
	test.MoveMouse(w.Canvas(), edge)
	if !view.bar.Visible() {
		t.Fatal("the scrollbar does not show with the pointer on the right edge")
	}
	_, length := thumb(linesOf(&view.frame), view.viewTop(), 5, size.Height)
	at := func(y float32) fyne.PointEvent { return fyne.PointEvent{Position: fyne.NewPos(size.Width-2, y)} }
	view.MouseDown(&desktop.MouseEvent{PointEvent: at(size.Height - length/2), Button: desktop.MouseButtonPrimary})
	view.Dragged(&fyne.DragEvent{PointEvent: at(-5)})
	if got := view.viewTop(); got != linesOf(&view.frame).first() {
		t.Errorf("thumb dragged to the top: top %d, want the oldest line", got)
	}
	view.Dragged(&fyne.DragEvent{PointEvent: at(size.Height / 2)})
	if got, first, end := view.viewTop(), linesOf(&view.frame).first(), linesOf(&view.frame).screenTop(); got <= first || got >= end {
		t.Errorf("thumb dragged to the middle: top %d, want between %d and %d", got, first, end)
	}
	view.Dragged(&fyne.DragEvent{PointEvent: at(size.Height + 5)})
	view.DragEnd()
	if view.scroll.back {
		t.Error("thumb dragged to the bottom: the view is still scrolled back")
	}
	if view.SelectedText() != "" {
		t.Errorf("dragging the thumb selected %q", view.SelectedText())
	}
}

func near(a, b float32) bool { return a-b < 0.01 && b-a < 0.01 }

// historyOf returns a history of n numbered lines.
func historyOf(n int) vt.HistoryView {
	h := vt.NewHistory(n)
	for i := range n {
		r := vt.NewEmulator(10, 1)
		r.Write(fmt.Appendf(nil, "%d", i))
		h.Push(r.Framebuffer().Row(0))
	}
	return h.Snapshot()
}

// TestScrolledRedrawsNothing checks the damage tracking of a scrolled
// view: output arriving below it redraws none of its rows.
func TestScrolledRedrawsNothing(t *testing.T) {
	r := newRemote(20, 5, 100)
	c := &compositor{}
	c.setPalette(DarkPalette())
	c.setAtlas(newAtlas(DefaultFontSize, BundledFonts()))
	w, h := 20*c.atlas.m.cellW, 5*c.atlas.m.cellH
	f := r.write(numbered(0, 30))
	lk := &look{focused: true, blinkOn: true, top: 10, newOutput: true}
	c.draw(&f, lk, w, h)
	f = r.write(numbered(30, 40))
	clear(c.img.Pix)
	c.draw(&f, lk, w, h)
	for i, p := range c.img.Pix {
		if p != 0 {
			t.Fatalf("pixel byte %d drawn again", i)
		}
	}
}

// TestNewOutputBadge checks that clicking the new-output badge scrolls
// to the bottom, and that clicks elsewhere select.
func TestNewOutputBadge(t *testing.T) {
	r := newRemote(30, 4, 100)
	view, _ := shownView(t, r.write(numbered(0, 20)), Config{})
	view.scrollBy(-5)
	view.SetFrame(r.write(numbered(20, 22)))
	cell := view.CellSize()
	click := func(col, row int) {
		ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
		ev.Position = fyne.NewPos((float32(col)+0.5)*cell.Width, (float32(row)+0.5)*cell.Height)
		view.MouseDown(ev)
		view.MouseUp(ev)
	}
	click(0, 3)
	if !view.scroll.back {
		t.Fatal("a click left of the badge scrolled to the bottom")
	}
	click(29, 3)
	if view.scroll.back {
		t.Error("a click on the badge did not scroll to the bottom")
	}
}

// TestHistorySurvivesResize checks that a scrolled-back view keeps its
// lines when the window and the remote's screen change size, lines wider
// than the view being clipped.
func TestHistorySurvivesResize(t *testing.T) {
	r := newRemote(40, 6, 100)
	view, w := shownView(t, r.write(strings.Repeat("wide", 10)+"\r\n"+numbered(0, 30)), Config{})
	view.scrollTo(11)
	cell := view.CellSize()
	w.Resize(fyne.NewSize(cell.Width*12, cell.Height*4))
	w.Canvas().Capture()
	r.e.Resize(12, 4)
	view.SetFrame(r.write(""))
	img := w.Canvas().Capture()
	if cols, rows := view.GridSize(); cols != 12 || rows != 4 {
		t.Fatalf("grid %d×%d after the resize, want 12×4", cols, rows)
	}
	if got := topText(view); got != "line 10" || img.Bounds().Dx() == 0 {
		t.Errorf("after the resize the view shows %q first, want line 10", got)
	}
	if !view.Search("widewidewide") {
		t.Fatal("the 40-column line is not found")
	}
	w.Canvas().Capture() // a 40-column line in a 12-column view: clipped
	if view.find.cur.from.Row < view.viewTop() || view.find.cur.from.Row >= view.viewTop()+4 {
		t.Errorf("the 40-column line (row %d) is not in view (top %d)", view.find.cur.from.Row, view.viewTop())
	}
}

// TestShiftMatchesRedraw checks that moving drawn rows when the view or
// the output scrolls draws the same picture as drawing everything again.
func TestShiftMatchesRedraw(t *testing.T) {
	r := newRemote(30, 6, 100)
	c := &compositor{}
	c.setPalette(DarkPalette())
	c.setAtlas(newAtlas(DefaultFontSize, BundledFonts()))
	w, h := 30*c.atlas.m.cellW, 6*c.atlas.m.cellH+3 // a bottom margin too
	var out strings.Builder
	for i := range 40 {
		fmt.Fprintf(&out, "\x1b[3%dmline %d\x1b[0m\r\n", i%2+1, i%2) // equal rows every other row
	}
	f := r.write(out.String() + "$ ")
	lk := &look{focused: true, blinkOn: true, top: linesOf(&f).screenTop()}
	steps := []struct {
		name   string
		top    int // relative to the screen's top
		output string
		banner string
		marks  []mark
	}{
		{name: "following"},
		{name: "one row up", top: -1},
		{name: "five rows up", top: -6},
		{name: "three down", top: -3},
		{name: "a page up", top: -9},
		{name: "more than a page down", top: -1},
		{name: "output while following", output: "a\r\nb\r\n$ "},
		{name: "banner", output: "c\r\n$ ", banner: "roam: Last contact 3 seconds ago."},
		{name: "banner scrolled", top: -2, banner: "roam: Last contact 4 seconds ago."},
		{name: "marks", top: -4, marks: []mark{{row: -2, from: 1, to: 3}, {row: -1, from: 0, to: markToEnd, current: true}}},
		{name: "marks moved", top: -3, marks: []mark{{row: -2, from: 1, to: 3}}},
		{name: "output below", top: -3, output: "d\r\ne\r\nf\r\n$ "},
	}
	for _, s := range steps {
		if s.output != "" {
			f = r.write(s.output)
		}
		f.Banner = s.banner
		st := linesOf(&f).screenTop()
		lk.top = st + s.top
		lk.marks = lk.marks[:0]
		for _, m := range s.marks {
			m.row += st
			lk.marks = append(lk.marks, m)
		}
		got := c.draw(&f, lk, w, h)
		fresh := &compositor{}
		fresh.setPalette(DarkPalette())
		fresh.setAtlas(newAtlas(DefaultFontSize, BundledFonts()))
		if diff := firstDiff(fresh.draw(&f, lk, w, h), got); diff != "" {
			t.Errorf("%s: %s", s.name, diff)
		}
	}
}
