package tty

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
)

// Compiled terminfo layout (term(5)): a header of six little-endian
// 16-bit numbers, the names, the booleans, padding to an even offset, then
// the numbers — 16-bit in the legacy format, 32-bit in the extended one.
const (
	terminfoMagic16 = 0o432
	terminfoMagic32 = 0o1036
	terminfoHeader  = 12
	// colorsIndex is the position of "colors" (max_colors) among the
	// numeric capabilities.
	colorsIndex = 13
)

// ColorCount returns the number of colours the terminal term supports, as
// mosh-client -c prints it: terminfo's "colors", -1 when the entry has
// none. When no terminfo entry can be read it guesses from the name: 256
// for a *-256color terminal, 8 otherwise.
func ColorCount(term string, getenv func(string) (string, bool)) int {
	if term != "" && !strings.ContainsAny(term, "/\\") {
		for _, dir := range terminfoDirs(getenv) {
			if n, ok := readColors(filepath.Join(dir, term[:1], term)); ok {
				return n
			}
		}
	}
	if strings.HasSuffix(term, "256color") {
		return 256
	}
	return 8
}

// terminfoDirs lists where ncurses looks for compiled entries, in order.
func terminfoDirs(getenv func(string) (string, bool)) []string {
	var dirs []string
	if d, ok := getenv("TERMINFO"); ok && d != "" {
		dirs = append(dirs, d)
	}
	if home, ok := getenv("HOME"); ok && home != "" {
		dirs = append(dirs, filepath.Join(home, ".terminfo"))
	}
	if list, ok := getenv("TERMINFO_DIRS"); ok {
		for _, d := range strings.Split(list, ":") {
			if d != "" {
				dirs = append(dirs, d)
			}
		}
	}
	return append(dirs, "/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo")
}

// readColors reads the "colors" capability from a compiled terminfo file.
func readColors(path string) (int, bool) {
	b, err := os.ReadFile(path)
	if err != nil || len(b) < terminfoHeader {
		return 0, false
	}
	u16 := func(off int) int { return int(binary.LittleEndian.Uint16(b[off:])) }
	magic, namesSize, boolCount, numCount := u16(0), u16(2), u16(4), u16(6)
	width := 2
	switch magic {
	case terminfoMagic16:
	case terminfoMagic32:
		width = 4
	default:
		return 0, false
	}
	if numCount <= colorsIndex {
		return -1, true
	}
	off := terminfoHeader + namesSize + boolCount
	off += off % 2
	off += colorsIndex * width
	if off+width > len(b) {
		return 0, false
	}
	if width == 2 {
		n := int16(binary.LittleEndian.Uint16(b[off:]))
		return max(int(n), -1), true
	}
	n := int32(binary.LittleEndian.Uint32(b[off:]))
	return max(int(n), -1), true
}
