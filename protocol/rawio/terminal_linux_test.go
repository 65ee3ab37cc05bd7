package rawio

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// rawPTY returns a pseudo-terminal in raw mode (no echo, no output
// translation) and the Terminal that opens its terminal side anew.
func rawPTY(t *testing.T) (master *os.File, tt *Terminal) {
	t.Helper()
	master, slave, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { master.Close(); slave.Close() })
	if _, err := term.MakeRaw(int(slave.Fd())); err != nil {
		t.Fatal(err)
	}
	tt, err = OpenTerminal(slave.Name(), os.O_RDWR)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tt.Close() })
	return master, tt
}

func TestTerminalReadWrite(t *testing.T) {
	master, tt := rawPTY(t)
	// Far more than a terminal buffers, so that Write must wait for
	// room in the middle.
	want := bytes.Repeat([]byte("0123456789abcdef"), 16<<10)
	werr := make(chan error, 1)
	go func() {
		n, err := tt.Write(want)
		if err == nil && n != len(want) {
			err = io.ErrShortWrite
		}
		werr <- err
	}()
	got := make([]byte, len(want))
	if _, err := io.ReadFull(master, got); err != nil {
		t.Fatalf("reading the screen side: %v", err)
	}
	if err := <-werr; err != nil {
		t.Fatalf("write: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the terminal's other side read something else than was written")
	}

	go master.Write([]byte("keys"))
	buf := make([]byte, 16)
	if n, err := tt.Read(buf); err != nil || string(buf[:n]) != "keys" {
		t.Errorf("read %q, %v; want the terminal's input", buf[:n], err)
	}
}

func TestTerminalCloseEndsReadAndWrite(t *testing.T) {
	_, tt := rawPTY(t)
	done := make(chan error, 2)
	go func() {
		_, err := tt.Read(make([]byte, 16))
		done <- err
	}()
	go func() {
		// Nothing reads the other side: this write waits for room.
		_, err := tt.Write(make([]byte, 1<<20))
		done <- err
	}()
	time.Sleep(50 * time.Millisecond) // let both wait in the poller
	if err := tt.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	for range 2 {
		select {
		case err := <-done:
			if err == nil || errors.Is(err, io.EOF) {
				t.Errorf("after close: %v, want an error", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Close did not end a pending Read or Write")
		}
	}
}

// TestTerminalOutputWakesNoOne: the point of Terminal. An epoll instance
// registered as Go's poller registers descriptors (both directions, edge
// triggered) hears of the terminal's input but not of its output being
// read on the other side, which it would hear of with the terminal's own
// descriptor in it.
func TestTerminalOutputWakesNoOne(t *testing.T) {
	master, tt := rawPTY(t)
	poller, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(poller)
	const goPollerEvents = unix.EPOLLIN | unix.EPOLLOUT | unix.EPOLLRDHUP | unix.EPOLLET
	const direct = 1 << 20 // the terminal's descriptor itself, for contrast
	for _, fd := range []int{tt.input.ep, tt.output.ep, direct} {
		target := fd
		if fd == direct {
			target = tt.fd
		}
		ev := unix.EpollEvent{Events: goPollerEvents, Fd: int32(fd)}
		if err := unix.EpollCtl(poller, unix.EPOLL_CTL_ADD, target, &ev); err != nil {
			t.Fatal(err)
		}
	}
	heard := func() map[int32]uint32 {
		events := make([]unix.EpollEvent, 8)
		n, err := unix.EpollWait(poller, events, 0)
		if err != nil {
			t.Fatal(err)
		}
		m := map[int32]uint32{}
		for _, e := range events[:n] {
			m[e.Fd] |= e.Events
		}
		return m
	}
	heard() // the registrations' first report

	if _, err := tt.Write([]byte("a frame")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	if _, err := master.Read(buf); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	got := heard()
	if got[direct]&unix.EPOLLOUT == 0 {
		t.Fatalf("the terminal's own descriptor reported %#x after its output was read, want EPOLLOUT (else this test shows nothing)", got[direct])
	}
	for _, fd := range []int{tt.input.ep, tt.output.ep} {
		if ev, ok := got[int32(fd)]; ok {
			t.Errorf("watch %d reported %#x after the terminal's output was read, want nothing", fd, ev)
		}
	}

	if _, err := master.Write([]byte("k")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	got = heard()
	if got[int32(tt.input.ep)]&unix.EPOLLIN == 0 {
		t.Errorf("input watch reported %#x after a key, want EPOLLIN", got[int32(tt.input.ep)])
	}
	if ev, ok := got[int32(tt.output.ep)]; ok {
		t.Errorf("output watch reported %#x after a key, want nothing", ev)
	}
}
