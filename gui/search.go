package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/gui/termview"
)

// findEntryWidth is the width of the search bar's entry, in Fyne units.
const findEntryWidth = 220

// findBar is a window's find bar, over the top right corner of the
// terminal so that opening it does not resize the remote's screen. It
// searches as the user types; Enter finds the previous (older) match,
// Shift+Enter the next, Escape closes the bar and gives the keyboard
// back to the terminal.
type findBar struct {
	view   *termview.Terminal
	canvas fyne.Canvas
	entry  *findEntry
	status *widget.Label
	bg     *canvas.Rectangle
	// overlay is what the window stacks over the terminal: the bar at
	// the top right, the rest empty (events there reach the terminal).
	overlay *fyne.Container
}

// newFindBar returns a hidden search bar for view, in canvas c.
func newFindBar(view *termview.Terminal, c fyne.Canvas) *findBar {
	s := &findBar{view: view, canvas: c, status: widget.NewLabel("")}
	s.entry = newFindEntry(s)
	s.entry.SetPlaceHolder("Find")
	s.entry.OnChanged = func(string) { s.search() }
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { s.step(true) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { s.step(false) })
	closeButton := widget.NewButtonWithIcon("", theme.CancelIcon(), s.close)
	entry := container.NewGridWrap(fyne.NewSize(findEntryWidth, s.entry.MinSize().Height), s.entry)
	s.bg = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bar := container.NewStack(s.bg, container.NewPadded(container.NewHBox(entry, s.status, up, down, closeButton)))
	s.overlay = container.NewVBox(container.NewHBox(layout.NewSpacer(), bar))
	s.overlay.Hide()
	return s
}

// open shows the bar with the keyboard in its entry, searching again for
// the text it kept.
func (s *findBar) open() {
	s.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground) // the theme may have changed
	s.bg.Refresh()
	s.overlay.Show()
	s.canvas.Focus(s.entry)
	s.search()
}

// close hides the bar, removes the highlights and gives the keyboard back
// to the terminal.
func (s *findBar) close() {
	s.overlay.Hide()
	s.view.EndSearch()
	s.status.SetText("")
	s.canvas.Focus(s.view)
}

// search looks for the entry's text.
func (s *findBar) search() {
	s.showFound(s.entry.Text == "" || s.view.Search(s.entry.Text))
}

// step moves to the previous (up) or next match.
func (s *findBar) step(up bool) {
	if s.entry.Text == "" {
		return
	}
	if up {
		s.showFound(s.view.FindUp())
	} else {
		s.showFound(s.view.FindDown())
	}
}

func (s *findBar) showFound(found bool) {
	if found {
		s.status.SetText("")
	} else {
		s.status.SetText("No matches")
	}
}

// findEntry is the bar's entry: it takes Enter, Shift+Enter and Escape
// for the bar.
type findEntry struct {
	widget.Entry
	bar   *findBar
	shift bool // Shift is held (drivers without CurrentKeyModifiers)
}

func newFindEntry(bar *findBar) *findEntry {
	e := &findEntry{bar: bar}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *findEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		e.bar.close()
	case fyne.KeyReturn, fyne.KeyEnter:
		e.bar.step(!e.shiftHeld())
	default:
		e.Entry.TypedKey(ev)
	}
}

// KeyDown is part of desktop.Keyable.
func (e *findEntry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(ev)
}

// KeyUp is part of desktop.Keyable.
func (e *findEntry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(ev)
}

func (e *findEntry) shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return e.shift
}
