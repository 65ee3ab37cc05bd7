package vt

// DisplayDiff returns the bytes that turn a terminal showing from into one
// showing to. It is AppendDisplayDiff into a new buffer.
//
// # The display diff
//
// The bytes are the HostBytes of a mosh HostMessage: they are applied by
// mosh-client's terminal emulator, or by Roam's Emulator, which shares its
// semantics. They follow mosh 1.4's Display::new_frame in order and in
// spirit, use only sequences that emulator understands or silently ignores,
// never hold a query (DA, DSR), and rely on no receiver state beyond what
// from describes (the receiver may, for instance, be waiting to wrap when
// from's cursor is in the last column, and combining marks may join some
// other cell, so neither is assumed). In order:
//
//   - one BEL if the bell count changed (a bell is an event, not a count);
//   - the icon name and window title, once an application has set one, if
//     they changed: OSC 0 when they are equal, else OSC 1 and OSC 2;
//   - the OSC 52 clipboard if it changed;
//   - reverse video (?5);
//   - on a full repaint (from == nil, or a size change):
//     ESC[r ESC[0m ESC[H ESC[2J, and the cursor hidden while drawing;
//   - a scroll, if a block of rows moved up: CR and line feeds when the
//     whole screen scrolled with the cursor on the bottom row, else a
//     scrolling region, line feeds at its bottom and ESC[r, instead of
//     repainting the rows that moved. As in mosh the block is found from
//     the first changed row; unlike mosh that row need not be the top one,
//     so a scroll under fixed header lines is found too;
//   - the rows, top to bottom, skipping rows that are the same row (by
//     pointer, see Framebuffer.SameRow) or equal, and unchanged cells;
//     renditions set with a full SGR (ESC[0;1;2;3;4;5;7;8;9;fg;bg m, each
//     attribute only if present) and OSC 8 hyperlinks (ESC]8;params;uri
//     ESC\) only when they change; characters as UTF-8, wide ones advancing
//     two columns; a soft-wrapped row drawn so that the receiver wraps it
//     by itself (its last character, then the next row's first one with no
//     move between), which sets the receiver's wrap flag; a wrap flag that
//     must go is cleared by erasing the row (ESC[2K);
//   - the cursor position (CR, LF, BS and relative CSI moves when shorter
//     than CUP, never a relative move from a possibly pending wrap), its
//     visibility, the pen (SGR and hyperlink), bracketed paste, mouse
//     reporting, focus events, mouse encoding and the cursor style
//     (DECSCUSR).
//
// Where mosh is approximate this diff is exact, because the round trip
// (apply DisplayDiff(a, b) to a receiver showing a, get b, cell for cell)
// is its definition of correct:
//
//   - An erased cell is erased on the receiver, with ECH or at the end of a
//     row EL, the pen's background set first (background colour erase);
//     it is never drawn as a space, because an erased cell and a space
//     differ in a Framebuffer. Cells holding real spaces are printed.
//   - A "fallback" cell (combining marks with no base) is recreated by an
//     explicit move, ECH and the marks, which mosh's emulator and Roam's
//     both turn back into a fallback cell, rather than by a no-break space
//     and the marks.
//   - Soft-wrap flags are reproduced even where that takes a placeholder
//     character that is redrawn afterwards (an erased last cell, a bottom
//     row that wraps, which needs a scrolling region that leaves it out).
//   - A diff that would be longer than a full repaint is replaced by the
//     repaint.
//
// Faint and strikethrough (inside the SGR), hyperlinks and the cursor style
// are sent although mosh 1.4's emulator ignores them: it skips unknown SGR
// parameters, OSC strings and CSI functions.
//
// The receiver's bell count grows by one per diff that rang, so it is the
// one field that does not round-trip.
func DisplayDiff(from, to *Framebuffer) []byte {
	return AppendDisplayDiff(nil, from, to)
}

