//go:build !unix

package daemon

import (
	"errors"
	"io"
)

// Spawn is not supported on this system.
func Spawn(args, env []string, arg string, keepStdio bool) (pid int, report io.ReadCloser, err error) {
	return 0, nil, errors.New("daemon: detaching is only supported on Unix systems")
}
