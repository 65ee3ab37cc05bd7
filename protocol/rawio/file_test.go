package rawio

import (
	"errors"
	"io"
	"os"
	"runtime"
	"testing"
	"time"
)

func pipe(t *testing.T) (r, w *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return r, w
}

func TestFileReadWrite(t *testing.T) {
	r, w := pipe(t)
	fr, fw := NewFile(r), NewFile(w)
	if raw := fr.rc != nil; raw != (runtime.GOOS == "linux") {
		t.Errorf("raw path in use: %v", raw)
	}
	// More than a pipe holds (64 KiB on Linux), so that Write must wait
	// for the reader in the middle.
	want := make([]byte, 256<<10)
	for i := range want {
		want[i] = byte(i * 7)
	}
	werr := make(chan error, 1)
	go func() {
		n, err := fw.Write(want)
		if err == nil && n != len(want) {
			err = io.ErrShortWrite
		}
		w.Close()
		werr <- err
	}()
	got, err := io.ReadAll(fr)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if err := <-werr; err != nil {
		t.Fatalf("write: %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("read %d bytes, not the %d written", len(got), len(want))
	}
}

func TestFileCloseEndsRead(t *testing.T) {
	r, _ := pipe(t)
	f := NewFile(r)
	done := make(chan error, 1)
	go func() {
		_, err := f.Read(make([]byte, 16))
		done <- err
	}()
	time.Sleep(20 * time.Millisecond) // let the read wait in the poller
	r.Close()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, io.EOF) {
			t.Errorf("read after close: %v, want an error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not end the pending read")
	}
}

// TestFileBlockingUsesOwnMethods: a descriptor in blocking mode must not
// be read raw (the raw call would block a thread the scheduler thinks is
// running).
func TestFileBlockingUsesOwnMethods(t *testing.T) {
	r, w := pipe(t)
	r.Fd() // puts the descriptor in blocking mode
	f := NewFile(r)
	if f.rc != nil {
		t.Fatal("raw path chosen for a blocking descriptor")
	}
	go w.Write([]byte("hi"))
	buf := make([]byte, 8)
	if n, err := f.Read(buf); err != nil || string(buf[:n]) != "hi" {
		t.Errorf("read %q, %v", buf[:n], err)
	}
}
