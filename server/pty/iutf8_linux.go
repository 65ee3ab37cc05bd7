package pty

import "golang.org/x/sys/unix"

// HasIUTF8 reports whether this system's ptys get the IUTF8 flag.
const HasIUTF8 = true

func setIUTF8(fd int) error {
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return err
	}
	t.Iflag |= unix.IUTF8
	return unix.IoctlSetTermios(fd, unix.TCSETS, t)
}
