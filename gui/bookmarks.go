package gui

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/gui/bookmark"
)

// bookmarksWindow is the launcher: the bookmarks of the store with a
// search box, the recent connections, and the actions on a bookmark.
// Double-click or Enter connects.
type bookmarksWindow struct {
	app    *App
	win    fyne.Window
	search *searchEntry
	list   *widget.List
	recent *widget.List

	all      []bookmark.Entry // the store's, sorted by title
	shown    []bookmark.Entry // those matching the search
	selected int              // index in shown; -1 for none
	recents  []bookmark.Recent
	// status tells what went wrong with the store as a whole.
	status *widget.Label
}

// showBookmarks opens the bookmarks window, or brings it to the front,
// with the keyboard in its search box.
func (a *App) showBookmarks() {
	a.openBookmarks()
	a.bookmarks.win.Canvas().Focus(a.bookmarks.search)
}

// openBookmarks opens the bookmarks window, or brings it to the front,
// leaving its search box unfocused: on the first run it opens beside the
// first session, and a focused entry's blinking cursor would keep Fyne
// redrawing (several per cent of a CPU) for as long as it stays open.
func (a *App) openBookmarks() {
	if a.bookmarks != nil {
		a.bookmarks.win.RequestFocus()
		return
	}
	b := &bookmarksWindow{app: a, selected: -1}
	a.bookmarks = b
	b.win = a.fyne.NewWindow("Roam — Bookmarks")
	b.search = newSearchEntry(b)
	b.status = widget.NewLabel("")
	b.status.Wrapping = fyne.TextWrapWord
	b.status.Importance = widget.DangerImportance
	b.status.Hide()

	b.list = widget.NewList(
		func() int { return len(b.shown) },
		func() fyne.CanvasObject { return newEntryRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			e := b.shown[id]
			row := o.(*entryRow)
			row.set(e.Title(), e.Summary(), e.Err != nil)
			row.onTap = func() { b.list.Select(id) }
			row.onDoubleTap = func() { b.list.Select(id); b.connectSelected() }
		})
	b.list.OnSelected = func(id widget.ListItemID) { b.selected = id }
	b.list.OnUnselected = func(widget.ListItemID) { b.selected = -1 }

	b.recent = widget.NewList(
		func() int { return len(b.recents) },
		func() fyne.CanvasObject { return newEntryRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := b.recents[id]
			row := o.(*entryRow)
			row.set(r.Title, r.Time.Local().Format("2006-01-02 15:04")+" — "+r.Target, false)
			row.onTap = func() { b.recent.Select(id) }
			row.onDoubleTap = func() { b.openRecent(id) }
		})

	toolbar := container.NewHBox(
		widget.NewButtonWithIcon("Connect", theme.MediaPlayIcon(), b.connectSelected),
		widget.NewButtonWithIcon("New", theme.ContentAddIcon(), func() { b.edit("") }),
		widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), b.editSelected),
		widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), b.duplicateSelected),
		widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), b.deleteSelected),
		widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), b.exportSelected),
		widget.NewButtonWithIcon("Import ~/.ssh/config", theme.DownloadIcon(), b.importSSHConfig),
	)
	top := container.NewVBox(b.search, toolbar, b.status)
	recentBox := container.NewBorder(widget.NewLabelWithStyle("Recent connections", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, b.recent)
	split := container.NewVSplit(b.list, recentBox)
	split.Offset = 0.65
	b.win.SetContent(container.NewBorder(top, nil, nil, nil, split))
	b.win.SetMainMenu(fyne.NewMainMenu(a.sessionMenu(b.win, fyne.NewMenuItem("Close Window", b.win.Close))))
	b.win.Resize(fyne.NewSize(720, 520))
	b.win.SetOnClosed(func() {
		a.bookmarks = nil
		a.quitIfIdle()
	})
	b.refresh()
	b.win.Show()
}

// refreshBookmarks shows the store's current state in the bookmarks
// window, if open.
func (a *App) refreshBookmarks() {
	if a.bookmarks != nil {
		a.bookmarks.refresh()
	}
}

// refresh reads the store again.
func (b *bookmarksWindow) refresh() {
	b.all, b.recents = nil, nil
	b.status.Hide()
	if b.app.store == nil {
		b.setStatus(errors.New("gui: no configuration directory for bookmarks"))
	} else {
		var err error
		if b.all, err = b.app.store.List(); err != nil {
			b.setStatus(err)
		}
		b.recents = b.app.store.Recent()
	}
	b.filter(b.search.Text)
	b.recent.Refresh()
}

func (b *bookmarksWindow) setStatus(err error) {
	b.status.SetText(err.Error())
	b.status.Show()
}

// filter shows the bookmarks matching query and selects the first.
func (b *bookmarksWindow) filter(query string) {
	b.shown = bookmark.Filter(b.all, query)
	b.list.UnselectAll()
	b.selected = -1
	b.list.Refresh()
	if len(b.shown) > 0 {
		b.list.Select(0)
	}
}

// selectedEntry returns the selected bookmark's entry, if any.
func (b *bookmarksWindow) selectedEntry() (bookmark.Entry, bool) {
	if b.selected < 0 || b.selected >= len(b.shown) {
		return bookmark.Entry{}, false
	}
	return b.shown[b.selected], true
}

