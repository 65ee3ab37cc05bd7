package gui

import (
	"cmp"
	"log"
	"strings"

	"fyne.io/fyne/v2/theme"

	"github.com/roamterm/roam/fonts"
	"github.com/roamterm/roam/gui/bookmark"
	"github.com/roamterm/roam/gui/settings"
	"github.com/roamterm/roam/gui/termview"
)

// overrides are a bookmark's choices of appearance for its window; an
// empty field leaves the app's setting.
type overrides struct {
	theme, palette, fontFamily string
	fontSize                   float32
}

// overridesOf returns the appearance b asks for.
func overridesOf(b *bookmark.Bookmark) overrides {
	return overrides{theme: b.Theme, palette: b.Palette, fontFamily: b.Font, fontSize: float32(b.FontSize)}
}

// paletteFor returns the colours of a window with overrides o: its
// palette in the variant its theme picks ("system" following Fyne's).
// An unknown palette name is logged and replaced by the default.
func (a *App) paletteFor(o overrides) termview.Palette {
	dark := a.isDark(cmp.Or(o.theme, a.settings.Theme))
	name := cmp.Or(o.palette, a.settings.Palette)
	if name == settings.PaletteCustom {
		if c := a.settings.CustomPalette; c != nil {
			return schemeOf(c).Palette()
		}
		log.Printf("gui: there is no custom palette yet; using %q", settings.PaletteDefault)
		name = settings.PaletteDefault
	}
	s, ok := termview.NamedScheme(name, dark)
	if !ok {
		log.Printf("gui: unknown palette %q (known: %s, %s); using %q", name,
			strings.Join(termview.PaletteNames(), ", "), settings.PaletteCustom, settings.PaletteDefault)
		s, _ = termview.NamedScheme(settings.PaletteDefault, dark)
	}
	return s.Palette()
}

// isDark reports whether theme mode (a settings.Theme value) picks the
// dark variant of a palette, "system" following Fyne's.
func (a *App) isDark(mode string) bool {
	if mode == settings.ThemeSystem {
		return a.fyne.Settings().ThemeVariant() == theme.VariantDark
	}
	return mode == settings.ThemeDark
}

// schemeOf converts a custom palette of the settings.
func schemeOf(c *settings.Colors) termview.Scheme {
	var s termview.Scheme
	for i, v := range c.ANSI {
		s.ANSI[i] = v.RGBA()
	}
	s.Foreground, s.Background = c.Foreground.RGBA(), c.Background.RGBA()
	s.Cursor, s.Selection = c.Cursor.RGBA(), c.Selection.RGBA()
	return s
}

// colorsOf converts a scheme into a custom palette of the settings.
func colorsOf(s termview.Scheme) *settings.Colors {
	c := &settings.Colors{
		Foreground: settings.ColorOf(s.Foreground), Background: settings.ColorOf(s.Background),
		Cursor: settings.ColorOf(s.Cursor), Selection: settings.ColorOf(s.Selection),
	}
	for i, v := range s.ANSI {
		c.ANSI[i] = settings.ColorOf(v)
	}
	return c
}

// fontsFor returns the fonts of a window with overrides o. A family that
// is not installed is logged, once, and Go Mono used instead.
func (a *App) fontsFor(o overrides) termview.FontSet {
	family := cmp.Or(o.fontFamily, a.settings.FontFamily)
	if set, ok := a.fontSets[family]; ok {
		return set
	}
	set, err := a.fonts.WithFamily(family)
	if err != nil {
		log.Printf("gui: font family %q: %v; using %s", family, err, fonts.GoMonoFamily)
	}
	if a.fontSets == nil {
		a.fontSets = make(map[string]termview.FontSet)
	}
	a.fontSets[family] = set
	return set
}

// fontSizeFor returns the font size of a window with overrides o.
func (a *App) fontSizeFor(o overrides) float32 {
	return cmp.Or(o.fontSize, a.settings.FontSize)
}

// applyLook redraws w with the app's settings and its overrides.
func (w *sessionWindow) applyLook() {
	a := w.app
	w.view.SetPalette(a.paletteFor(w.look))
	w.view.SetFonts(a.fontsFor(w.look))
	w.view.SetFontSize(a.fontSizeFor(w.look))
}

// zoomed records the font size the user zoomed w to: the app's setting,
// unless w's bookmark sets its own size, which then changes for w alone.
func (w *sessionWindow) zoomed(size float32) {
	if w.look.fontSize != 0 {
		w.look.fontSize = size
		return
	}
	w.app.settings.FontSize = size
	w.app.saveSettings()
}
