package vt

// escDispatch performs an escape sequence. ESC followed by 0x40–0x5F is the
// 7-bit form of a C1 control.
func (e *Emulator) escDispatch(inter []byte, final byte) {
	e.lastChar = 0
	if len(inter) == 0 {
		switch {
		case final >= 0x40 && final <= 0x5f:
			e.execute(final + 0x40)
		case final == '7': // DECSC
			e.saveCursor(&e.saved)
		case final == '8': // DECRC
			e.restoreCursor(&e.saved)
		case final == '=': // DECKPAM
			e.modes.KeypadApp = true
		case final == '>': // DECKPNM
			e.modes.KeypadApp = false
		case final == 'c':
			e.fullReset()
		}
		return
	}
	if len(inter) != 1 {
		return
	}
	switch inter[0] {
	case '(':
		e.designate(0, final)
	case ')':
		e.designate(1, final)
	case '#':
		if final == '8' {
			e.alignmentTest()
		}
	}
}

// defaultSavedCursor is what DECRC restores when nothing was saved.
func (e *Emulator) defaultSavedCursor() savedCursor {
	return savedCursor{autoWrap: true}
}

// saveCursor is DECSC: cursor position, pen, autowrap and origin modes,
// pending wrap and character sets.
func (e *Emulator) saveCursor(s *savedCursor) {
	*s = savedCursor{
		row: e.fb.Cursor.Row, col: e.fb.Cursor.Col,
		pen:      e.fb.Pen,
		autoWrap: e.modes.AutoWrap, origin: e.modes.Origin,
		wrapNext: e.wrapNext,
		charsets: e.charsets, shift: e.shift,
	}
}

// restoreCursor is DECRC.
func (e *Emulator) restoreCursor(s *savedCursor) {
	e.fb.Pen = s.pen
	e.modes.AutoWrap, e.modes.Origin = s.autoWrap, s.origin
	e.charsets, e.shift = s.charsets, s.shift
	e.moveTo(s.row, s.col)
	e.wrapNext = s.wrapNext && e.fb.Cursor.Col == e.fb.width-1
}

// softReset is DECSTR, with the effects mosh gives it plus the keypad mode
// and character sets.
func (e *Emulator) softReset() {
	e.modes.Insert, e.modes.Origin = false, false
	e.modes.CursorKeysApp, e.modes.KeypadApp = false, false
	e.fb.Cursor.Visible = true
	e.top, e.bottom = 0, e.fb.height-1
	e.fb.Pen = Rendition{}
	e.charsets, e.shift = [2]charset{}, 0
	e.saved = e.defaultSavedCursor()
	e.wrapNext = false
}

// fullReset is RIS. As in mosh it resets the screen, modes, window title
// and clipboard but keeps the icon name, the "title set" flag and the bell
// count.
func (e *Emulator) fullReset() {
	old := e.fb
	fb := NewFramebuffer(old.width, old.height)
	fb.IconName, fb.TitleSet, fb.BellCount = old.IconName, old.TitleSet, old.BellCount
	*old = *fb
	e.resetState()
}
