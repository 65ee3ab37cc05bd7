package pty

import (
	"errors"
	"os"
	"os/exec"

	"github.com/roamterm/roam/protocol/rawio"
)

// ErrUnsupported is returned by Start on systems without Unix ptys.
var ErrUnsupported = errors.New("pty: pseudo-terminals are not supported on this system")

// PTY is the master side of a pseudo-terminal whose slave side is the
// controlling terminal of a child process started by Start.
//
// Read returns the child's output and fails (EOF or EIO, depending on the
// system) once no process has the slave side open any more; Write sends
// input to the child. Read and Write may be used from different goroutines.
type PTY struct {
	master *os.File
	io     *rawio.File // master's reads and writes, quiet for the scheduler
	cmd    *exec.Cmd
}

// Read reads output of the child.
func (p *PTY) Read(b []byte) (int, error) { return p.io.Read(b) }

// Write writes input for the child.
func (p *PTY) Write(b []byte) (int, error) { return p.io.Write(b) }

// Close closes the master side. The child then gets SIGHUP from the
// kernel when it is the session leader of the terminal. Close unblocks a
// pending Read.
func (p *PTY) Close() error { return p.master.Close() }

// Wait waits for the child to exit and releases its resources, as
// exec.Cmd.Wait does. It must be called at most once.
func (p *PTY) Wait() error { return p.cmd.Wait() }

// Pid returns the child's process ID.
func (p *PTY) Pid() int { return p.cmd.Process.Pid }
