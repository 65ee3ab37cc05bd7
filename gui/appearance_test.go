package gui

import (
	"bytes"
	"context"
	"image/color"
	"io"
	"log"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/fonts"
	"github.com/roamterm/roam/gui/bookmark"
	"github.com/roamterm/roam/gui/settings"
	"github.com/roamterm/roam/gui/termview"
	"github.com/roamterm/roam/server/launch"
)

// testFamily is an installed monospaced family (fonts-dejavu-core, which
// make deps installs) and testSize a size at which its cell differs from
// Go Mono's, so that tests can tell the two apart.
const (
	testFamily = "DejaVu Sans Mono"
	testSize   = 16
)

// background returns the colour win shows in its bottom-right cell,
// away from the cursor and the banner.
func background(win fyne.Window) color.RGBA {
	img := win.Canvas().Capture()
	b := img.Bounds()
	return color.RGBAModel.Convert(img.At(b.Max.X-3, b.Max.Y-3)).(color.RGBA)
}

// cellOf returns the cell size of a view drawing with set at size.
func cellOf(set termview.FontSet, size float32) fyne.Size {
	return termview.New(termview.Config{Fonts: set, FontSize: size}).CellSize()
}

// familyFonts returns the default fonts with the test family.
func familyFonts(t *testing.T) termview.FontSet {
	t.Helper()
	set, err := termview.DefaultFonts().WithFamily(testFamily)
	if err != nil {
		t.Fatalf("%v (install fonts-dejavu-core: make deps)", err)
	}
	return set
}

// scheme returns a built-in palette, failing the test if there is none.
func scheme(t *testing.T, name string, dark bool) termview.Scheme {
	t.Helper()
	s, ok := termview.NamedScheme(name, dark)
	if !ok {
		t.Fatalf("no palette %q", name)
	}
	return s
}

// TestPaletteNames checks the settings' default names a palette the
// view has.
func TestPaletteNames(t *testing.T) {
	scheme(t, settings.PaletteDefault, true)
	for _, name := range termview.PaletteNames() {
		if name == settings.PaletteCustom {
			t.Errorf("a built-in palette is named %q, the custom palette's name", name)
		}
	}
}

// TestSettingsDialog drives the settings dialog: a built-in palette,
// a font family and size apply to an open window at once and persist;
// editing a colour makes the palette custom; a malformed colour keeps
// the dialog open and changes nothing.
func TestSettingsDialog(t *testing.T) {
	a := testApp(t, Options{})
	w := a.newWindow("test", overrides{})
	goMono := w.view.CellSize()
	if want := cellOf(familyFonts(t), testSize); goMono == want {
		t.Fatalf("Go Mono and %s have the same cell %v at %v: pick another testSize", testFamily, want, testSize)
	}

	f := a.showSettings(w.win)
	f.theme.SetSelected(settings.ThemeDark)
	f.palette.SetSelected("solarized")
	if got := f.colors[17].entry.Text; got != "#002b36" {
		t.Errorf("background shown for Solarized Dark: %q", got)
	}
	f.family.SetSelected(testFamily)
	f.size.SetText("16")
	test.Tap(button(t, w.win, "Save"))

	if got, want := background(w.win), scheme(t, "solarized", true).Background; got != want {
		t.Errorf("window background %v, want Solarized Dark's %v", got, want)
	}
	if got, want := w.view.CellSize(), cellOf(familyFonts(t), testSize); got != want || w.view.FontSize() != testSize {
		t.Errorf("cell %v at size %v, want %v at %v (%s)", got, w.view.FontSize(), want, testSize, testFamily)
	}
	saved, err := settings.Load(a.path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(saved, a.settings) || saved.Palette != "solarized" || saved.FontFamily != testFamily {
		t.Errorf("saved %+v\nthe app has %+v", saved, a.settings)
	}

	// A colour edited: the palette becomes custom, from Solarized's.
	f = a.showSettings(w.win)
	f.colors[17].entry.SetText("#123456")
	if f.palette.Selected != settings.PaletteCustom {
		t.Errorf("palette %q after editing a colour, want custom", f.palette.Selected)
	}
	test.Tap(button(t, w.win, "Save"))
	c := a.settings.CustomPalette
	if a.settings.Palette != settings.PaletteCustom || c == nil || c.Background != (settings.Color{R: 0x12, G: 0x34, B: 0x56}) ||
		c.ANSI[1] != settings.ColorOf(scheme(t, "solarized", true).ANSI[1]) {
		t.Fatalf("settings after a colour edit: %+v, custom %+v", a.settings, c)
	}
	if got := background(w.win); got != (color.RGBA{0x12, 0x34, 0x56, 0xff}) {
		t.Errorf("window background %v, want the custom #123456", got)
	}

	// A malformed colour: an error in the form, nothing applied.
	before := a.settings
	f = a.showSettings(w.win)
	f.colors[4].entry.SetText("#12")
	test.Tap(button(t, w.win, "Save"))
	if !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, "Blue") {
		t.Errorf("error shown: %q (visible %v), want one naming Blue", f.errLabel.Text, f.errLabel.Visible())
	}
	if !reflect.DeepEqual(a.settings, before) {
		t.Errorf("a rejected form changed the settings to %+v", a.settings)
	}
}

