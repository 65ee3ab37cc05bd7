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

// cellAt returns the cell under a position in the widget, clamped to the
// screen.
func (t *Terminal) cellAt(pos fyne.Position) cellPos {
	if t.comp.atlas == nil || t.frame.Screen == nil {
		return cellPos{}
	}
	m := t.comp.atlas.m
	col := int(math.Floor(float64(pos.X*t.scale) / float64(m.cellW)))
	row := int(math.Floor(float64(pos.Y*t.scale) / float64(m.cellH)))
	fb := t.frame.Screen
	return cellPos{min(max(row, 0), fb.Height()-1), min(max(col, 0), fb.Width()-1)}
}

// reporting reports whether mouse events go to the remote: it asked for
// them and Shift (which forces local selection) is not held.
func (t *Terminal) reporting(mods fyne.KeyModifier) bool {
	fb := t.frame.Screen
	if fb == nil || mods&fyne.KeyModifierShift != 0 {
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

// Dragged is part of fyne.Draggable: motion with a button held.
func (t *Terminal) Dragged(ev *fyne.DragEvent) {
	cell := t.cellAt(ev.Position)
	if t.pressed != vt.ButtonNone {
		if cell != t.lastCell && t.reporting(t.modifiers()) {
			t.lastCell = cell
			t.report(vt.MouseEvent{Action: vt.MouseMotion, Button: t.pressed, Col: cell.Col, Row: cell.Row, Mods: vtMods(t.modifiers())})
		}
		return
	}
	if cell != t.sel.head || !t.sel.active {
		t.sel.head, t.sel.active = cell, true
		t.raster.Refresh()
	}
}

// DragEnd is part of fyne.Draggable.
func (t *Terminal) DragEnd() {}

// MouseIn is part of desktop.Hoverable.
func (t *Terminal) MouseIn(*desktop.MouseEvent) {}

// MouseMoved is part of desktop.Hoverable: motion with no button held is
// reported in any-motion mode (1003).
func (t *Terminal) MouseMoved(ev *desktop.MouseEvent) {
	if t.pressed != vt.ButtonNone || !t.reporting(ev.Modifier) || t.frame.Screen.Mouse != vt.MouseAny {
		return
	}
	if cell := t.cellAt(ev.Position); cell != t.lastCell {
		t.lastCell = cell
		t.report(vt.MouseEvent{Action: vt.MouseMotion, Button: vt.ButtonNone, Col: cell.Col, Row: cell.Row, Mods: vtMods(ev.Modifier)})
	}
}

// MouseOut is part of desktop.Hoverable.
func (t *Terminal) MouseOut() {}

// Scrolled is part of fyne.Scrollable: the wheel, reported as buttons 4
// and 5 when the remote asked for the mouse. Without mouse reporting
// there is nothing to scroll: like mosh, Roam keeps no scrollback.
func (t *Terminal) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DY == 0 || !t.reporting(t.modifiers()) {
		return
	}
	b := vt.ButtonWheelDown
	if ev.Scrolled.DY > 0 {
		b = vt.ButtonWheelUp
	}
	cell := t.cellAt(ev.Position)
	t.report(vt.MouseEvent{Action: vt.MousePress, Button: b, Col: cell.Col, Row: cell.Row, Mods: vtMods(t.modifiers())})
}

// hasSelection reports whether any text is selected.
func (t *Terminal) hasSelection() bool {
	from, to := t.sel.bounds(t.frame.Screen)
	return from != to
}

// SelectedText returns the selected text.
func (t *Terminal) SelectedText() string {
	from, to := t.sel.bounds(t.frame.Screen)
	return selectedText(t.frame.Screen, from, to)
}

// ScreenText returns the text of the whole screen (see SelectedText for
// how it is laid out).
func (t *Terminal) ScreenText() string {
	fb := t.frame.Screen
	if fb == nil {
		return ""
	}
	return selectedText(fb, cellPos{}, cellPos{fb.Height() - 1, fb.Width()})
}

// SelectAll selects the whole screen.
func (t *Terminal) SelectAll() {
	if fb := t.frame.Screen; fb != nil {
		t.sel = selection{active: true, mode: selectLines, anchor: cellPos{}, head: cellPos{fb.Height() - 1, 0}}
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
	if t.cfg.Paste != nil {
		t.cfg.Paste(p)
		return
	}
	t.send(p)
}
