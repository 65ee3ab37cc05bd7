package tty

import (
	"os"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/roamterm/roam/protocol/rawio"
)

// TestTerminalIOReopens: on a terminal, terminalIO hands back the same
// terminal opened anew in non-blocking mode, leaving the caller's
// descriptor (the one the shell shares) blocking; anything else is
// returned as it is.
func TestTerminalIOReopens(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	defer slave.Close()

	rw, release := terminalIO(slave)
	defer release()
	if _, ok := rw.(*rawio.Terminal); !ok {
		t.Fatalf("terminalIO of a terminal returned %T, want a reopened *rawio.Terminal", rw)
	}
	if flags, err := unix.FcntlInt(slave.Fd(), unix.F_GETFL, 0); err != nil || flags&unix.O_NONBLOCK != 0 {
		t.Errorf("the caller's descriptor: flags %#o, %v; want it left blocking", flags, err)
	}
	if _, err := master.Write([]byte("keys\n")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	if n, err := rw.Read(buf); err != nil || string(buf[:n]) != "keys\n" {
		t.Errorf("read %q, %v; want the terminal's input", buf[:n], err)
	}
	if _, err := rw.Write([]byte("screen")); err != nil {
		t.Errorf("write: %v", err)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if got, release := terminalIO(r); got != r {
		t.Errorf("terminalIO of a pipe returned %T, want the pipe itself", got)
	} else {
		release()
	}
}
