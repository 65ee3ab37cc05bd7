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
	if r < 0x100 {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return -1
		}
		return 1
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
