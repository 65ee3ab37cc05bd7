//go:build unix

package pty

import (
	"fmt"
	"os/exec"
	"syscall"

	"github.com/creack/pty"
)

// Start starts cmd on a new pseudo-terminal of width columns and height
// rows. The child becomes a session leader with the pty as its
// controlling terminal and gets the slave side as stdin, stdout and
// stderr (any Stdin, Stdout or Stderr already set on cmd are replaced).
// Sizes below 1 are raised to 1.
func Start(cmd *exec.Cmd, width, height int) (*PTY, error) {
	master, slave, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("pty: open: %w", err)
	}
	// The parent never needs the slave side: once the child has it, the
	// child's exit is what makes master reads fail.
	defer slave.Close()

	if err := pty.Setsize(master, winsize(width, height)); err != nil {
		master.Close()
		return nil, fmt.Errorf("pty: set size: %w", err)
	}
	if err := setIUTF8(int(slave.Fd())); err != nil {
		master.Close()
		return nil, fmt.Errorf("pty: set IUTF8: %w", err)
	}

	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setsid = true
	cmd.SysProcAttr.Setctty = true
	cmd.SysProcAttr.Ctty = 0 // the child's stdin, which is the slave side
	if err := cmd.Start(); err != nil {
		master.Close()
		return nil, fmt.Errorf("pty: start %s: %w", cmd.Path, err)
	}
	return &PTY{master: master, cmd: cmd}, nil
}

// Resize sets the window size (TIOCSWINSZ); the kernel sends SIGWINCH to
// the terminal's foreground process group. Sizes below 1 are raised to 1.
func (p *PTY) Resize(width, height int) error {
	if err := pty.Setsize(p.master, winsize(width, height)); err != nil {
		return fmt.Errorf("pty: resize: %w", err)
	}
	return nil
}

func winsize(width, height int) *pty.Winsize {
	clamp := func(n int) uint16 { return uint16(min(max(n, 1), 0xffff)) }
	return &pty.Winsize{Cols: clamp(width), Rows: clamp(height)}
}
