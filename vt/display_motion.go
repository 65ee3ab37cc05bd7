package vt

// Cursor motion for the display diff. The receiver's cursor is tracked as
// exactly as the emitted bytes allow; where they do not (after DECSTBM,
// which homes the cursor on some terminals and not others) the position is
// unknown and the next move is absolute.

// wrapState is what the diff knows about the receiver's deferred-wrap
// ("column 81") flag, which is set by printing in the last column and makes
// the next printed character wrap to the next row.
type wrapState uint8

const (
	wrapClear wrapState = iota // known clear
	wrapMaybe                  // cursor in the last column, flag unknown
	wrapSet                    // known set
)

// hideCursor hides the receiver's cursor before it starts jumping around,
// as mosh does, so that a real terminal does not flicker.
func (d *differ) hideCursor() {
	if d.visible {
		d.b = append(d.b, "\x1b[?25l"...)
		d.visible = false
	}
}

// moveTo moves the receiver's cursor to (y, x) for drawing, hiding it first.
func (d *differ) moveTo(y, x int) {
	if d.y == y && d.x == x && d.wrap == wrapClear {
		return
	}
	d.hideCursor()
	d.appendMove(y, x)
}

// appendMove emits the shortest known-safe sequence that moves the cursor
// to (y, x) and clears the deferred-wrap flag: CR, LF, BS and the relative
// CSI moves when the position is known, CUP otherwise. Rows are only ever
// moved down within the screen, so LF never scrolls.
func (d *differ) appendMove(y, x int) {
	best := moveCUP
	if d.y >= 0 && d.relativeCost(y, x) < cupLen(y, x) {
		best = moveRelative
	}
	if best == moveCUP {
		d.b = append(d.b, "\x1b["...)
		if y != 0 || x != 0 {
			d.b = appendInt(d.b, y+1)
			if x != 0 {
				d.b = append(d.b, ';')
				d.b = appendInt(d.b, x+1)
			}
		}
		d.b = append(d.b, 'H')
	} else {
		d.appendRelative(y, x)
	}
	d.y, d.x, d.wrap = y, x, wrapClear
	d.combAway = false
}

type moveKind uint8

const (
	moveCUP moveKind = iota
	moveRelative
)

// noMove is the cost of a relative move that is not allowed.
const noMove = 1 << 20

// relativeCost is the length of the relative move appendRelative would
// emit, or noMove.
func (d *differ) relativeCost(y, x int) int {
	cost := 0
	switch dy := y - d.y; {
	case dy > 0:
		cost = min(dy, csiLen(dy))
	case dy < 0:
		cost = csiLen(-dy)
	}
	switch dx := x - d.x; {
	case x == 0:
		if d.x != 0 || d.wrap != wrapClear {
			cost++ // CR
		}
	case d.wrap != wrapClear:
		// From a possibly pending wrap only CR is certain to land in
		// the same place on every terminal.
		return noMove
	case dx < 0:
		cost += min(-dx, csiLen(-dx))
	case dx > 0:
		cost += csiLen(dx)
	case y == d.y:
		return noMove // an explicit move to where the cursor is
	}
	if cost == 0 {
		return noMove // an explicit move to where the cursor is
	}
	return cost
}

// appendRelative emits the move relativeCost priced.
func (d *differ) appendRelative(y, x int) {
	if x == 0 && (d.x != 0 || d.wrap != wrapClear) {
		d.b = append(d.b, '\r')
	}
	switch dy := y - d.y; {
	case dy > 0 && dy <= csiLen(dy):
		for range dy {
			d.b = append(d.b, '\n')
		}
	case dy > 0:
		d.b = appendCSI(d.b, "", dy, 'B')
	case dy < 0:
		d.b = appendCSI(d.b, "", -dy, 'A')
	}
	if x == 0 {
		return
	}
	switch dx := x - d.x; {
	case dx < 0 && -dx <= csiLen(-dx):
		for range -dx {
			d.b = append(d.b, '\b')
		}
	case dx < 0:
		d.b = appendCSI(d.b, "", -dx, 'D')
	case dx > 0:
		d.b = appendCSI(d.b, "", dx, 'C')
	}
}

// cupLen is the length of the CUP appendMove writes for (y, x).
func cupLen(y, x int) int {
	switch {
	case y == 0 && x == 0:
		return 3
	case x == 0:
		return 3 + digits(y+1)
	}
	return 4 + digits(y+1) + digits(x+1)
}

// csiLen is the length of ESC [ n F (n omitted when 1).
func csiLen(n int) int {
	if n == 1 {
		return 3
	}
	return 3 + digits(n)
}

func digits(n int) int {
	d := 1
	for n >= 10 {
		n /= 10
		d++
	}
	return d
}

// appendInt appends the decimal form of a non-negative n.
func appendInt(b []byte, n int) []byte {
	if n < 10 {
		return append(b, byte('0'+n))
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, buf[i:]...)
}