// TestMissingFontFamily checks a family that is not installed falls back
// to Go Mono, with a warning in the log.
func TestMissingFontFamily(t *testing.T) {
	var logged bytes.Buffer
	prev := log.Writer()
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(prev) })

	a := testApp(t, Options{})
	a.settings.FontFamily = "No Such Family Mono"
	w := a.newWindow("test", overrides{})
	if got, want := w.view.CellSize(), cellOf(termview.DefaultFonts(), a.settings.FontSize); got != want {
		t.Errorf("cell %v, want Go Mono's %v", got, want)
	}
	if text := logged.String(); !strings.Contains(text, `"No Such Family Mono"`) || !strings.Contains(text, fonts.GoMonoFamily) {
		t.Errorf("log %q lacks a warning naming the family and %s", text, fonts.GoMonoFamily)
	}
}

// TestBookmarkOverrides opens a bookmark with its own font, size, theme
// and palette: its window uses them, another window keeps the settings,
// and later settings changes leave the overrides alone.
func TestBookmarkOverrides(t *testing.T) {
	fake := newFake(func(ctx context.Context, ui launch.Callbacks) (launch.Result, error) {
		<-ctx.Done()
		return launch.Result{}, ctx.Err()
	})
	a := testApp(t, Options{Launch: fake.start})
	a.settings.Theme = settings.ThemeDark
	b, err := bookmark.Parse("box.roam", []byte(`host = "box"
font = "`+testFamily+`"
font_size = 16
theme = "light"
palette = "solarized"
`))
	if err != nil {
		t.Fatal(err)
	}
	bw := a.connect(bookmarkDestination(b, ""))
	<-fake.targets
	plain := a.newWindow("plain", overrides{})

	solarizedLight := scheme(t, "solarized", false).Background
	roamDark := scheme(t, settings.PaletteDefault, true).Background
	if got := background(bw.win); got != solarizedLight {
		t.Errorf("bookmark window background %v, want Solarized Light's %v", got, solarizedLight)
	}
	if got := background(plain.win); got != roamDark {
		t.Errorf("other window background %v, want the settings' %v", got, roamDark)
	}
	if got, want := bw.view.CellSize(), cellOf(familyFonts(t), testSize); got != want || bw.view.FontSize() != testSize {
		t.Errorf("bookmark window cell %v at size %v, want %s's %v at %v", got, bw.view.FontSize(), testFamily, want, testSize)
	}
	if got, want := plain.view.CellSize(), cellOf(termview.DefaultFonts(), settings.DefaultFontSize); got != want {
		t.Errorf("other window cell %v, want Go Mono's %v", got, want)
	}

	// The settings change; the bookmark's choices stay.
	a.settings.Palette = "tango"
	a.settings.FontSize = 20
	a.applySettings()
	if got, want := background(plain.win), scheme(t, "tango", true).Background; got != want {
		t.Errorf("other window background %v after the change, want Tango Dark's %v", got, want)
	}
	if got := background(bw.win); got != solarizedLight || bw.view.FontSize() != testSize {
		t.Errorf("bookmark window changed with the settings: background %v, size %v", got, bw.view.FontSize())
	}
	if plain.view.FontSize() != 20 {
		t.Errorf("other window size %v, want the new setting 20", plain.view.FontSize())
	}

	// Zooming the bookmark window does not change the setting.
	bw.zoom(18)
	if a.settings.FontSize != 20 || bw.view.FontSize() != 18 {
		t.Errorf("after zooming the bookmark window: setting %v, window %v", a.settings.FontSize, bw.view.FontSize())
	}
	bw.close()
}

