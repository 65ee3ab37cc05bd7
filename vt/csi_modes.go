package vt

import "github.com/roamterm/roam/vt/parser"

// setANSIModes is SM/RM: IRM (4) and LNM (20).
func (e *Emulator) setANSIModes(p *parser.Params, on bool) {
	for i := range p.Len() {
		switch v, _ := p.Raw(i); v {
		case 4:
			e.modes.Insert = on
		case 20:
			e.modes.LNM = on
		}
	}
}

// setDECModes is DECSET/DECRST.
func (e *Emulator) setDECModes(p *parser.Params, on bool) {
	fb := e.fb
	for i := range p.Len() {
		switch v, _ := p.Raw(i); v {
		case 1:
			e.modes.CursorKeysApp = on
		case 3: // DECCOLM: as mosh, clear and home; the width stays
			e.wrapNext = false
			e.top, e.bottom = 0, fb.height-1
			e.eraseRows(0, fb.height)
			e.moveTo(0, 0)
		case 5:
			fb.ReverseVideo = on
		case 6:
			e.modes.Origin = on
			e.home()
		case 7:
			e.modes.AutoWrap = on
		case 25:
			fb.Cursor.Visible = on
		case 9, 1000, 1001, 1002, 1003:
			fb.Mouse = MouseNone
			if on {
				fb.Mouse = MouseMode(v)
			}
		case 1004:
			fb.FocusEvents = on
		case 1005, 1006, 1015:
			fb.MouseEncoding = MouseEncodingDefault
			if on {
				fb.MouseEncoding = MouseEncoding(v)
			}
		case 1048:
			if on {
				e.saveCursor(&e.saved)
			} else {
				e.restoreCursor(&e.saved)
			}
		case 47, 1047:
			e.setAltScreen(on, false)
		case 1049:
			e.setAltScreen(on, true)
		case 2004:
			fb.BracketedPaste = on
		}
	}
}

// setAltScreen switches between the primary and the alternate screen as
// tmux does: the alternate screen is blank on every entry and discarded on
// exit; with saveCursor (?1049) the cursor is saved on entry and restored on
// exit. Terminal-wide state (pen, modes, title) is shared by both screens.
func (e *Emulator) setAltScreen(on, saveCursor bool) {
	fb := e.fb
	if on == e.modes.AltScreen {
		return
	}
	e.modes.AltScreen = on
	if on {
		if saveCursor {
			e.saveCursor(&e.altSaved)
		}
		e.primaryRows = fb.rows
		fb.rows = make([]*Row, fb.height)
		for y := range fb.rows {
			fb.rows[y] = newRow(fb.width, ColorDefault)
		}
		return
	}
	fb.rows, e.primaryRows = e.primaryRows, nil
	if saveCursor {
		e.restoreCursor(&e.altSaved)
	}
}
