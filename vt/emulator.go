package vt

import "github.com/roamterm/roam/vt/parser"

// Modes are the emulator's modes that a display diff does not carry but a
// front end (key encoding) or a test may want to see.
type Modes struct {
	CursorKeysApp bool // DECCKM (?1): cursor keys send SS3 sequences
	KeypadApp     bool // DECKPAM (ESC =), cleared by DECKPNM (ESC >)
	AutoWrap      bool // DECAWM (?7)
	Origin        bool // DECOM (?6): row addresses relative to the scroll region
	Insert        bool // IRM (4)
	LNM           bool // LNM (20): LF, VT and FF also return the carriage
	AltScreen     bool // the alternate screen (47/1047/1049) is active
}

// maxReplies bounds the bytes queued for the host between two calls of
// TakeReplies, so that an application flooding the emulator with queries
// cannot grow memory.
const maxReplies = 4096

// Emulator interprets the output of a terminal application and keeps the
// resulting screen in a Framebuffer.
//
// The zero value is not usable; call NewEmulator. An Emulator is not safe
// for concurrent use; a clone (of the emulator or of its framebuffer) that is
// no longer written may be read by other goroutines.
type Emulator struct {
	fb      *Framebuffer
	parser  *parser.Parser
	replies []byte
	modes   Modes

	// top and bottom are the scroll region, inclusive and 0-based.
	top, bottom int
	tabs        []bool
	// wrapNext is the pending-wrap flag: the last column has been
	// written and the next graphic character goes to the next line.
	wrapNext bool
	// combRow, combCol is the cell a combining character joins: the last
	// cell printed, or the cursor cell after an explicit move (as mosh).
	combRow, combCol int
	// lastChar is the last graphic character printed, for REP; 0 when the
	// previous function was not a print.
	lastChar rune

	charsets [2]charset // G0 and G1
	shift    int        // which of them is invoked into GL (SI/SO)

	saved    savedCursor // DECSC / DECRC and CSI s / CSI u
	altSaved savedCursor // the cursor saved by ?1049

	// primaryRows holds the primary screen while the alternate screen is
	// active.
	primaryRows []*Row

	// history receives the lines that scroll off the primary screen; nil
	// when none is kept. Clones do not share it.
	history *History
	// jump is jumpHistory's scratch; clones do not share it.
	jump *jumpScratch
}

// savedCursor is what DECSC saves and DECRC restores.
type savedCursor struct {
	row, col int
	pen      Rendition
	autoWrap bool
	origin   bool
	wrapNext bool
	charsets [2]charset
	shift    int
}

// NewEmulator returns an emulator with a blank screen of the given size
// (each at least 1), in the state a freshly reset terminal is in.
func NewEmulator(width, height int) *Emulator {
	e := &Emulator{fb: NewFramebuffer(width, height), parser: new(parser.Parser)}
	e.resetState()
	return e
}

// resetState sets everything but the screen contents and the framebuffer's
// exported state to power-on values.
func (e *Emulator) resetState() {
	e.modes = Modes{AutoWrap: true}
	e.top, e.bottom = 0, e.fb.height-1
	e.tabs = make([]bool, e.fb.width)
	e.resetTabs(0)
	e.wrapNext = false
	e.combRow, e.combCol = 0, 0
	e.lastChar = 0
	e.charsets, e.shift = [2]charset{}, 0
	e.saved = e.defaultSavedCursor()
	e.altSaved = e.saved
	e.primaryRows = nil
}

// Write parses p and applies it to the screen. It always consumes all of p
// and never returns an error; a partial escape sequence or UTF-8 character
// at the end of p is completed by the next Write.
func (e *Emulator) Write(p []byte) (int, error) {
	if e.history != nil {
		e.writeKeepingHistory(p)
	} else {
		e.parser.Parse((*handler)(e), p[e.jumpScroll(p):])
	}
	return len(p), nil
}

// TakeReplies returns the bytes the terminal sends back to the host in
// answer to queries (device attributes, status and cursor position
// reports) and clears the queue. At most 4096 bytes are queued between
// calls; later replies are dropped.
func (e *Emulator) TakeReplies() []byte {
	r := e.replies
	e.replies = nil
	return r
}

func (e *Emulator) reply(s string) {
	if len(e.replies)+len(s) <= maxReplies {
		e.replies = append(e.replies, s...)
	}
}

// Framebuffer returns the live framebuffer of the active screen. The caller
// must not modify it and must Clone it to keep a snapshot: it changes with
// every Write.
func (e *Emulator) Framebuffer() *Framebuffer { return e.fb }

// Modes returns the current modes.
func (e *Emulator) Modes() Modes { return e.modes }

// SetHistory makes e append to h every line that scrolls off the top of
// the primary screen while the scroll region is the whole screen, as xterm
// and tmux fill their scrollback: lines leaving a smaller scroll region,
// deleted lines (DL) and the alternate screen are not kept. Nil stops it.
func (e *Emulator) SetHistory(h *History) { e.history = h }

// History returns the history set with SetHistory, or nil.
func (e *Emulator) History() *History { return e.history }

// Clone returns an independent copy of e, including any partly parsed
// sequence. It is cheap: rows are shared with e and copied on write. The
// clone keeps no history (see SetHistory).
func (e *Emulator) Clone() *Emulator {
	c := *e
	c.fb = e.fb.Clone()
	c.parser = e.parser.Clone()
	c.replies = append([]byte(nil), e.replies...)
	c.tabs = append([]bool(nil), e.tabs...)
	c.history = nil
	c.jump = nil
	if e.primaryRows != nil {
		for _, r := range e.primaryRows {
			r.shared = true
		}
		c.primaryRows = append([]*Row(nil), e.primaryRows...)
	}
	return &c
}

// Resize changes the screen size (each dimension at least 1) as mosh does:
// content is kept from the top left, rows and columns beyond the new size
// are lost, the cursor is clamped, the scroll region is reset to the full
// screen and new columns get the default tab stops. Both the primary and
// the alternate screen are resized.
func (e *Emulator) Resize(width, height int) {
	width, height = clampSize(width, height)
	oldWidth, oldHeight := e.fb.width, e.fb.height
	if width == oldWidth && height == oldHeight {
		return
	}
	e.fb.Resize(width, height)
	if e.primaryRows != nil {
		primary := &Framebuffer{rows: e.primaryRows, width: oldWidth, height: oldHeight}
		primary.Resize(width, height)
		e.primaryRows = primary.rows
	}
	e.top, e.bottom = 0, height-1
	tabs := make([]bool, width)
	copy(tabs, e.tabs)
	e.tabs = tabs
	if width > oldWidth {
		e.resetTabs(oldWidth)
	}
	e.wrapNext = false
}

// handler adapts the Emulator to parser.Handler without exporting the
// callbacks from Emulator.
type handler Emulator

func (h *handler) Print(r rune)                 { (*Emulator)(h).print(r) }
func (h *handler) PrintASCII(s []byte)          { (*Emulator)(h).printASCII(s) }
func (h *handler) PrintText(s []byte) int       { return (*Emulator)(h).printText(s) }
func (h *handler) Execute(c byte)               { (*Emulator)(h).execute(c) }
func (h *handler) ESCDispatch(i []byte, f byte) { (*Emulator)(h).escDispatch(i, f) }
func (h *handler) OSCDispatch(data []byte)      { (*Emulator)(h).oscDispatch(data) }
func (h *handler) CSIDispatch(p *parser.Params, i []byte, f byte) {
	(*Emulator)(h).csiDispatch(p, i, f)
}
