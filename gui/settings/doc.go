// Package settings holds the desktop app's user settings (theme, palette,
// font size, prediction mode, cursor, clipboard policy) and keeps them in
// a JSON file in the user's configuration directory, written atomically
// and readable by the user only. It does not import Fyne.
package settings