// TestBookmarkFormAppearance sets a bookmark's appearance in its form and
// clears it again; the fields the form does not show are kept.
func TestBookmarkFormAppearance(t *testing.T) {
	a, b, _ := bookmarkApp(t)
	web := b.shown[2]
	writeFile(t, web.Path, "version = 1\nname = \"Web\"\nhost = \"web.example.com\"\nfuture_field = 7\n")
	f := b.edit(web.ID)
	f.font.SetSelected(testFamily)
	f.fontSize.SetText("16")
	f.theme.SetSelected(bookmark.ThemeLight)
	f.palette.SetSelected("tango")
	f.save()
	if f.errLabel.Visible() {
		t.Fatalf("not saved: %s", f.errLabel.Text)
	}
	got, err := a.store.Load(web.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Font != testFamily || got.FontSize != 16 || got.Theme != bookmark.ThemeLight || got.Palette != "tango" {
		t.Errorf("saved appearance %q %v %q %q", got.Font, got.FontSize, got.Theme, got.Palette)
	}
	if u := got.UnknownFields(); len(u) != 1 || u[0] != "future_field" {
		t.Errorf("unknown fields after edit: %v", u)
	}

	f = b.edit(web.ID)
	if f.palette.Selected != "tango" || f.fontSize.Text != "16" {
		t.Errorf("form shows palette %q, size %q", f.palette.Selected, f.fontSize.Text)
	}
	for _, s := range []*widget.Select{f.font, f.theme, f.palette} {
		s.SetSelected(useDefault)
	}
	f.fontSize.SetText("")
	f.save()
	if got, err = a.store.Load(web.ID); err != nil {
		t.Fatal(err)
	}
	if o := overridesOf(got); o != (overrides{}) {
		t.Errorf("appearance left after choosing the defaults: %+v", o)
	}
}

// TestSettingsFileProblems loads a settings file with a malformed colour:
// the app starts with the default palette and the settings dialog names
// the bad key until the settings are saved.
func TestSettingsFileProblems(t *testing.T) {
	a := testApp(t, Options{})
	writeFile(t, a.path, `{"palette": "custom", "font_size": 12, "custom_palette": {"cursor": "#12345"}}`)
	prev := log.Writer()
	log.SetOutput(io.Discard)
	a.loadSettings()
	log.SetOutput(prev)
	if a.settings.Palette != settings.PaletteDefault || a.settings.CustomPalette != nil || a.settings.FontSize != 12 {
		t.Errorf("settings after a malformed colour: %+v", a.settings)
	}
	w := a.newWindow("test", overrides{})
	a.showSettings(w.win)
	if text := overlayText(w.win); !strings.Contains(text, "custom_palette.cursor") {
		t.Errorf("the settings dialog does not name the bad key:\n%s", text)
	}
	test.Tap(button(t, w.win, "Save"))
	if a.settingsErr != nil {
		t.Errorf("problem still reported after saving: %v", a.settingsErr)
	}
	if _, err := settings.Load(a.path); err != nil {
		t.Errorf("the saved file still has problems: %v", err)
	}
}
