package gui

import (
	"errors"
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/server/launch"
)

// showDiagnosis shows why a connection failed. A launch.Diagnosis gets
// a dialog with its explanation and fix; a changed host key, which may
// be an attack, gets its own alarming one. The user cancelling a
// question needs no dialog.
func (w *sessionWindow) showDiagnosis(err error) {
	if errors.Is(err, ErrCancelled) {
		return
	}
	diagnosisDialog(err, w.win).Show()
}

// wideDialog is the width of dialogs with paragraphs of text.
const wideDialog = 560

// diagnosisDialog makes the dialog that explains err in win.
func diagnosisDialog(err error, win fyne.Window) dialog.Dialog {
	var changed *launch.HostKeyChangedError
	if errors.As(err, &changed) {
		return hostKeyChangedDialog(changed, win)
	}
	var diag launch.Diagnosis
	if !errors.As(err, &diag) {
		return dialog.NewError(err, win)
	}
	summary := widget.NewLabelWithStyle(diag.Error(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	help := widget.NewLabel(diag.Help())
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Roam could not connect", "Close", container.NewVBox(summary, help), win)
	d.SetIcon(theme.ErrorIcon())
	d.Resize(fyne.NewSize(wideDialog, d.MinSize().Height))
	return d
}

// hostKeyChangedDialog warns, in red, that a host's key is not the one
// known_hosts lists; nothing was sent to the host, and Roam offers no
// way past it: the fix is an edit of known_hosts after checking the new
// key.
func hostKeyChangedDialog(e *launch.HostKeyChangedError, win fyne.Window) dialog.Dialog {
	banner := canvas.NewRectangle(color.NRGBA{R: 0xc0, G: 0x10, B: 0x10, A: 0xff})
	headline := canvas.NewText("REMOTE HOST IDENTIFICATION HAS CHANGED!", color.White)
	headline.TextStyle = fyne.TextStyle{Bold: true}
	headline.TextSize = theme.TextHeadingSize()
	warning := widget.NewLabelWithStyle(
		"Someone could be eavesdropping on you right now (a man-in-the-middle attack), "+
			"or the host's key has just been changed. Roam did not log in.",
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.DangerImportance
	fp := widget.NewLabelWithStyle(fmt.Sprintf("%s presented the %s key\n%s", e.Host, e.KeyType, e.Fingerprint),
		fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	fp.Selectable = true
	help := widget.NewLabel(e.Help())
	help.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(
		container.NewStack(banner, container.NewPadded(headline)),
		warning, fp, help)
	d := dialog.NewCustom("Host key of "+e.Host+" changed", "Close", content, win)
	d.SetIcon(theme.WarningIcon())
	d.Resize(fyne.NewSize(wideDialog, d.MinSize().Height))
	return d
}
