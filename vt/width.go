package vt

//go:generate go run ./internal/widthgen -o width_table.go

// widthSpan is a range of code points sharing a width.
type widthSpan struct {
	lo, hi rune
	w      int8
}

// Width returns the number of columns r occupies: 1 or 2, 0 for a
// combining character that joins the previous one, or -1 for a character
// that is not printable and is dropped.
//
// It is the one width table used throughout Roam. It agrees with glibc's
// wcwidth in the C.UTF-8 locale of Debian bookworm (glibc 2.36), because a
// real mosh-server measures characters with its libc and the two ends must
// agree on cursor positions; like mosh it makes U+0020–U+007E and
// U+00A0–U+00FF width 1 whatever the libc says. Unassigned code points are
// -1, as in glibc.
func Width(r rune) int {
	if u := uint32(r); u < widthFastEnd {
		return int(widthFast[u>>2]>>(u<<1&6)&3) - 1
	}
	return searchWidth(r)
}

// widthFastEnd is where widthFast ends: it covers the Basic and the
// Supplementary Multilingual Planes, where nearly all text and emoji are,
// so that the hot path of printing is one load instead of a ten-step
// binary search; the rarer planes above are searched.
const widthFastEnd = 0x20000

// widthFast holds Width+1 of every code point below widthFastEnd, two
// bits each, four to a byte (32 KB), built at start-up from the rules for
// Latin-1 and from widthTable.
var widthFast = func() (t [widthFastEnd / 4]byte) {
	for i := range t {
		t[i] = 0xaa // width 1 (2 bits of 0b10) for everything not listed
	}
	set := func(r rune, w int) {
		shift := uint(r&3) * 2
		t[r>>2] = t[r>>2]&^(3<<shift) | byte(w+1)<<shift
	}
	for r := rune(0); r < 0xa0; r++ {
		if r < 0x20 || r >= 0x7f {
			set(r, -1) // C0, DEL and C1 controls
		}
	}
	for _, s := range widthTable {
		for r := s.lo; r <= s.hi && r < widthFastEnd; r++ {
			set(r, int(s.w))
		}
	}
	return t
}()

// searchWidth is Width for code points outside widthFast.
func searchWidth(r rune) int {
	if r < 0 {
		return -1
	}
	lo, hi := 0, len(widthTable)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		s := &widthTable[m]
		switch {
		case r < s.lo:
			hi = m
		case r > s.hi:
			lo = m + 1
		default:
			return int(s.w)
		}
	}
	return 1
}
