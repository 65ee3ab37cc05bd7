package vt

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// jumpScroll skips the text at the start of p that the rest of p scrolls
// off the screen before anyone could see it, as xterm's jump scroll does,
// and returns its length: bulk output (a log, `cat` of a big file) is
// mostly lines that scroll away within the same read, and drawing them
// was most of what a server spent on it.
//
// It skips only what cannot change the outcome: plain lines (printable
// text, tabs, CR and LF, no escape sequence or other control, so nothing
// but the cursor and the cells the lines land on), on a screen whose
// scroll region is the whole screen and that keeps no history (the lines
// would be owed to it). It cuts at a CR LF that both finds the cursor on
// the bottom row, because enough line feeds came before it, and is
// followed by at least as many line feeds as the screen has rows: from
// there every row on the screen scrolls off, so their contents do not
// matter, and the CR LF itself, parsed, leaves the cursor, the pending
// wrap and the cell a combining mark joins as the skipped text would.
func (e *Emulator) jumpScroll(p []byte) int {
	fb := e.fb
	h := fb.height
	if e.history != nil || e.top != 0 || e.bottom != h-1 || !e.parser.Ground() || len(p) < 2*(h+1) {
		return 0
	}
	text := p[:plainLines(p)]
	// The cut is at the CR of the line feed that has h line feeds from it
	// to the end of the text, the k-th (from 1) of them.
	k := bytes.Count(text, []byte{'\n'}) - h + 1
	if k < 1 || k-1 < h-1-fb.Cursor.Row {
		return 0
	}
	lf := -1
	for range k {
		lf += 1 + bytes.IndexByte(text[lf+1:], '\n')
	}
	if lf < 1 || text[lf-1] != '\r' {
		return 0
	}
	fb.Cursor.Row, fb.Cursor.Col = h-1, 0
	e.wrapNext = false
	return lf - 1
}

// plainLines returns the length of the plain text at the start of p (see
// jumpScroll): printable ASCII, HT, CR, LF, and bytes from 0x80 up except
// a C1 control in UTF-8 (C2 80 to C2 9F), which the emulator obeys. A C2
// at the end of p might start one, so it ends the text too.
//
// It looks at eight bytes at a time, and at single bytes only where one
// is a control, DEL or C2, which in most text is only at line ends: the
// scan is on every write, and byte by byte it cost a third of what it
// saved.
func plainLines(p []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for i+8 <= len(p) {
		x := binary.LittleEndian.Uint64(p[i:])
		below := (x - 0x20*ones) &^ x & highs // a byte < 0x20
		del, c2 := x^0x7f*ones, x^0xc2*ones   // a zero byte: DEL, C2
		m := below | (del-ones)&^del&highs | (c2-ones)&^c2&highs
		if m == 0 {
			i += 8
			continue
		}
		// The lowest byte flagged is one of those (a borrow can flag
		// only bytes above a true one): a line end, usually, after which
		// the scan goes on.
		i += bits.TrailingZeros64(m) / 8
		if !plainAt(p, i) {
			return i
		}
		i++
	}
	for ; i < len(p); i++ {
		if !plainAt(p, i) {
			return i
		}
	}
	return len(p)
}

// plainAt reports whether p[i] is plain text for plainLines.
func plainAt(p []byte, i int) bool {
	switch b := p[i]; {
	case b >= 0x20 && b < 0x7f, b == '\r', b == '\n', b == '\t':
		return true
	case b == 0xc2:
		return i+1 < len(p) && (p[i+1] < 0x80 || p[i+1] >= 0xa0)
	}
	return p[i] >= 0x80
}