// AppendDisplayDiff appends the display diff from from to to (see
// DisplayDiff) to dst and returns the extended buffer. It allocates nothing
// when dst has room. A nil from means the receiver's screen is unknown: the
// diff is then a full repaint, as it is when the size changed.
func AppendDisplayDiff(dst []byte, from, to *Framebuffer) []byte {
	d := differ{b: dst, to: to, w: to.width, h: to.height}
	full := from == nil || from.width != to.width || from.height != to.height
	d.run(from, full)
	start, n := len(dst), len(d.b)-len(dst)
	if full || n <= minRepaint || repaintExceeds(to, n-minRepaint) {
		return d.b
	}
	// A frame that changed almost everywhere can cost more to patch than
	// to repaint; send whichever is shorter.
	r := differ{b: d.b, to: to, w: to.width, h: to.height}
	r.run(from, true)
	if m := len(r.b) - start - n; m < n {
		copy(r.b[start:], r.b[start+n:])
		return r.b[:start+m]
	}
	return r.b[:start+n]
}

// minRepaint is less than the length of any full repaint: its fixed
// prefix and the modes it always sends already take more. Diffs this short
// need not be compared with a repaint.
const minRepaint = 64

// repaintExceeds reports whether a full repaint of fb is sure to take more
// than minRepaint+n bytes: it prints every character, a byte at least.
func repaintExceeds(fb *Framebuffer, n int) bool {
	for _, r := range fb.rows {
		for i := range r.Cells {
			if r.Cells[i].Rune != 0 {
				if n--; n < 0 {
					return true
				}
			}
		}
	}
	return false
}

// differ holds what the receiver's terminal is known to show while a diff
// is being written.
type differ struct {
	b    []byte
	to   *Framebuffer
	from *Framebuffer // the receiver's screen; nil when it was cleared
	w, h int

	// The receiver's cursor (y < 0: unknown), deferred-wrap flag, pen,
	// hyperlink and cursor visibility.
	y, x      int
	wrap      wrapState
	combAway  bool      // a combining mark might not join the cursor cell (it joins the last printed one)
	pen       Rendition // Link always 0; the hyperlink is link
	link      LinkID
	linkKnown bool
	visible   bool

	// A scroll emitted by scroll: the receiver's rows scrollTop..
	// scrollBottom moved up by scrollBy, blank rows filling the bottom.
	scrollTop, scrollBottom, scrollBy int

	// Wrap crossing between rows (see endRow and crossWrap).
	cross           bool // the cursor waits, wrap pending, at the end of the previous row
	crossFlagNeeded bool // and that row's wrap flag is not yet set on the receiver
	crossFixLast    bool // the previous row's last cell holds a placeholder
	forceFirst      bool // this row's first cell holds a placeholder
	forceLast       bool // this row's last cell holds a placeholder
	receiverWrapped bool // the current row's wrap flag on the receiver
}

// run writes the diff from from, repainting the whole screen if full.
func (d *differ) run(from *Framebuffer, full bool) {
	d.header(from)
	if full {
		d.b = append(d.b, "\x1b[r\x1b[0m\x1b[H\x1b[2J"...)
		d.from = nil
		d.y, d.x, d.wrap = 0, 0, wrapClear
		d.pen = Rendition{}
		d.visible = true
		d.hideCursor()
	} else {
		d.from = from
		d.y, d.x = from.Cursor.Row, from.Cursor.Col
		if d.y < 0 || d.y >= d.h || d.x < 0 {
			d.y = -1 // not a position an emulator leaves
		} else if d.x >= d.w-1 {
			// The receiver may be waiting to wrap; nothing tells.
			d.x, d.wrap = d.w-1, wrapMaybe
		}
		d.combAway = true
		d.pen = from.Pen
		d.pen.Link = 0
		d.link, d.linkKnown = from.Pen.Link, true
		d.visible = from.Cursor.Visible
		d.scroll()
	}
	for y := range d.h {
		d.drawRow(y)
	}
	d.trailer(from, full)
}

