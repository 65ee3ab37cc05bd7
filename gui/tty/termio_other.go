//go:build !linux

package tty

import (
	"io"
	"os"
)

// terminalIO returns f: only Linux can open the terminal anew by
// descriptor (/proc/self/fd), so elsewhere f's blocking calls serve.
func terminalIO(f *os.File) (rw io.ReadWriter, release func()) { return f, func() {} }
