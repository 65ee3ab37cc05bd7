// Package termview is Roam's terminal widget for Fyne: it draws a
// session's screen, the prediction overlay and the connection banner, and
// turns the user's keys, mouse and clipboard actions into the bytes the
// session sends.
//
// # Drawing
//
// The view does not build one Fyne object per cell (Fyne's TextGrid does,
// and that is the bottleneck of terminals built on it). Glyphs are
// rasterised with golang.org/x/image/font into a cache of cell-sized
// alpha masks, and the whole screen is composed in software into one RGBA
// image shown by a canvas.Raster, at the canvas's pixel scale (HiDPI).
// Only the rows whose drawing inputs changed since the last frame are
// composed again: framebuffer snapshots share unchanged rows, so most
// rows are proved unchanged by a pointer comparison. See compositor.
//
// Box-drawing and block characters are drawn procedurally so that they
// join pixel-exactly; other characters come from Go Mono, then from the
// FontSet's fallbacks (see package fonts for the system search).
//
// # Scrollback and search
//
// A Frame may carry the session's history, the lines that scrolled off
// the screen. The view scrolls back through it (wheel, Shift+Page
// Up/Down, Shift+Home/End, a scrollbar over the right edge) and stays on
// the same lines while output arrives, saying so with a "new output"
// badge; typing returns it to the bottom. History lines are drawn like
// screen rows, decoded once while in view. Selection spans the history
// and the screen, stays on its text as output arrives (or is cleared when
// the text is overwritten), and Search finds plain text in both (see
// lines for how they are numbered).
//
// # Input
//
// Keys go through vt.EncodeKey and vt.EncodeText, pastes through
// vt.EncodePaste (bracketed when the remote asked), and mouse events
// through vt.EncodeMouse when the remote enabled mouse reporting and the
// view is not scrolled back; otherwise (or with Shift held) the mouse
// selects text locally: drag, double-click for a word, triple-click for
// a line, and the wheel scrolls the history. While the remote is on the
// alternate screen (Frame.AltScreen), the wheel sends it Up and Down
// arrow keys instead, so that pagers scroll; Shift+wheel still scrolls
// the history.
//
// # Concurrency
//
// Like every Fyne widget, a Terminal is used on Fyne's UI goroutine:
// callers on other goroutines hand it frames with fyne.Do. Its callbacks
// (Config) are called on that goroutine and must not block.
package termview