// header writes what precedes the screen contents: bell, titles,
// clipboard and reverse video.
func (d *differ) header(from *Framebuffer) {
	to := d.to
	if from != nil && to.BellCount != from.BellCount {
		d.b = append(d.b, '\a')
	}
	if to.TitleSet && (from == nil || !from.TitleSet ||
		to.Title != from.Title || to.IconName != from.IconName) {
		if to.Title == to.IconName {
			d.b = append(d.b, "\x1b]0;"...)
			d.b = appendOSCText(d.b, to.Title)
			d.b = append(d.b, '\a')
		} else {
			d.b = append(d.b, "\x1b]1;"...)
			d.b = appendOSCText(d.b, to.IconName)
			d.b = append(d.b, "\a\x1b]2;"...)
			d.b = appendOSCText(d.b, to.Title)
			d.b = append(d.b, '\a')
		}
	}
	if (from == nil && to.Clipboard != "") || (from != nil && to.Clipboard != from.Clipboard) {
		d.b = append(d.b, "\x1b]52;c;"...)
		d.b = appendOSCText(d.b, to.Clipboard)
		d.b = append(d.b, '\a')
	}
	if from == nil || to.ReverseVideo != from.ReverseVideo {
		d.b = appendMode(d.b, 5, to.ReverseVideo)
	}
}

// trailer writes what follows the screen contents: the cursor, the pen and
// the modes.
func (d *differ) trailer(from *Framebuffer, full bool) {
	to := d.to
	cur := to.Cursor
	cy, cx := min(max(cur.Row, 0), d.h-1), min(max(cur.Col, 0), d.w-1)
	if d.y != cy || d.x != cx {
		// A cursor left waiting to wrap in the right place stays so: the
		// sender's emulator is in the same state.
		d.appendMove(cy, cx)
	}
	if full || cur.Visible != d.visible {
		d.b = appendMode(d.b, 25, cur.Visible)
	}
	d.setSGR(to.Pen, false)
	d.setLink(to.Pen.Link)
	if full || to.BracketedPaste != from.BracketedPaste {
		d.b = appendMode(d.b, 2004, to.BracketedPaste)
	}
	if full || to.Mouse != from.Mouse {
		if to.Mouse == MouseNone {
			d.b = append(d.b, "\x1b[?1003l\x1b[?1002l\x1b[?1001l\x1b[?1000l"...)
		} else {
			if !full && from.Mouse != MouseNone {
				d.b = appendMode(d.b, int(from.Mouse), false)
			}
			d.b = appendMode(d.b, int(to.Mouse), true)
		}
	}
	if full || to.FocusEvents != from.FocusEvents {
		d.b = appendMode(d.b, 1004, to.FocusEvents)
	}
	if full || to.MouseEncoding != from.MouseEncoding {
		if to.MouseEncoding == MouseEncodingDefault {
			d.b = append(d.b, "\x1b[?1015l\x1b[?1006l\x1b[?1005l"...)
		} else {
			if !full && from.MouseEncoding != MouseEncodingDefault {
				d.b = appendMode(d.b, int(from.MouseEncoding), false)
			}
			d.b = appendMode(d.b, int(to.MouseEncoding), true)
		}
	}
	if full || cur.Style != from.Cursor.Style {
		d.b = append(d.b, "\x1b["...)
		d.b = appendInt(d.b, int(cur.Style))
		d.b = append(d.b, " q"...)
	}
}

// setSGR makes r's colours and attributes the receiver's pen (the
// hyperlink is separate, see setLink).
func (d *differ) setSGR(r Rendition, force bool) {
	r.Link = 0
	if force || r != d.pen {
		d.b = appendSGR(d.b, r)
		d.pen = r
	}
}

// setLink makes id the receiver's current hyperlink.
func (d *differ) setLink(id LinkID) {
	if !d.linkKnown || d.link != id {
		d.b = appendLink(d.b, id)
		d.link, d.linkKnown = id, true
	}
}
