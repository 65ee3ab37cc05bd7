package vt

// C0 and C1 control characters the emulator acts on.
const (
	ctlBEL = 0x07
	ctlBS  = 0x08
	ctlHT  = 0x09
	ctlLF  = 0x0a
	ctlVT  = 0x0b
	ctlFF  = 0x0c
	ctlCR  = 0x0d
	ctlSO  = 0x0e
	ctlSI  = 0x0f
	ctlIND = 0x84
	ctlNEL = 0x85
	ctlHTS = 0x88
	ctlRI  = 0x8d
)

// execute performs a C0 or C1 control function; the others are ignored.
func (e *Emulator) execute(c byte) {
	e.lastChar = 0
	switch c {
	case ctlBEL:
		e.fb.BellCount++
	case ctlBS:
		e.moveTo(e.fb.Cursor.Row, e.fb.Cursor.Col-1)
	case ctlHT:
		e.tabForward(1)
	case ctlLF, ctlVT, ctlFF:
		if e.modes.LNM {
			e.fb.Cursor.Col = 0
		}
		e.lineFeed()
	case ctlCR:
		e.moveTo(e.fb.Cursor.Row, 0)
	case ctlSO:
		e.shift = 1
	case ctlSI:
		e.shift = 0
	case ctlIND:
		e.lineFeed()
	case ctlNEL:
		e.fb.Cursor.Col = 0
		e.lineFeed()
	case ctlHTS:
		e.tabs[e.fb.Cursor.Col] = true
	case ctlRI:
		e.reverseIndex()
	}
}
