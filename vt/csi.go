package vt

import (
	"strconv"

	"github.com/roamterm/roam/vt/parser"
)

// csiDispatch routes a control sequence to its family. Unknown sequences
// are ignored. Like mosh, every function except HT-like tab moves, TBC,
// private mode changes and SGR cancels a pending wrap.
func (e *Emulator) csiDispatch(p *parser.Params, inter []byte, final byte) {
	var private, im byte
	for _, b := range inter {
		if b >= 0x3c {
			private = b
		} else {
			im = b
		}
	}
	if final != 'b' {
		e.lastChar = 0
	}
	// Colon sub-parameters are understood only by SGR.
	if p.HasSub() && (final != 'm' || private != 0 || im != 0) {
		e.wrapNext = false
		return
	}
	switch {
	case private == 0 && im == 0:
		switch final {
		case 'I': // CHT
			e.tabForward(p.Get(0, 1))
			return
		case 'Z': // CBT
			e.tabBackward(p.Get(0, 1))
			return
		case 'g': // TBC
			e.clearTabs(p.Get(0, 0))
			return
		case 'm':
			e.sgr(p)
			return
		}
		wrapNext := e.wrapNext
		e.wrapNext = false
		switch {
		case e.csiCursor(p, final), e.csiErase(p, final):
		case final == 'h' || final == 'l':
			e.wrapNext = wrapNext
			e.setANSIModes(p, final == 'h')
		case final == 'r':
			e.setScrollRegion(p.Get(0, 1), p.Get(1, e.fb.height))
		case final == 's' && p.Len() == 0: // SCOSC
			e.saveCursor(&e.saved)
		case final == 'u' && p.Len() == 0: // SCORC
			e.restoreCursor(&e.saved)
		case final == 'c' && p.Get(0, 0) == 0: // DA
			e.reply("\x1b[?62c")
		case final == 'n':
			e.deviceStatus(p.Get(0, 0))
		}
	case private == '?' && im == 0 && (final == 'h' || final == 'l'):
		e.setDECModes(p, final == 'h')
	case private == '>' && im == 0 && final == 'c' && p.Get(0, 0) == 0:
		e.wrapNext = false
		e.reply("\x1b[>1;10;0c") // secondary DA, as mosh
	case private == 0 && im == '!' && final == 'p':
		e.softReset()
	case private == 0 && im == ' ' && final == 'q': // DECSCUSR
		if s := p.Get(0, 0); s <= int(CursorSteadyBar) {
			e.fb.Cursor.Style = CursorStyle(s)
		}
	default:
		e.wrapNext = false
	}
}

// setScrollRegion is DECSTBM (1-based, inclusive); an empty or inverted
// region is ignored. It homes the cursor.
func (e *Emulator) setScrollRegion(top, bottom int) {
	top, bottom = top-1, min(bottom, e.fb.height)-1
	if top >= bottom {
		return
	}
	e.top, e.bottom = top, bottom
	e.home()
}

// home moves the cursor to the top left of the screen, or of the scroll
// region in origin mode.
func (e *Emulator) home() {
	if e.modes.Origin {
		e.moveTo(e.top, 0)
	} else {
		e.moveTo(0, 0)
	}
}

// deviceStatus answers DSR 5 (status) and 6 (cursor position).
func (e *Emulator) deviceStatus(n int) {
	switch n {
	case 5:
		e.reply("\x1b[0n")
	case 6:
		var b [32]byte
		s := append(b[:0], "\x1b["...)
		s = strconv.AppendInt(s, int64(e.fb.Cursor.Row+1), 10)
		s = append(s, ';')
		s = strconv.AppendInt(s, int64(e.fb.Cursor.Col+1), 10)
		s = append(s, 'R')
		e.reply(string(s))
	}
}
