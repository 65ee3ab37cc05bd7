package termview

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func newTestApp(t *testing.T) fyne.App { return test.NewTempApp(t) }

func newTestWindow(t *testing.T, content fyne.CanvasObject) fyne.Window {
	w := test.NewTempWindow(t, content)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(200, 100))
	return w
}

// testTime is a fixed instant for tests that pass times explicitly.
var testTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
