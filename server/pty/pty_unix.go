//go:build unix

package pty

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/roamterm/roam/protocol/rawio"
)

// Start starts cmd on a new pseudo-terminal of width columns and height
// rows. The child becomes a session leader with the pty as its
// controlling terminal and gets the slave side as stdin, stdout and
// stderr (any Stdin, Stdout or Stderr already set on cmd are replaced).
// Sizes below 1 are raised to 1.
func Start(cmd *exec.Cmd, width, height int) (*PTY, error) {
	blockingMaster, slave, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("pty: open: %w", err)
	}
	// The parent never needs the slave side: once the child has it, the
	// child's exit is what makes master reads fail.
	defer slave.Close()
	master, err := pollable(blockingMaster)
	if err != nil {
		slave.Close()
		return nil, err
	}

	if err := setWinsize(master, width, height); err != nil {
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
	return &PTY{master: master, io: rawio.NewFile(master), cmd: cmd}, nil
}

// Resize sets the window size (TIOCSWINSZ); the kernel sends SIGWINCH to
// the terminal's foreground process group. Sizes below 1 are raised to 1.
func (p *PTY) Resize(width, height int) error {
	if err := setWinsize(p.master, width, height); err != nil {
		return fmt.Errorf("pty: resize: %w", err)
	}
	return nil
}

// pollable returns the master side as a File in non-blocking mode, which
// Go's poller serves, and closes the original. creack/pty's Open leaves
// the master in blocking mode (it calls Fd), and then Close cannot
// interrupt a pending Read: the descriptor stays open, the application
// never gets its hang-up, and whoever waits for the reader waits forever.
func pollable(master *os.File) (*os.File, error) {
	defer master.Close()
	sc, err := master.SyscallConn()
	if err != nil {
		return nil, fmt.Errorf("pty: master: %w", err)
	}
	dup := -1
	var dupErr error
	if err := sc.Control(func(fd uintptr) { dup, dupErr = unix.Dup(int(fd)) }); err != nil {
		return nil, fmt.Errorf("pty: master: %w", err)
	}
	if dupErr != nil {
		return nil, fmt.Errorf("pty: dup master: %w", dupErr)
	}
	unix.CloseOnExec(dup)
	if err := unix.SetNonblock(dup, true); err != nil {
		unix.Close(dup)
		return nil, fmt.Errorf("pty: master non-blocking: %w", err)
	}
	return os.NewFile(uintptr(dup), master.Name()), nil
}

// setWinsize sets the window size through SyscallConn, never Fd, so the
// master stays non-blocking. Sizes are clamped to 1..65535.
func setWinsize(master *os.File, width, height int) error {
	clamp := func(n int) uint16 { return uint16(min(max(n, 1), 0xffff)) }
	ws := &unix.Winsize{Col: clamp(width), Row: clamp(height)}
	sc, err := master.SyscallConn()
	if err != nil {
		return err
	}
	var ioctlErr error
	if err := sc.Control(func(fd uintptr) { ioctlErr = unix.IoctlSetWinsize(int(fd), unix.TIOCSWINSZ, ws) }); err != nil {
		return err
	}
	return ioctlErr
}
