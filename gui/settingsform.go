package gui

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/fonts"
	"github.com/roamterm/roam/gui/settings"
	"github.com/roamterm/roam/gui/termview"
)

// colorNames name the colours of a palette in the order the settings
// form shows them: the 16 ANSI colours, then the four special ones.
var colorNames = [20]string{
	"Black", "Red", "Green", "Yellow", "Blue", "Magenta", "Cyan", "White",
	"Bright black", "Bright red", "Bright green", "Bright yellow",
	"Bright blue", "Bright magenta", "Bright cyan", "Bright white",
	"Foreground", "Background", "Cursor", "Selection",
}

// colorField edits one colour as "#rrggbb", with a swatch and a picker.
type colorField struct {
	entry  *widget.Entry
	swatch *canvas.Rectangle
}

// settingsForm is the settings dialog. Saving applies the settings to
// every window at once and writes them; a bad value is shown in the form,
// which stays open.
type settingsForm struct {
	app *App
	win fyne.Window

	theme, palette, family, prediction, cursor, osc52 *widget.Select
	size                                              *widget.Entry
	blink, copyOnSelect                               *widget.Check
	colors                                            [len(colorNames)]colorField
	errLabel                                          *widget.Label
	dialog                                            *dialog.CustomDialog

	// filling is set while the form writes colours itself, so that only
	// the user's edits turn the palette into a custom one.
	filling bool
}

// showSettings opens the settings dialog over win.
func (a *App) showSettings(win fyne.Window) *settingsForm {
	s := a.settings
	f := &settingsForm{app: a, win: win}
	f.theme = widget.NewSelect([]string{settings.ThemeSystem, settings.ThemeDark, settings.ThemeLight}, func(string) { f.refill() })
	f.palette = widget.NewSelect(append(termview.PaletteNames(), settings.PaletteCustom), func(string) { f.refill() })
	families := append([]string{fonts.GoMonoFamily}, installedFamilies()...)
	if s.FontFamily != "" && !slices.Contains(families, s.FontFamily) {
		families = append(families, s.FontFamily) // not installed: shown, and Go Mono drawn
	}
	f.family = widget.NewSelect(families, nil)
	f.size = widget.NewEntry()
	f.prediction = widget.NewSelect([]string{settings.PredictAdaptive, settings.PredictAlways,
		settings.PredictNever, settings.PredictExperimental}, nil)
	f.cursor = widget.NewSelect([]string{settings.CursorBlock, settings.CursorBar, settings.CursorUnderline}, nil)
	f.blink = widget.NewCheck("Blink", nil)
	f.copyOnSelect = widget.NewCheck("Copy on select", nil)
	f.osc52 = widget.NewSelect([]string{settings.ClipboardAllow, settings.ClipboardAsk, settings.ClipboardDeny}, nil)
	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Hide()

	// Four colours a row where the window is wide enough, else two.
	columns := 2
	if win.Canvas().Size().Width >= 2*wideDialog {
		columns = 4
	}
	grid := container.NewGridWithColumns(columns)
	for i := range f.colors {
		grid.Add(f.newColorField(i))
	}
	if c := s.CustomPalette; c != nil {
		f.fill(schemeOf(c))
	}
	f.filling = true // the selections below fill the colours themselves
	f.theme.SetSelected(s.Theme)
	f.palette.SetSelected(s.Palette)
	f.filling = false
	f.refill()
	f.family.SetSelected(cmp.Or(s.FontFamily, fonts.GoMonoFamily))
	f.size.SetText(strconv.FormatFloat(float64(s.FontSize), 'g', -1, 32))
	f.prediction.SetSelected(s.Prediction)
	f.cursor.SetSelected(s.CursorShape)
	f.blink.SetChecked(!s.CursorSteady)
	f.copyOnSelect.SetChecked(s.CopyOnSelect)
	f.osc52.SetSelected(s.OSC52)

	form := widget.NewForm(
		widget.NewFormItem("Theme", f.theme),
		widget.NewFormItem("Palette", f.palette),
		widget.NewFormItem("Font", f.family),
		widget.NewFormItem("Font size", f.size),
		widget.NewFormItem("Prediction", f.prediction),
		widget.NewFormItem("Cursor", container.NewHBox(f.cursor, f.blink)),
		widget.NewFormItem("Selection", f.copyOnSelect),
		widget.NewFormItem("Remote clipboard", f.osc52),
	)
	content := container.NewVBox(form, widget.NewLabel("Colours (editing one makes the palette custom)"), grid, f.errLabel)
	if a.settingsErr != nil {
		problem := widget.NewLabel("The settings file had problems; defaults are used for:\n" + a.settingsErr.Error())
		problem.Importance = widget.WarningImportance
		problem.Wrapping = fyne.TextWrapWord
		content.Objects = append([]fyne.CanvasObject{problem}, content.Objects...)
	}
	f.dialog = dialog.NewCustomWithoutButtons("Settings", container.NewVScroll(content), win)
	save := widget.NewButton("Save", f.save)
	save.Importance = widget.HighImportance
	f.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", f.dialog.Hide), save})
	f.resize()
	f.dialog.Show()
	return f
}

