package termview

import (
	"encoding/base64"
	"image"
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/roamterm/roam/vt"
)

// DefaultFontSize is the font size, in Fyne units (points at scale 1),
// used when Config.FontSize is 0.
const DefaultFontSize = 14

// Font size limits for zooming.
const (
	MinFontSize = 6
	MaxFontSize = 72
)

// Blink timing. Blinking stops (text and cursor shown) after blinkIdle
// without output or input, so an idle window draws nothing, as GTK
// terminals stop blinking the cursor after a while.
const (
	blinkPeriod = 530 * time.Millisecond
	blinkIdle   = 10 * time.Second
	bellFlash   = 120 * time.Millisecond
)

// Config configures a Terminal. Callbacks are optional; they are called on
// Fyne's UI goroutine and must not block.
type Config struct {
	// Input receives the bytes the user's keys, typed text, mouse reports
	// and focus reports produce, for the remote application.
	Input func(p []byte)
	// Paste receives pasted text, encoded for the remote (bracketed when
	// it enabled bracketed paste). Sessions send it without predicting
	// its echo. When nil, pastes go to Input.
	Paste func(p []byte)
	// Resize is called when the grid of whole cells the view can show
	// changes (window resize, zoom, scale change).
	Resize func(cols, rows int)
	// RemoteClipboard is called with the text a remote application put on
	// the clipboard (OSC 52); the caller applies its policy (allow, ask,
	// deny) and sets the clipboard itself.
	RemoteClipboard func(text string)
	// Zoom is called with the new font size after the user zoomed.
	Zoom func(size float32)
	// Find is called when the user asks to search (Ctrl+Shift+F, Cmd+F
	// on macOS): the caller shows its search bar, which drives Search,
	// FindUp, FindDown and EndSearch.
	Find func()

	// FontSize is the font size in Fyne units; 0 means DefaultFontSize.
	FontSize float32
	// Palette is the colour scheme; nil means DarkPalette.
	Palette *Palette
	// Fonts are the fallback fonts for glyphs Go Mono lacks.
	Fonts FontSet
	// CursorShape and CursorBlink are the cursor used unless the remote
	// asks for another (DECSCUSR).
	CursorShape CursorShape
	CursorBlink bool
	// CopyOnSelect copies a selection to the clipboard when the mouse
	// button is released.
	CopyOnSelect bool
	// OptionAsMeta makes macOS's Option key send ESC-prefixed keys instead
	// of composing characters.
	OptionAsMeta bool
	// KeyModes are passed to vt.EncodeKey. A session with a Roam or mosh
	// server sets CursorKeysApp (see vt.KeyModes).
	KeyModes vt.KeyModes
}

// Terminal is the terminal widget. Create it with New; use it on Fyne's
// UI goroutine only.
type Terminal struct {
	widget.BaseWidget

	cfg      Config
	plat     platform
	raster   *canvas.Raster
	flash    *canvas.Rectangle
	bar      *canvas.Rectangle // the scrollbar's thumb
	comp     compositor
	fontSize float32
	scale    float32

	frame      Frame
	look       look
	cols, rows int

	scroll   scroller
	find     finder
	sel      selection
	clicks   clickCounter
	pressed  vt.Button // the button held while reporting; vt.ButtonNone if none
	lastCell cellPos   // last cell a motion report was sent for

	held        fyne.KeyModifier // modifiers seen going down, for drivers that do not report them
	lastKey     fyne.KeyName
	swallowRune bool // the rune of an Option+key sent as Meta

	seenFrame    bool
	lastBell     uint64
	lastClip     string
	flashing     bool
	blinkTimer   *time.Timer
	lastActivity time.Time
}

// New returns a terminal view configured by cfg.
func New(cfg Config) *Terminal {
	t := &Terminal{cfg: cfg, plat: currentPlatform(cfg.OptionAsMeta), pressed: vt.ButtonNone}
	t.fontSize = cfg.FontSize
	if t.fontSize <= 0 {
		t.fontSize = DefaultFontSize
	}
	pal := DarkPalette()
	if cfg.Palette != nil {
		pal = *cfg.Palette
	}
	t.comp.setPalette(pal)
	t.look = look{shape: cfg.CursorShape, blink: cfg.CursorBlink, blinkOn: true}
	t.raster = canvas.NewRaster(t.generate)
	t.raster.ScaleMode = canvas.ImageScalePixels
	t.flash = canvas.NewRectangle(color.NRGBA{0xff, 0xff, 0xff, 0x50})
	t.flash.Hide()
	t.bar = newScrollbar()
	t.lastActivity = time.Now()
	t.ExtendBaseWidget(t)
	return t
}

