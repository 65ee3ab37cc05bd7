package gui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/fonts"
	"github.com/roamterm/roam/gui/bookmark"
	"github.com/roamterm/roam/gui/settings"
	"github.com/roamterm/roam/gui/termview"
)

// bookmarkForm edits one bookmark. Saving validates it first: an error
// is shown in the form, which stays open, so nothing typed is lost.
type bookmarkForm struct {
	b  *bookmarksWindow
	id string // "" for a new bookmark
	// orig keeps the fields the form does not show (and unknown ones).
	orig *bookmark.Bookmark

	name, host, user, port, alias, command, udpPort, notes *widget.Entry
	predict                                                *widget.Select
	// The window's appearance: font family and size, theme, palette.
	font, theme, palette *widget.Select
	fontSize             *widget.Entry
	errLabel             *widget.Label
	dialog               *dialog.CustomDialog
	// form scrolls when the window is too small for it.
	form   *widget.Form
	scroll *container.Scroll
}

// predictChoices are the prediction modes the form offers; the first
// leaves the app's setting.
var predictChoices = []string{"default", string(bookmark.PredictAdaptive), string(bookmark.PredictAlways),
	string(bookmark.PredictNever), string(bookmark.PredictExperimental)}

// edit opens the form for the bookmark id, or for a new one if id is "".
func (b *bookmarksWindow) edit(id string) *bookmarkForm {
	f := &bookmarkForm{b: b, id: id, orig: &bookmark.Bookmark{}}
	if id != "" {
		bm, err := b.app.store.Load(id)
		if err != nil {
			b.showError(err)
			return nil
		}
		f.orig = bm
	}
	entry := func(text, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		return e
	}
	o := f.orig
	port := ""
	if o.Port != 0 {
		port = strconv.Itoa(o.Port)
	}
	f.name = entry(o.Name, "shown in the list; the destination if empty")
	f.host = entry(o.Host, "host name or address")
	f.user = entry(o.User, "from ssh_config, or your login")
	f.port = entry(port, "22")
	f.alias = entry(o.SSHAlias, "a Host of ~/.ssh/config, instead of host, user and port")
	f.command = entry(strings.Join(o.Command, " "), "login shell")
	f.udpPort = entry(o.UDPPort, "PORT or LOW:HIGH; the server chooses if empty")
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetText(o.Notes)
	f.notes.SetMinRowsVisible(2)
	f.predict = widget.NewSelect(predictChoices, nil)
	f.predict.SetSelected(predictChoices[0])
	if o.Predict != "" {
		f.predict.SetSelected(string(o.Predict))
	}
	f.font = overrideSelect(append([]string{fonts.GoMonoFamily}, installedFamilies()...), o.Font)
	f.fontSize = entry("", "the app's")
	if o.FontSize != 0 {
		f.fontSize.SetText(strconv.FormatFloat(o.FontSize, 'g', -1, 64))
	}
	f.theme = overrideSelect([]string{bookmark.ThemeSystem, bookmark.ThemeDark, bookmark.ThemeLight}, o.Theme)
	f.palette = overrideSelect(append(termview.PaletteNames(), settings.PaletteCustom), o.Palette)
	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Hide()

	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Host", f.host),
		widget.NewFormItem("User", f.user),
		widget.NewFormItem("SSH port", f.port),
		widget.NewFormItem("ssh_config alias", f.alias),
		widget.NewFormItem("Command", f.command),
		widget.NewFormItem("UDP port", f.udpPort),
		widget.NewFormItem("Prediction", f.predict),
		widget.NewFormItem("Font, size", container.NewGridWithColumns(2, f.font, f.fontSize)),
		widget.NewFormItem("Theme, palette", container.NewGridWithColumns(2, f.theme, f.palette)),
		widget.NewFormItem("Notes", f.notes),
		widget.NewFormItem("", f.errLabel),
	)
	title := "New bookmark"
	if id != "" {
		title = "Edit " + o.Title()
	}
	f.form, f.scroll = form, container.NewVScroll(form)
	f.dialog = dialog.NewCustomWithoutButtons(title, f.scroll, b.win)
	save := widget.NewButton("Save", f.save)
	save.Importance = widget.HighImportance
	f.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", f.dialog.Hide), save})
	f.resize()
	f.dialog.Show()
	b.win.Canvas().Focus(f.name)
	return f
}

// bookmark is the form's bookmark, with the fields it does not show
// kept from the original. A port that is not a number is kept as an
// invalid one, for Validate to name.
func (f *bookmarkForm) bookmark() *bookmark.Bookmark {
	bm := f.orig.Clone()
	bm.Name = strings.TrimSpace(f.name.Text)
	bm.Host = strings.TrimSpace(f.host.Text)
	bm.User = strings.TrimSpace(f.user.Text)
	bm.Port = 0
	if p := strings.TrimSpace(f.port.Text); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			n = -1
		}
		bm.Port = n
	}
	bm.SSHAlias = strings.TrimSpace(f.alias.Text)
	bm.Command = strings.Fields(f.command.Text)
	bm.UDPPort = strings.TrimSpace(f.udpPort.Text)
	bm.Predict = ""
	if f.predict.Selected != predictChoices[0] {
		bm.Predict = bookmark.Predict(f.predict.Selected)
	}
	bm.Font, bm.Theme, bm.Palette = overrideOf(f.font), overrideOf(f.theme), overrideOf(f.palette)
	bm.FontSize = 0
	if s := strings.TrimSpace(f.fontSize.Text); s != "" {
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			n = -1
		}
		bm.FontSize = n
	}
	bm.Notes = f.notes.Text
	return bm
}

// resize fits the dialog to the whole form, or to the window if that is
// smaller (the form then scrolls).
func (f *bookmarkForm) resize() {
	h := f.dialog.MinSize().Height - f.scroll.MinSize().Height + f.form.MinSize().Height
	if win := f.b.win.Canvas().Size(); win.Height > 0 {
		h = min(h, win.Height)
	}
	f.dialog.Resize(fyne.NewSize(wideDialog, h))
}

// useDefault is the choice of an override select that leaves the app's
// setting.
const useDefault = "default"

// overrideSelect offers "default" and options, with value (an option,
// or one this version does not offer, kept as it is) selected.
func overrideSelect(options []string, value string) *widget.Select {
	if value != "" && !slices.Contains(options, value) {
		options = append(options, value)
	}
	s := widget.NewSelect(append([]string{useDefault}, options...), nil)
	s.SetSelected(cmp.Or(value, useDefault))
	return s
}

// overrideOf is the value an override select stands for; empty for the
// app's setting.
func overrideOf(s *widget.Select) string {
	if s.Selected == useDefault {
		return ""
	}
	return s.Selected
}

// save validates the bookmark and writes it, closing the form; an
// invalid one leaves the form open with the error under it.
func (f *bookmarkForm) save() {
	bm := f.bookmark()
	err := bm.Validate()
	store := f.b.app.store
	if err == nil {
		if f.id == "" {
			_, err = store.Create(bm)
		} else if err = store.Save(f.id, bm); err == nil && bm.Name != f.orig.Name && bm.Name != "" {
			_, err = store.Rename(f.id, bm.Name)
		}
	}
	if err != nil {
		f.errLabel.SetText(err.Error())
		f.errLabel.Show()
		f.resize()
		return
	}
	f.dialog.Hide()
	f.b.refresh()
}
