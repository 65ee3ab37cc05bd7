package termview

import (
	"math"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/roamterm/roam/vt"
)

// multiClick is the longest pause between the clicks of a double or
// triple click.
const multiClick = 400 * time.Millisecond

// clickCounter counts the clicks of a multiple click on one cell.
type clickCounter struct {
	at    time.Time
	cell  cellPos
	count int
}

// click records a click and returns 1, 2 or 3 for a single, double or
// triple (or longer) click.
func (c *clickCounter) click(now time.Time, cell cellPos) int {
	if c.count > 0 && cell == c.cell && now.Sub(c.at) <= multiClick {
		c.count = c.count%3 + 1
	} else {
		c.count = 1
	}
	c.at, c.cell = now, cell
	return c.count
}

// gridAt returns the row and column of the view's grid under a position
// in the widget, not clamped.
func (t *Terminal) gridAt(pos fyne.Position) (row, col int) {
	if t.comp.atlas == nil {
		return 0, 0
	}
	m := t.comp.atlas.m
	col = int(math.Floor(float64(pos.X*t.scale) / float64(m.cellW)))
	row = int(math.Floor(float64(pos.Y*t.scale) / float64(m.cellH)))
	return row, col
}

// cellAt returns the screen's cell under a position in the widget,
// clamped to the screen, for mouse reports (which are only sent while
// the view follows the screen).
func (t *Terminal) cellAt(pos fyne.Position) cellPos {
	fb := t.frame.Screen
	if fb == nil {
		return cellPos{}
	}
	row, col := t.gridAt(pos)
	return cellPos{min(max(row, 0), fb.Height()-1), min(max(col, 0), fb.Width()-1)}
}

// textAt returns the virtual position (see lines) under a position in
// the widget, clamped to the rows in view, for selecting.
func (t *Terminal) textAt(pos fyne.Position) cellPos {
	src := linesOf(&t.frame)
	row, col := t.gridAt(pos)
	row = min(max(row, 0), max(t.rows, 1)-1)
	v := min(max(t.viewTop()+row, src.first()), max(src.end()-1, src.first()))
	return cellPos{v, min(max(col, 0), max(src.width()-1, 0))}
}

// reporting reports whether mouse events go to the remote: it asked for
// them, Shift (which forces local selection) is not held and the view
// is not scrolled back (its rows are not the screen's).
func (t *Terminal) reporting(mods fyne.KeyModifier) bool {
	fb := t.frame.Screen
	if fb == nil || mods&fyne.KeyModifierShift != 0 || t.scroll.back {
		return false
	}
	switch fb.Mouse {
	case vt.MouseX10, vt.MouseVT200, vt.MouseButton, vt.MouseAny:
		return true
	}
	return false
}

// report sends a mouse report for the remote, if its mode reports ev.
func (t *Terminal) report(ev vt.MouseEvent) {
	fb := t.frame.Screen
	t.send(vt.EncodeMouse(ev, fb.Mouse, fb.MouseEncoding))
}

func vtButton(b desktop.MouseButton) (vt.Button, bool) {
	switch b {
	case desktop.MouseButtonPrimary:
		return vt.ButtonLeft, true
	case desktop.MouseButtonTertiary:
		return vt.ButtonMiddle, true
	case desktop.MouseButtonSecondary:
		return vt.ButtonRight, true
	}
	return vt.ButtonNone, false
}

// MouseDown is part of desktop.Mouseable.
func (t *Terminal) MouseDown(ev *desktop.MouseEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
	if ev.Button == desktop.MouseButtonPrimary {
		if t.bar.Visible() && t.onScrollbar(ev.Position) {
			t.barPress(ev.Position)
			return
		}
		if row, col := t.gridAt(ev.Position); t.onNewOutputBadge(row, col) {
			t.scrollToBottom()
			return
		}
	}
	cell := t.cellAt(ev.Position)
	if t.reporting(ev.Modifier) {
		if b, ok := vtButton(ev.Button); ok {
			t.pressed, t.lastCell = b, cell
			t.report(vt.MouseEvent{Action: vt.MousePress, Button: b, Col: cell.Col, Row: cell.Row, Mods: vtMods(ev.Modifier)})
		}
		return
	}
	switch ev.Button {
	case desktop.MouseButtonPrimary:
		cell := t.textAt(ev.Position)
		n := t.clicks.click(time.Now(), cell)
		t.sel = selection{active: n > 1, mode: selectMode(n - 1), anchor: cell, head: cell}
		t.raster.Refresh()
	case desktop.MouseButtonTertiary:
		if runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
			t.Paste() // the X11 convention; Fyne offers no primary selection
		}
	}
}

// MouseUp is part of desktop.Mouseable.
func (t *Terminal) MouseUp(ev *desktop.MouseEvent) {
	if t.scroll.dragging {
		t.scroll.dragging = false
		t.updateScrollbar()
		return
	}
	if t.pressed != vt.ButtonNone {
		cell := t.cellAt(ev.Position)
		b := t.pressed
		t.pressed = vt.ButtonNone
		if t.reporting(ev.Modifier) {
			t.report(vt.MouseEvent{Action: vt.MouseRelease, Button: b, Col: cell.Col, Row: cell.Row, Mods: vtMods(ev.Modifier)})
		}
		return
	}
	if ev.Button == desktop.MouseButtonPrimary && t.cfg.CopyOnSelect && t.hasSelection() {
		t.Copy()
	}
}

