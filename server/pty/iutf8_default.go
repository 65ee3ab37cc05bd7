//go:build unix && !linux && !darwin

package pty

// HasIUTF8 reports whether this system's ptys get the IUTF8 flag. Here
// the flag is not available, so erasing a multibyte character in the
// line discipline removes only its last byte (mosh prints a warning).
const HasIUTF8 = false

func setIUTF8(fd int) error { return nil }
