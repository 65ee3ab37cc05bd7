package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// Theme values.
const (
	ThemeSystem = "system"
	ThemeDark   = "dark"
	ThemeLight  = "light"
)

// Cursor shapes.
const (
	CursorBlock     = "block"
	CursorBar       = "bar"
	CursorUnderline = "underline"
)

// Prediction modes, as mosh's --predict names them.
const (
	PredictAdaptive     = "adaptive"
	PredictAlways       = "always"
	PredictNever        = "never"
	PredictExperimental = "experimental"
)

// Clipboard policies for OSC 52 (a remote application setting the local
// clipboard). Reading the clipboard is never allowed, whatever the policy.
const (
	ClipboardAllow = "allow"
	ClipboardAsk   = "ask"
	ClipboardDeny  = "deny"
)

// Palettes. Any other name is a built-in palette of the terminal view
// (which this package does not know, so the app checks it).
const (
	// PaletteDefault is Roam's own palette, in the theme's variant.
	PaletteDefault = "roam"
	// PaletteCustom is the user's CustomPalette.
	PaletteCustom = "custom"
	// legacyDefaultPalette is what files written before palettes had
	// names say for PaletteDefault.
	legacyDefaultPalette = "xterm"
)

// Settings are the user's choices. The zero value of a field means its
// default (see Default), so a file written by an older version, lacking a
// newer field, still loads.
type Settings struct {
	// Theme chooses the dark or light variant of the palette; "system"
	// follows the desktop's.
	Theme string `json:"theme,omitempty"`
	// Palette names the terminal's colours: a built-in palette or
	// PaletteCustom.
	Palette string `json:"palette,omitempty"`
	// CustomPalette is the user's own colours, used when Palette is
	// PaletteCustom; nil until the user made one.
	CustomPalette *Colors `json:"custom_palette,omitempty"`
	// FontFamily is an installed monospaced font family; empty means the
	// embedded Go Mono.
	FontFamily  string  `json:"font_family,omitempty"`
	FontSize    float32 `json:"font_size,omitempty"`
	Prediction  string  `json:"prediction,omitempty"`
	CursorShape string  `json:"cursor_shape,omitempty"`
	// CursorSteady stops the cursor blinking (by default it blinks).
	CursorSteady bool   `json:"cursor_steady,omitempty"`
	CopyOnSelect bool   `json:"copy_on_select,omitempty"`
	OptionAsMeta bool   `json:"option_as_meta,omitempty"`
	OSC52        string `json:"osc52,omitempty"`
	// BookmarksSeen records that the bookmarks window was shown on the
	// first run, so that later runs open only the session.
	BookmarksSeen bool `json:"bookmarks_seen,omitempty"`
}

// DefaultFontSize is the font size used when none is set.
const DefaultFontSize = 14

// Font size limits.
const (
	MinFontSize = 6
	MaxFontSize = 72
)

// Default returns the settings of a new user.
func Default() Settings {
	return Settings{
		Theme:       ThemeSystem,
		Palette:     PaletteDefault,
		FontSize:    DefaultFontSize,
		Prediction:  PredictAdaptive,
		CursorShape: CursorBlock,
		OSC52:       ClipboardAsk,
	}
}

// Validate checks s; the error joins a *KeyError for each bad value.
func (s Settings) Validate() error {
	_, errs := s.check()
	return errors.Join(errs...)
}

// check returns s with every missing or bad value replaced by its
// default, and a *KeyError for each bad one (missing ones are no error).
func (s Settings) check() (Settings, []error) {
	d := Default()
	var errs []error
	pick := func(key string, v *string, def string, allowed ...string) {
		switch {
		case *v == "":
			*v = def
		case !slices.Contains(allowed, *v):
			errs = append(errs, &KeyError{Key: key, Err: fmt.Errorf("%q is not one of %s", *v, strings.Join(allowed, ", "))})
			*v = def
		}
	}
	pick("theme", &s.Theme, d.Theme, ThemeSystem, ThemeDark, ThemeLight)
	pick("prediction", &s.Prediction, d.Prediction, PredictAdaptive, PredictAlways, PredictNever, PredictExperimental)
	pick("cursor_shape", &s.CursorShape, d.CursorShape, CursorBlock, CursorBar, CursorUnderline)
	pick("osc52", &s.OSC52, d.OSC52, ClipboardAllow, ClipboardAsk, ClipboardDeny)
	switch {
	case s.FontSize == 0:
		s.FontSize = d.FontSize
	case !(s.FontSize >= MinFontSize && s.FontSize <= MaxFontSize):
		errs = append(errs, &KeyError{Key: "font_size", Err: fmt.Errorf("%v is not %d to %d", s.FontSize, MinFontSize, MaxFontSize)})
		s.FontSize = d.FontSize
	}
	for _, f := range []struct {
		key string
		v   *string
		def string
	}{{"palette", &s.Palette, d.Palette}, {"font_family", &s.FontFamily, d.FontFamily}} {
		if strings.IndexFunc(*f.v, unicode.IsControl) >= 0 {
			errs = append(errs, &KeyError{Key: f.key, Err: errors.New("holds a control character")})
			*f.v = f.def
		}
	}
	if s.Palette == "" || s.Palette == legacyDefaultPalette {
		s.Palette = d.Palette
	}
	if s.Palette == PaletteCustom && s.CustomPalette == nil {
		errs = append(errs, &KeyError{Key: "palette", Err: errors.New("custom, but there is no custom_palette; using the default")})
		s.Palette = d.Palette
	}
	return s, errs
}

// Path returns where the settings live: roam/settings.json in the user's
// configuration directory.
func Path() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("settings: %w", err)
	}
	return filepath.Join(dir, "roam", "settings.json"), nil
}

// maxFileSize bounds the settings file read.
const maxFileSize = 1 << 20

// Load reads the settings at path. A missing file yields the defaults.
// A bad value is replaced by its default and reported, with every other
// bad value, in the error (a join of *KeyError naming each key); the
// settings returned are usable whatever the error. A malformed colour
// drops the whole custom palette, so that no half-edited palette is
// shown.
func Load(path string) (Settings, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Default(), fmt.Errorf("settings: %w", err)
	}
	if len(data) > maxFileSize {
		return Default(), fmt.Errorf("settings: %s is too large", path)
	}
	return parse(path, data)
}

// parse reads the settings file data; path names it in errors.
func parse(path string, data []byte) (Settings, error) {
	var s Settings
	var errs []error
	if err := decodeObject(data, reflect.ValueOf(&s).Elem(), "", &errs); err != nil {
		return Default(), fmt.Errorf("settings: %s: %w", path, err)
	}
	for _, err := range errs {
		if strings.HasPrefix(err.(*KeyError).Key, "custom_palette") {
			s.CustomPalette = nil
			break
		}
	}
	s, checkErrs := s.check()
	errs = append(errs, checkErrs...)
	for _, err := range errs {
		err.(*KeyError).File = path
	}
	return s, errors.Join(errs...)
}

// Save writes s to path atomically (a temporary file in the same
// directory, renamed over the old one) with permissions for the user
// only, creating the directory if needed. Bad values are saved as their
// defaults.
func (s Settings) Save(path string) error {
	s, _ = s.check()
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".settings-*.json")
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("settings: %w", err)
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("settings: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("settings: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return nil
}
