package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/roamterm/roam/gui/settings"
)

// The Session menu's shortcuts, Ctrl+Shift (Cmd+Shift on macOS) with a
// letter, so that plain Ctrl letters reach the remote application.
var (
	newWindowShortcut = shortcut(fyne.KeyT) // a new local session
	connectShortcut   = shortcut(fyne.KeyO) // the connect dialog
	bookmarksShortcut = shortcut(fyne.KeyN) // the bookmarks window
	closeShortcut     = shortcut(fyne.KeyW)
	settingsShortcut  = shortcut(fyne.KeyComma)
	findShortcut      = shortcut(fyne.KeyF) // search the scrollback
)

func shortcut(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// sessionMenu is the Session menu of every window: new sessions, and
// closeItem for the window's own Close, if any.
func (a *App) sessionMenu(from fyne.Window, closeItem *fyne.MenuItem) *fyne.Menu {
	newWindow := fyne.NewMenuItem("New Local Window", func() { a.newLocalWindow(from) })
	newWindow.Shortcut = newWindowShortcut
	connect := fyne.NewMenuItem("Connect…", func() { a.showConnectForm(from) })
	connect.Shortcut = connectShortcut
	bookmarks := fyne.NewMenuItem("Bookmarks…", a.showBookmarks)
	bookmarks.Shortcut = bookmarksShortcut
	items := []*fyne.MenuItem{newWindow, connect, bookmarks}
	if closeItem != nil {
		closeItem.Shortcut = closeShortcut
		items = append(items, fyne.NewMenuItemSeparator(), closeItem)
	}
	return fyne.NewMenu("Session", items...)
}

// menu returns the window's menus. Shortcuts on menu items are matched
// before the focused terminal sees the key.
func (w *sessionWindow) menu() *fyne.MainMenu {
	a := w.app
	theme := func(label, value string) *fyne.MenuItem {
		item := fyne.NewMenuItem(label, func() {
			a.settings.Theme = value
			a.applySettings()
		})
		item.Checked = a.settings.Theme == value
		return item
	}
	osc52 := func(label, value string) *fyne.MenuItem {
		item := fyne.NewMenuItem(label, func() {
			a.settings.OSC52 = value
			a.applySettings()
		})
		item.Checked = a.settings.OSC52 == value
		return item
	}
	copyOnSelect := fyne.NewMenuItem("Copy on Select", func() {
		a.settings.CopyOnSelect = !a.settings.CopyOnSelect
		a.applySettings()
	})
	copyOnSelect.Checked = a.settings.CopyOnSelect
	clipboard := fyne.NewMenuItem("Remote Clipboard (OSC 52)", nil)
	settingsItem := fyne.NewMenuItem("Settings…", func() { a.showSettings(w.win) })
	settingsItem.Shortcut = settingsShortcut
	find := fyne.NewMenuItem("Find…", w.find.open)
	find.Shortcut = findShortcut
	clipboard.ChildMenu = fyne.NewMenu("",
		osc52("Allow", settings.ClipboardAllow), osc52("Ask", settings.ClipboardAsk), osc52("Deny", settings.ClipboardDeny))

	return fyne.NewMainMenu(
		a.sessionMenu(w.win, fyne.NewMenuItem("Close Window", w.close)),
		fyne.NewMenu("Edit",
			fyne.NewMenuItem("Copy", w.view.Copy),
			fyne.NewMenuItem("Paste", w.view.Paste),
			fyne.NewMenuItem("Select All", w.view.SelectAll),
			find,
			fyne.NewMenuItemSeparator(),
			copyOnSelect, clipboard),
		fyne.NewMenu("View",
			fyne.NewMenuItem("Zoom In", func() { w.zoom(w.view.FontSize() + 1) }),
			fyne.NewMenuItem("Zoom Out", func() { w.zoom(w.view.FontSize() - 1) }),
			fyne.NewMenuItem("Actual Size", func() { w.zoom(settings.DefaultFontSize) }),
			fyne.NewMenuItemSeparator(),
			theme("System Theme", settings.ThemeSystem), theme("Dark Theme", settings.ThemeDark), theme("Light Theme", settings.ThemeLight),
			fyne.NewMenuItemSeparator(),
			settingsItem),
	)
}
