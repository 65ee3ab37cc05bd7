package gui

import (
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/vt"
)

// TestWindowHistory checks that a session's history reaches the window's
// terminal (selectable with the screen), and that the find shortcut opens
// the search bar, which searches it and gives the keyboard back on
// Escape.
func TestWindowHistory(t *testing.T) {
	a := testApp(t, Options{})
	w := a.newWindow("test", overrides{})
	e := vt.NewEmulator(20, 3)
	h := vt.NewHistory(100)
	e.SetHistory(h)
	e.Write([]byte("one\r\ntwo needle\r\nthree\r\nfour\r\n$ "))
	w.show(session.Frame{FB: e.Framebuffer().Clone(), History: session.History{HistoryView: h.Snapshot(), Incomplete: true}})

	f := w.view.Frame()
	if f.History.Len() != 2 || f.History.End() != h.End() || !f.HistoryIncomplete {
		t.Fatalf("view's history: %d lines to %d, incomplete %v; want the session's 2 to %d, incomplete",
			f.History.Len(), f.History.End(), f.HistoryIncomplete, h.End())
	}
	w.view.SelectAll()
	if got := w.view.SelectedText(); !strings.HasPrefix(got, "one\ntwo needle\nthree\nfour\n$") {
		t.Errorf("select all = %q, want the history then the screen", got)
	}

	find := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}
	if runtime.GOOS == "darwin" {
		find.Modifier = fyne.KeyModifierSuper
	}
	w.view.TypedShortcut(find)
	if !w.find.overlay.Visible() || w.win.Canvas().Focused() != w.find.entry {
		t.Fatalf("the find shortcut did not open the search bar with the keyboard in it (focused %T)", w.win.Canvas().Focused())
	}
	test.Type(w.find.entry, "NEEDLE")
	if w.find.status.Text != "" {
		t.Errorf("searching for a line of the history says %q", w.find.status.Text)
	}
	test.Type(w.find.entry, "s")
	if w.find.status.Text != "No matches" {
		t.Errorf("searching for what is not there says %q", w.find.status.Text)
	}
	w.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.find.overlay.Visible() || w.win.Canvas().Focused() != w.view {
		t.Error("Escape did not close the search bar and give the keyboard back to the terminal")
	}
}
