package gui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/server/launch"
)

// callbacks are w's answers to launch's questions: dialogs in w. They are
// called on launch's goroutine and wait for the user; the connection's
// context being cancelled (the window closed) withdraws the question.
func (w *sessionWindow) callbacks() launch.Callbacks {
	return launch.Callbacks{
		UnknownHost: func(ctx context.Context, q launch.UnknownHostQuestion) (launch.HostKeyDecision, error) {
			return ask(ctx, func(reply func(launch.HostKeyDecision)) dialog.Dialog { return w.unknownHostDialog(q, reply) })
		},
		Passphrase: func(ctx context.Context, q launch.PassphraseQuestion) (string, error) {
			msg := "Enter the passphrase of " + q.KeyPath + "."
			if q.Attempt > 1 {
				msg = "Wrong passphrase. " + msg
			}
			return askSecret(ctx, w, "Key passphrase", msg, "Passphrase")
		},
		Password: func(ctx context.Context, q launch.PasswordQuestion) (string, error) {
			msg := fmt.Sprintf("Enter the password of %s on %s.", q.User, q.Host)
			if q.Attempt > 1 {
				msg = "Wrong password. " + msg
			}
			return askSecret(ctx, w, "Password", msg, "Password")
		},
		KeyboardInteractive: func(ctx context.Context, c launch.Challenge) ([]string, error) {
			answers, err := ask(ctx, func(reply func([]string)) dialog.Dialog { return w.challengeDialog(c, reply) })
			if err == nil && answers == nil {
				err = ErrCancelled
			}
			return answers, err
		},
		UploadConsent: func(ctx context.Context, q launch.UploadQuestion) (bool, error) {
			return ask(ctx, func(reply func(bool)) dialog.Dialog {
				d := dialog.NewConfirm("Copy Roam's server to "+q.Host+"?",
					fmt.Sprintf("%s has neither mosh-server nor roam-server.\n\n"+
						"Roam can copy its own server there (%s, %.1f MB) into ~/.cache/roam\n"+
						"and run it; your answer is remembered for this host.", q.Host, q.Platform, float64(q.Size)/1e6),
					reply, w.win)
				d.SetConfirmText("Copy and connect")
				d.SetDismissText("Cancel")
				return d
			})
		},
		Progress: func(sent, total int64) { fyne.Do(func() { w.showProgress(sent, total) }) },
		Notice:   func(msg string) { fyne.Do(func() { w.setNotice(msg) }) },
	}
}

// ask shows the dialog that show makes on the UI goroutine and waits for
// the answer it passes to reply, or for ctx to end (the dialog is then
// hidden, and the error is ctx's).
func ask[T any](ctx context.Context, show func(reply func(T)) dialog.Dialog) (T, error) {
	answer := make(chan T, 1)
	var d dialog.Dialog
	fyne.DoAndWait(func() {
		d = show(func(v T) {
			select {
			case answer <- v:
			default: // answered already
			}
		})
		d.Show()
	})
	select {
	case v := <-answer:
		return v, nil
	case <-ctx.Done():
		fyne.Do(d.Hide)
		var zero T
		return zero, ctx.Err()
	}
}

// askSecret asks for a password or passphrase in a masked entry; Cancel
// answers with ErrCancelled.
func askSecret(ctx context.Context, w *sessionWindow, title, message, label string) (string, error) {
	type answer struct {
		text string
		ok   bool
	}
	a, err := ask(ctx, func(reply func(answer)) dialog.Dialog {
		entry := widget.NewPasswordEntry()
		d := dialog.NewForm(title, "OK", "Cancel",
			[]*widget.FormItem{widget.NewFormItem("", widget.NewLabel(message)), widget.NewFormItem(label, entry)},
			func(ok bool) { reply(answer{entry.Text, ok}) }, w.win)
		entry.OnSubmitted = func(string) { d.Submit() }
		d.Resize(fyne.NewSize(420, d.MinSize().Height))
		w.win.Canvas().Focus(entry)
		return d
	})
	if err != nil {
		return "", err
	}
	if !a.ok {
		return "", ErrCancelled
	}
	return a.text, nil
}

