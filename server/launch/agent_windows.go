//go:build windows

package launch

import (
	"io"
	"os"
)

// openSSHAgentPipe is where Windows' OpenSSH agent service listens.
const openSSHAgentPipe = `\\.\pipe\openssh-ssh-agent`

// dialAgent connects to the SSH agent's named pipe at path, or to
// $SSH_AUTH_SOCK or the OpenSSH agent service if path is empty. A named
// pipe opens like a file.
func dialAgent(path string) (io.ReadWriteCloser, error) {
	if path == "" {
		path = os.Getenv("SSH_AUTH_SOCK")
	}
	if path == "" {
		path = openSSHAgentPipe
	}
	return os.OpenFile(path, os.O_RDWR, 0)
}
