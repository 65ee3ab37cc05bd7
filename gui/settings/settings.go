package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// Palettes.
const (
	PaletteXterm = "xterm"
)

// Settings are the user's choices. The zero value of a field means its
// default (see Default), so a file written by an older version, lacking a
// newer field, still loads.
type Settings struct {
	Theme       string  `json:"theme,omitempty"`
	Palette     string  `json:"palette,omitempty"`
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

// Default returns the settings of a new user.
func Default() Settings {
	return Settings{
		Theme:       ThemeSystem,
		Palette:     PaletteXterm,
		FontSize:    DefaultFontSize,
		Prediction:  PredictAdaptive,
		CursorShape: CursorBlock,
		OSC52:       ClipboardAsk,
	}
}

// normalize replaces missing or unknown values with the defaults.
func (s Settings) normalize() Settings {
	d := Default()
	pick := func(v, def string, allowed ...string) string {
		for _, a := range allowed {
			if v == a {
				return v
			}
		}
		return def
	}
	s.Theme = pick(s.Theme, d.Theme, ThemeSystem, ThemeDark, ThemeLight)
	s.Palette = pick(s.Palette, d.Palette, PaletteXterm)
	s.Prediction = pick(s.Prediction, d.Prediction, PredictAdaptive, PredictAlways, PredictNever, PredictExperimental)
	s.CursorShape = pick(s.CursorShape, d.CursorShape, CursorBlock, CursorBar, CursorUnderline)
	s.OSC52 = pick(s.OSC52, d.OSC52, ClipboardAllow, ClipboardAsk, ClipboardDeny)
	if s.FontSize < 6 || s.FontSize > 72 {
		s.FontSize = d.FontSize
	}
	return s
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

// Load reads the settings at path. A missing file yields the defaults;
// unknown or invalid values are replaced by the defaults.
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
	var s Settings
	if err := json.Unmarshal(data, &s); err != nil {
		return Default(), fmt.Errorf("settings: %s: %w", path, err)
	}
	return s.normalize(), nil
}

// Save writes s to path atomically (a temporary file in the same
// directory, renamed over the old one) with permissions for the user
// only, creating the directory if needed.
func (s Settings) Save(path string) error {
	data, err := json.MarshalIndent(s.normalize(), "", "  ")
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