// ErrCancelled is the answer to a question the user cancelled.
var ErrCancelled = fmt.Errorf("gui: cancelled")

// Labels of the unknown-host dialog's buttons.
const (
	acceptOnceLabel   = "Accept once"
	acceptAlwaysLabel = "Accept and remember"
	rejectLabel       = "Cancel"
)

// unknownHostDialog shows a host key no known_hosts lists, with its
// SHA256 fingerprint, and the three answers.
func (w *sessionWindow) unknownHostDialog(q launch.UnknownHostQuestion, reply func(launch.HostKeyDecision)) dialog.Dialog {
	fp := widget.NewLabelWithStyle(q.Fingerprint, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	fp.Selectable = true
	text := widget.NewLabel(fmt.Sprintf("The authenticity of host %s can't be established.\n"+
		"Its %s key fingerprint is:", q.Host, q.KeyType))
	hint := widget.NewLabel(fmt.Sprintf("Compare it with the fingerprint the host's administrator gave you.\n"+
		"\"%s\" adds the key to %s.", acceptAlwaysLabel, q.KnownHosts))
	d := dialog.NewCustomWithoutButtons("Unknown host "+q.Host, container.NewVBox(text, fp, hint), w.win)
	button := func(label string, decision launch.HostKeyDecision, imp widget.Importance) *widget.Button {
		b := widget.NewButton(label, func() { reply(decision); d.Hide() })
		b.Importance = imp
		return b
	}
	d.SetButtons([]fyne.CanvasObject{
		button(rejectLabel, launch.RejectHostKey, widget.MediumImportance),
		button(acceptOnceLabel, launch.AcceptHostKeyOnce, widget.MediumImportance),
		button(acceptAlwaysLabel, launch.AcceptHostKeyAlways, widget.HighImportance),
	})
	d.SetIcon(theme.QuestionIcon())
	d.SetOnClosed(func() { reply(launch.RejectHostKey) })
	return d
}

// challengeDialog asks a keyboard-interactive round's questions, each in
// a masked entry unless the server says the answer may be shown.
func (w *sessionWindow) challengeDialog(c launch.Challenge, reply func([]string)) dialog.Dialog {
	var items []*widget.FormItem
	if text := strings.TrimSpace(c.Name + "\n" + c.Instruction); text != "" {
		items = append(items, widget.NewFormItem("", widget.NewLabel(text)))
	}
	entries := make([]*widget.Entry, len(c.Questions))
	for i, q := range c.Questions {
		entries[i] = widget.NewEntry()
		if !q.Echo {
			entries[i] = widget.NewPasswordEntry()
		}
		items = append(items, widget.NewFormItem(strings.TrimSpace(q.Prompt), entries[i]))
	}
	d := dialog.NewForm(fmt.Sprintf("%s@%s", c.User, c.Host), "OK", "Cancel", items, func(ok bool) {
		if !ok {
			reply(nil)
			return
		}
		answers := make([]string, len(entries)) // not nil: nil is Cancel
		for i, e := range entries {
			answers[i] = e.Text
		}
		reply(answers)
	}, w.win)
	if n := len(entries); n > 0 {
		entries[n-1].OnSubmitted = func(string) { d.Submit() }
		w.win.Canvas().Focus(entries[0])
	}
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	return d
}

// showProgress shows an upload's progress in a dialog, which goes once
// the upload is complete.
func (w *sessionWindow) showProgress(sent, total int64) {
	if w.progress == nil {
		w.progressBar = widget.NewProgressBar()
		w.progress = dialog.NewCustomWithoutButtons("Copying Roam's server to "+w.host,
			container.NewVBox(widget.NewLabel("Uploading the server; this happens once per host and version."), w.progressBar), w.win)
		w.progress.Resize(fyne.NewSize(420, w.progress.MinSize().Height))
		w.progress.Show()
	}
	if total > 0 {
		w.progressBar.SetValue(float64(sent) / float64(total))
	}
	if sent >= total {
		w.hideProgress()
	}
}

// hideProgress takes the upload progress dialog away, if shown.
func (w *sessionWindow) hideProgress() {
	if w.progress != nil {
		w.progress.Hide()
		w.progress, w.progressBar = nil, nil
	}
}
