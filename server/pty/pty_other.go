//go:build !unix

package pty

import "os/exec"

// Start returns ErrUnsupported: this system has no Unix pseudo-terminals.
func Start(cmd *exec.Cmd, width, height int) (*PTY, error) { return nil, ErrUnsupported }

// Resize returns ErrUnsupported.
func (p *PTY) Resize(width, height int) error { return ErrUnsupported }

// HasIUTF8 reports whether this system's ptys get the IUTF8 flag.
const HasIUTF8 = false