// settingsHeight is the settings dialog's height, unless the window is
// smaller; the form scrolls.
const settingsHeight = 640

// resize makes the dialog wide enough for its rows of colours, within
// the window.
func (f *settingsForm) resize() {
	size := fyne.NewSize(2*wideDialog, settingsHeight)
	if win := f.win.Canvas().Size(); win.Height > 0 {
		size = size.Min(win)
	}
	f.dialog.Resize(size)
}

// installedFamilies lists the monospaced font families installed, Go Mono
// (embedded, listed first by the form) left out. Searched once per run.
var installedFamilies = sync.OnceValue(func() []string {
	return slices.DeleteFunc(fonts.Families(fonts.SystemDirs()), func(name string) bool { return name == fonts.GoMonoFamily })
})

// newColorField makes the editor of colour i.
func (f *settingsForm) newColorField(i int) fyne.CanvasObject {
	c := &f.colors[i]
	c.swatch = canvas.NewRectangle(color.Transparent)
	c.swatch.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
	c.swatch.StrokeColor = theme.Color(theme.ColorNameForeground)
	c.swatch.StrokeWidth = 1
	c.entry = widget.NewEntry()
	c.entry.SetPlaceHolder("#rrggbb")
	c.entry.OnChanged = func(text string) {
		if v, err := settings.ParseColor(text); err == nil {
			c.swatch.FillColor = v.RGBA()
			c.swatch.Refresh()
		}
		if !f.filling && f.palette.Selected != settings.PaletteCustom {
			f.palette.SetSelected(settings.PaletteCustom)
		}
	}
	pick := widget.NewButtonWithIcon("", theme.ColorPaletteIcon(), func() {
		picker := dialog.NewColorPicker(colorNames[i], "", func(v color.Color) {
			r, g, b, _ := v.RGBA()
			c.entry.SetText(settings.Color{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8)}.String())
		}, f.win)
		picker.Advanced = true
		picker.Show()
		if v, err := settings.ParseColor(c.entry.Text); err == nil {
			picker.SetColor(v.RGBA())
		}
	})
	label := widget.NewLabel(colorNames[i])
	return container.NewBorder(nil, nil, container.NewHBox(c.swatch, label), pick, c.entry)
}

// refill shows the colours of the chosen built-in palette in the chosen
// theme; a custom palette keeps the colours shown.
func (f *settingsForm) refill() {
	if f.filling || f.palette.Selected == settings.PaletteCustom || f.palette.Selected == "" {
		return
	}
	if s, ok := termview.NamedScheme(f.palette.Selected, f.app.isDark(f.theme.Selected)); ok {
		f.fill(s)
	}
}

// fill shows the colours of s.
func (f *settingsForm) fill(s termview.Scheme) {
	f.filling = true
	defer func() { f.filling = false }()
	c := colorsOf(s)
	for i, v := range append(c.ANSI[:], c.Foreground, c.Background, c.Cursor, c.Selection) {
		f.colors[i].entry.SetText(v.String())
	}
}

// settings returns the settings the form shows, or an error naming the
// first field that is wrong.
func (f *settingsForm) settings() (settings.Settings, error) {
	s := f.app.settings
	s.Theme, s.Palette = f.theme.Selected, f.palette.Selected
	s.FontFamily = f.family.Selected
	if s.FontFamily == fonts.GoMonoFamily {
		s.FontFamily = ""
	}
	size, err := strconv.ParseFloat(strings.TrimSpace(f.size.Text), 32)
	if err != nil || size < settings.MinFontSize || size > settings.MaxFontSize {
		return s, fmt.Errorf("font size: %q is not a number from %d to %d", f.size.Text, settings.MinFontSize, settings.MaxFontSize)
	}
	s.FontSize = float32(size)
	s.Prediction, s.CursorShape, s.OSC52 = f.prediction.Selected, f.cursor.Selected, f.osc52.Selected
	s.CursorSteady, s.CopyOnSelect = !f.blink.Checked, f.copyOnSelect.Checked
	if s.Palette == settings.PaletteCustom {
		var colors [len(colorNames)]settings.Color
		for i, c := range f.colors {
			v, err := settings.ParseColor(c.entry.Text)
			if err != nil {
				return s, fmt.Errorf("%s: %q is not a colour; want #rrggbb", colorNames[i], c.entry.Text)
			}
			colors[i] = v
		}
		s.CustomPalette = &settings.Colors{Foreground: colors[16], Background: colors[17], Cursor: colors[18], Selection: colors[19]}
		copy(s.CustomPalette.ANSI[:], colors[:16])
	}
	return s, s.Validate()
}

// save applies and writes the settings, closing the form; a bad value
// leaves it open with the error under it.
func (f *settingsForm) save() {
	s, err := f.settings()
	if err != nil {
		var ke *settings.KeyError
		if errors.As(err, &ke) {
			err = fmt.Errorf("%s: %v", ke.Key, ke.Err)
		}
		f.errLabel.SetText(err.Error())
		f.errLabel.Show()
		return
	}
	f.app.settings = s
	f.app.settingsErr = nil
	f.app.applySettings()
	f.dialog.Hide()
}
