// Package settings holds the desktop app's user settings (theme, palette
// and custom colours, font family and size, prediction mode, cursor,
// clipboard policy) and keeps them in a JSON file in the user's
// configuration directory, written atomically and readable by the user
// only. Load reads the file key by key: a bad value (a malformed colour,
// an unknown theme) is reported as a *KeyError naming its key and replaced
// by its default, so a damaged file never stops the app. It does not
// import Fyne.
package settings
