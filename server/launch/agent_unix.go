//go:build !windows

package launch

import (
	"errors"
	"io"
	"net"
	"os"
)

// dialAgent connects to the SSH agent at path, or at $SSH_AUTH_SOCK if path
// is empty.
func dialAgent(path string) (io.ReadWriteCloser, error) {
	if path == "" {
		path = os.Getenv("SSH_AUTH_SOCK")
	}
	if path == "" {
		return nil, errors.New("launch: no SSH agent (SSH_AUTH_SOCK is not set)")
	}
	return net.Dial("unix", path)
}