// SetFrame shows f. Its screen must not be written afterwards.
func (t *Terminal) SetFrame(f Frame) {
	if fb := f.Screen; fb != nil {
		if t.seenFrame && fb.BellCount != t.lastBell {
			t.ringBell()
		}
		if t.seenFrame && fb.Clipboard != t.lastClip {
			t.remoteClipboard(fb.Clipboard)
		}
		t.lastBell, t.lastClip, t.seenFrame = fb.BellCount, fb.Clipboard, true
	}
	if sameFrame(&t.frame, &f) {
		// Sessions publish frames for changes the view does not draw
		// (the time of last contact); an idle window draws nothing.
		t.frame = f
		return
	}
	t.anchor(&f)
	t.frame = f
	t.activity()
	t.raster.Refresh()
	t.updateScrollbar()
}

// sameFrame reports whether a and b draw the same picture.
func sameFrame(a, b *Frame) bool {
	if a.Screen == nil || b.Screen == nil || a.Banner != b.Banner ||
		a.History.First() != b.History.First() || a.History.End() != b.History.End() ||
		a.HistoryIncomplete != b.HistoryIncomplete ||
		a.Overlay.HasCursor != b.Overlay.HasCursor || a.Overlay.Cursor != b.Overlay.Cursor ||
		!slices.Equal(a.Overlay.Cells, b.Overlay.Cells) {
		return false
	}
	return a.Screen == b.Screen || a.Screen.Equal(b.Screen)
}

// Frame returns the frame shown.
func (t *Terminal) Frame() Frame { return t.frame }

// SetPalette changes the colours.
func (t *Terminal) SetPalette(p Palette) {
	t.comp.setPalette(p)
	t.raster.Refresh()
	t.updateScrollbar()
}

// FontSize returns the font size in Fyne units.
func (t *Terminal) FontSize() float32 { return t.fontSize }

// SetFontSize changes the font size (clamped to MinFontSize–MaxFontSize).
func (t *Terminal) SetFontSize(size float32) {
	size = min(max(size, MinFontSize), MaxFontSize)
	if size == t.fontSize {
		return
	}
	t.fontSize = size
	t.comp.atlas = nil
	t.Refresh()
}

// SetCursor sets the cursor used unless the remote asks for another.
func (t *Terminal) SetCursor(shape CursorShape, blink bool) {
	t.look.shape, t.look.blink = shape, blink
	t.raster.Refresh()
}

// SetCopyOnSelect turns copying on selection on or off.
func (t *Terminal) SetCopyOnSelect(on bool) { t.cfg.CopyOnSelect = on }

// GridSize returns the number of whole columns and rows the view shows
// (0, 0 before it was first drawn).
func (t *Terminal) GridSize() (cols, rows int) { return t.cols, t.rows }

// CellSize returns the size of one character cell in Fyne units.
func (t *Terminal) CellSize() fyne.Size {
	t.ensureAtlas()
	return fyne.NewSize(float32(t.comp.atlas.m.cellW)/t.scale, float32(t.comp.atlas.m.cellH)/t.scale)
}

// canvasScale returns the pixel scale of the canvas the view is on, 1
// before it is on one.
func (t *Terminal) canvasScale() float32 {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(t); c != nil && c.Scale() > 0 {
			return c.Scale()
		}
	}
	return 1
}

// ensureAtlas makes the glyph atlas match the font size and pixel scale.
func (t *Terminal) ensureAtlas() {
	if s := t.canvasScale(); s != t.scale {
		t.scale = s
		t.comp.atlas = nil
	}
	if t.comp.atlas == nil {
		t.comp.setAtlas(newAtlas(float64(t.fontSize*t.scale), t.cfg.Fonts))
	}
}

// generate is the raster's generator: it composes the frame at the
// raster's pixel size.
func (t *Terminal) generate(w, h int) image.Image {
	t.ensureAtlas()
	if cols, rows := t.comp.grid(w, h); (cols != t.cols || rows != t.rows) && cols > 0 && rows > 0 {
		t.cols, t.rows = cols, rows
		if t.cfg.Resize != nil {
			t.cfg.Resize(cols, rows)
		}
	}
	src := linesOf(&t.frame)
	t.look.top = t.viewTop()
	t.look.newOutput = t.scroll.newOutput
	t.look.selFrom, t.look.selTo = t.sel.bounds(src)
	t.look.marks = t.find.visibleMarks(src, t.look.top, t.rows)
	img := t.comp.draw(&t.frame, &t.look, w, h)
	t.scheduleBlink()
	return img
}

