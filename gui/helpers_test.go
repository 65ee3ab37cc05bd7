package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/gui/bookmark"
)

// testApp makes an app on Fyne's headless test driver, with its settings
// and bookmarks in temporary directories and the bookmarks window
// already seen, so that only what a test opens is open.
func testApp(t *testing.T, opts Options) *App {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if opts.Bookmarks == nil {
		opts.Bookmarks = bookmark.NewStore(filepath.Join(t.TempDir(), "bookmarks"))
	}
	fa := test.NewTempApp(t)
	a := newApp(fa, opts)
	a.settings.BookmarksSeen = true
	return a
}

// overlayObjects returns the objects of win's topmost dialog.
func overlayObjects(win fyne.Window) []fyne.CanvasObject {
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	return test.LaidOutObjects(top)
}

// overlayText is the text of win's topmost dialog.
func overlayText(win fyne.Window) string {
	var b strings.Builder
	for _, o := range overlayObjects(win) {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *canvas.Text:
			b.WriteString(o.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + o.Text + "]\n")
		}
	}
	return b.String()
}

// button finds the button labelled label in win's topmost dialog.
func button(t *testing.T, win fyne.Window, label string) *widget.Button {
	t.Helper()
	for _, o := range overlayObjects(win) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	t.Fatalf("no button %q in the dialog:\n%s", label, overlayText(win))
	return nil
}

// entries returns the entries of win's topmost dialog, in order.
func entries(win fyne.Window) []*widget.Entry {
	var es []*widget.Entry
	for _, o := range overlayObjects(win) {
		if e, ok := o.(*widget.Entry); ok {
			es = append(es, e)
		}
	}
	return es
}

// waitDialog waits until win shows a dialog containing text.
func waitDialog(t *testing.T, win fyne.Window, text string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(overlayText(win), text) {
		if time.Now().After(deadline) {
			t.Fatalf("no dialog with %q; showing:\n%s", text, overlayText(win))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeFile writes data to path, failing the test on error.
func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
