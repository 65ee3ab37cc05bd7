package vt

// charset is a character set that can be designated into G0 or G1.
type charset uint8

const (
	charsetASCII      charset = iota // US ASCII (ESC ( B), and every set not supported
	charsetDECSpecial                // DEC special graphics (ESC ( 0)
)

// decSpecial maps 0x5F–0x7E of the DEC special graphics set to Unicode, as
// xterm does.
var decSpecial = [32]rune{
	0x00a0, 0x25c6, 0x2592, 0x2409, 0x240c, 0x240d, 0x240a, 0x00b0,
	0x00b1, 0x2424, 0x240b, 0x2518, 0x2510, 0x250c, 0x2514, 0x253c,
	0x23ba, 0x23bb, 0x2500, 0x23bc, 0x23bd, 0x251c, 0x2524, 0x2534,
	0x252c, 0x2502, 0x2264, 0x2265, 0x03c0, 0x2260, 0x00a3, 0x00b7,
}

// mapRune returns what ASCII character r draws as in charset c.
func (c charset) mapRune(r rune) rune {
	if c == charsetDECSpecial && r >= 0x5f && r <= 0x7e {
		return decSpecial[r-0x5f]
	}
	return r
}

// designate handles ESC ( F and ESC ) F: final byte f names the set for G0
// or G1.
func (e *Emulator) designate(g int, f byte) {
	if f == '0' {
		e.charsets[g] = charsetDECSpecial
	} else {
		e.charsets[g] = charsetASCII
	}
}