// connectSelected connects to the selected bookmark in a new window; a
// bookmark that does not load shows its error instead.
func (b *bookmarksWindow) connectSelected() {
	e, ok := b.selectedEntry()
	if !ok {
		return
	}
	if e.Err != nil {
		b.showError(e.Err)
		return
	}
	b.app.connect(bookmarkDestination(e.Bookmark, e.Path))
}

// openRecent connects to the recent connection i again.
func (b *bookmarksWindow) openRecent(i int) {
	if i < 0 || i >= len(b.recents) {
		return
	}
	r := b.recents[i]
	bm, err := bookmark.Resolve(r.Target)
	if err != nil {
		b.showError(err)
		return
	}
	b.app.connect(bookmarkDestination(bm, r.Target))
}

func (b *bookmarksWindow) editSelected() {
	e, ok := b.selectedEntry()
	if !ok {
		return
	}
	if e.Err != nil {
		b.showError(fmt.Errorf("%w (fix the file in a text editor, or delete it)", e.Err))
		return
	}
	b.edit(e.ID)
}

func (b *bookmarksWindow) duplicateSelected() {
	e, ok := b.selectedEntry()
	if !ok || b.app.store == nil {
		return
	}
	if _, err := b.app.store.Duplicate(e.ID); err != nil {
		b.showError(err)
	}
	b.refresh()
}

func (b *bookmarksWindow) deleteSelected() {
	e, ok := b.selectedEntry()
	if !ok || b.app.store == nil {
		return
	}
	dialog.ShowConfirm("Delete bookmark", fmt.Sprintf("Delete %q?\n\n%s", e.Title(), e.Path), func(yes bool) {
		if !yes {
			return
		}
		if err := b.app.store.Delete(e.ID); err != nil {
			b.showError(err)
		}
		b.refresh()
	}, b.win)
}

// exportSelected asks where to save a copy of the selected bookmark.
func (b *bookmarksWindow) exportSelected() {
	e, ok := b.selectedEntry()
	if !ok || b.app.store == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			b.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		w.Close()
		if err := b.app.store.Export(e.ID, w.URI().Path()); err != nil {
			b.showError(err)
		}
	}, b.win)
	d.SetFileName(e.ID + bookmark.Ext)
	d.Show()
}

// importSSHConfig adds a bookmark for each host of ~/.ssh/config.
func (b *bookmarksWindow) importSSHConfig() {
	home, err := os.UserHomeDir()
	if err != nil {
		b.showError(err)
		return
	}
	b.importFrom(filepath.Join(home, ".ssh", "config"))
}

func (b *bookmarksWindow) importFrom(path string) {
	if b.app.store == nil {
		return
	}
	ids, err := b.app.store.ImportSSHConfig(path)
	b.refresh()
	if err != nil {
		b.showError(err)
		return
	}
	msg := fmt.Sprintf("Imported %d hosts from %s.", len(ids), path)
	if len(ids) == 0 {
		msg = "Every concrete host of " + path + " has a bookmark already."
	}
	dialog.ShowInformation("Import", msg, b.win)
}

// showError shows err in a dialog of the bookmarks window.
func (b *bookmarksWindow) showError(err error) {
	log.Print(err)
	diagnosisDialog(err, b.win).Show()
}

// searchEntry is the search box: typing filters, Up and Down move the
// selection, Enter connects.
type searchEntry struct {
	widget.Entry
	b *bookmarksWindow
}

func newSearchEntry(b *bookmarksWindow) *searchEntry {
	e := &searchEntry{b: b}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Search bookmarks")
	e.OnChanged = b.filter
	e.OnSubmitted = func(string) { b.connectSelected() }
	return e
}

// TypedKey moves the selection with the arrow keys.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	b := e.b
	switch ev.Name {
	case fyne.KeyDown:
		if b.selected+1 < len(b.shown) {
			b.list.Select(b.selected + 1)
		}
	case fyne.KeyUp:
		if b.selected > 0 {
			b.list.Select(b.selected - 1)
		}
	default:
		e.Entry.TypedKey(ev)
	}
}

// entryRow is one line of a list: a title over a summary, which is red
// for a file that does not load. It passes taps to the list (selection)
// and double taps to the window (connect).
type entryRow struct {
	widget.BaseWidget
	title, summary *widget.Label
	onTap          func()
	onDoubleTap    func()
}

func newEntryRow() *entryRow {
	r := &entryRow{
		title:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		summary: widget.NewLabel(""),
	}
	r.summary.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *entryRow) set(title, summary string, broken bool) {
	r.title.SetText(title)
	r.summary.SetText(summary)
	r.summary.Importance = widget.MediumImportance
	if broken {
		r.summary.Importance = widget.DangerImportance
	}
	r.summary.Refresh()
}

func (r *entryRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(r.title, r.summary))
}

// Tapped selects the row.
func (r *entryRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// DoubleTapped connects.
func (r *entryRow) DoubleTapped(*fyne.PointEvent) {
	if r.onDoubleTap != nil {
		r.onDoubleTap()
	}
}