// Dragged is part of fyne.Draggable: motion with a button held. A
// selection dragged past the top or bottom edge scrolls the view.
func (t *Terminal) Dragged(ev *fyne.DragEvent) {
	if t.scroll.dragging {
		t.barDrag(ev.Position)
		return
	}
	if t.pressed != vt.ButtonNone {
		cell := t.cellAt(ev.Position)
		if cell != t.lastCell && t.reporting(t.modifiers()) {
			t.lastCell = cell
			t.report(vt.MouseEvent{Action: vt.MouseMotion, Button: t.pressed, Col: cell.Col, Row: cell.Row, Mods: vtMods(t.modifiers())})
		}
		return
	}
	switch row, _ := t.gridAt(ev.Position); {
	case row < 0:
		t.scrollBy(max(row, -maxDragScroll))
	case row >= t.rows:
		t.scrollBy(min(row-t.rows+1, maxDragScroll))
	}
	if cell := t.textAt(ev.Position); cell != t.sel.head || !t.sel.active {
		t.sel.head, t.sel.active = cell, true
		t.raster.Refresh()
	}
}

// maxDragScroll bounds the rows one drag event past an edge scrolls.
const maxDragScroll = 3

// DragEnd is part of fyne.Draggable.
func (t *Terminal) DragEnd() {
	if t.scroll.dragging {
		t.scroll.dragging = false
		t.updateScrollbar()
	}
}

// MouseIn is part of desktop.Hoverable.
func (t *Terminal) MouseIn(ev *desktop.MouseEvent) { t.hoverBar(ev.Position) }

// hoverBar shows the scrollbar while the pointer is near the right edge.
func (t *Terminal) hoverBar(pos fyne.Position) {
	if hover := t.onScrollbar(pos); hover != t.scroll.hover {
		t.scroll.hover = hover
		t.updateScrollbar()
	}
}

// MouseMoved is part of desktop.Hoverable: motion with no button held is
// reported in any-motion mode (1003); near the right edge it shows the
// scrollbar.
func (t *Terminal) MouseMoved(ev *desktop.MouseEvent) {
	t.hoverBar(ev.Position)
	if t.pressed != vt.ButtonNone || !t.reporting(ev.Modifier) || t.frame.Screen.Mouse != vt.MouseAny {
		return
	}
	if cell := t.cellAt(ev.Position); cell != t.lastCell {
		t.lastCell = cell
		t.report(vt.MouseEvent{Action: vt.MouseMotion, Button: vt.ButtonNone, Col: cell.Col, Row: cell.Row, Mods: vtMods(ev.Modifier)})
	}
}

// MouseOut is part of desktop.Hoverable.
func (t *Terminal) MouseOut() {
	if t.scroll.hover {
		t.scroll.hover = false
		t.updateScrollbar()
	}
}

// Scrolled is part of fyne.Scrollable: the wheel (or trackpad) scrolls
// the history; while the view follows the screen, it is reported as
// buttons 4 and 5 when the remote asked for the mouse, and otherwise
// sent as arrow keys when the remote is on the alternate screen (see
// altScroll). Shift keeps it for the history.
func (t *Terminal) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DY == 0 {
		return
	}
	mods := t.modifiers()
	switch {
	case t.reporting(mods):
		b := vt.ButtonWheelDown
		if ev.Scrolled.DY > 0 {
			b = vt.ButtonWheelUp
		}
		cell := t.cellAt(ev.Position)
		t.report(vt.MouseEvent{Action: vt.MousePress, Button: b, Col: cell.Col, Row: cell.Row, Mods: vtMods(mods)})
	case t.altScroll(mods):
		t.wheelKeys(ev.Scrolled.DY)
	default:
		t.wheel(ev.Scrolled.DY)
	}
}

// hasSelection reports whether any text is selected.
func (t *Terminal) hasSelection() bool {
	from, to := t.sel.bounds(linesOf(&t.frame))
	return from != to
}

// SelectedText returns the selected text, from the history and the
// screen.
func (t *Terminal) SelectedText() string {
	src := linesOf(&t.frame)
	from, to := t.sel.bounds(src)
	return selectedText(src, from, to)
}

// ScreenText returns the text of the whole screen, without the history
// (see SelectedText for how it is laid out).
func (t *Terminal) ScreenText() string {
	src := linesOf(&t.frame)
	return selectedText(src, cellPos{src.screenTop(), 0}, cellPos{src.end() - 1, markToEnd})
}

// SelectAll selects the history and the whole screen.
func (t *Terminal) SelectAll() {
	if src := linesOf(&t.frame); src.screen != nil {
		t.sel = selection{active: true, mode: selectLines, anchor: cellPos{src.first(), 0}, head: cellPos{src.end() - 1, 0}}
		t.raster.Refresh()
	}
}

// Copy puts the selected text on the clipboard.
func (t *Terminal) Copy() {
	if text := t.SelectedText(); text != "" {
		fyne.CurrentApp().Clipboard().SetContent(text)
	}
}

// Paste sends the clipboard's text to the remote as a paste.
func (t *Terminal) Paste() {
	text := fyne.CurrentApp().Clipboard().Content()
	if text == "" {
		return
	}
	bracketed := t.frame.Screen != nil && t.frame.Screen.BracketedPaste
	p := vt.EncodePaste(text, bracketed)
	t.activity()
	t.scrollToBottom()
	if t.cfg.Paste != nil {
		t.cfg.Paste(p)
		return
	}
	t.send(p)
}
