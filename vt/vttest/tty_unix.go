//go:build unix

package vttest

import (
	"fmt"
	"syscall"
	"unsafe"
)

// TTYSize returns the window size of the terminal device at path
// (TIOCGWINSZ), as the program on it sees it. The device is opened
// without becoming anyone's controlling terminal.
func TTYSize(path string) (width, height int, err error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NOCTTY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return 0, 0, fmt.Errorf("vttest: %s: %w", path, err)
	}
	defer syscall.Close(fd)
	var ws struct{ row, col, xpixel, ypixel uint16 }
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TIOCGWINSZ, uintptr(unsafe.Pointer(&ws))); errno != 0 {
		return 0, 0, fmt.Errorf("vttest: %s: %w", path, errno)
	}
	return int(ws.col), int(ws.row), nil
}