// activity records output or input: blinking starts over, visible.
func (t *Terminal) activity() {
	t.lastActivity = time.Now()
	t.look.blinkOn = true
}

// scheduleBlink starts the blink timer if something on screen blinks, the
// window has focus and the terminal has not been idle for long.
func (t *Terminal) scheduleBlink() {
	if t.blinkTimer != nil || !t.look.focused || t.frame.Screen == nil {
		return
	}
	if !cursorBlinks(t.frame.Screen.Cursor, &t.look) && !t.comp.anyBlink() {
		return
	}
	if time.Since(t.lastActivity) > blinkIdle {
		return
	}
	t.blinkTimer = time.AfterFunc(blinkPeriod, func() { fyne.Do(t.blinkTick) })
}

func (t *Terminal) blinkTick() {
	t.blinkTimer = nil
	switch {
	case time.Since(t.lastActivity) <= blinkIdle:
		t.look.blinkOn = !t.look.blinkOn
	case t.look.blinkOn:
		return // idle: stop, shown
	default:
		t.look.blinkOn = true
	}
	t.raster.Refresh()
}

// ringBell flashes the view briefly (the visual bell).
func (t *Terminal) ringBell() {
	if t.flashing {
		return
	}
	t.flashing = true
	t.flash.Show()
	time.AfterFunc(bellFlash, func() {
		fyne.Do(func() {
			t.flashing = false
			t.flash.Hide()
		})
	})
}

// maxClipboardBytes bounds the text a remote may put on the clipboard.
const maxClipboardBytes = 1 << 20

// remoteClipboard decodes an OSC 52 payload and hands the text to the
// configured policy. Queries ("?") and undecodable payloads are dropped:
// the clipboard is never read for the remote.
func (t *Terminal) remoteClipboard(payload string) {
	if t.cfg.RemoteClipboard == nil || payload == "" || payload == "?" || len(payload) > maxClipboardBytes*4/3+4 {
		return
	}
	text, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		return
	}
	t.cfg.RemoteClipboard(string(text))
}

// send passes input bytes to the session.
func (t *Terminal) send(p []byte) {
	if len(p) > 0 && t.cfg.Input != nil {
		t.cfg.Input(p)
	}
}

// CreateRenderer is part of fyne.Widget.
func (t *Terminal) CreateRenderer() fyne.WidgetRenderer {
	return &viewRenderer{t: t, objects: []fyne.CanvasObject{t.raster, t.flash, t.bar}}
}

// MinSize is one cell: the window decides how many fit.
func (t *Terminal) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	return t.CellSize()
}

// anyBlink reports whether a drawn row has blinking text.
func (c *compositor) anyBlink() bool {
	for i := range c.state {
		if c.state[i].blink {
			return true
		}
	}
	return false
}

type viewRenderer struct {
	t       *Terminal
	objects []fyne.CanvasObject
}

func (r *viewRenderer) Layout(size fyne.Size) {
	for _, o := range []fyne.CanvasObject{r.t.raster, r.t.flash} {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
	r.t.updateScrollbar()
}

func (r *viewRenderer) MinSize() fyne.Size           { return r.t.CellSize() }
func (r *viewRenderer) Refresh()                     { r.t.raster.Refresh() }
func (r *viewRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *viewRenderer) Destroy() {
	if r.t.blinkTimer != nil {
		r.t.blinkTimer.Stop()
		r.t.blinkTimer = nil
	}
}

// modifiers returns the modifier keys held now.
func (t *Terminal) modifiers() fyne.KeyModifier {
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return t.held
}

var (
	_ fyne.Focusable    = (*Terminal)(nil)
	_ fyne.Tabbable     = (*Terminal)(nil)
	_ fyne.Shortcutable = (*Terminal)(nil)
	_ desktop.Keyable   = (*Terminal)(nil)
	_ desktop.Mouseable = (*Terminal)(nil)
	_ desktop.Hoverable = (*Terminal)(nil)
	_ fyne.Draggable    = (*Terminal)(nil)
	_ fyne.Scrollable   = (*Terminal)(nil)
)
