//go:build unix

package pty

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

// readUntil reads from p until the output contains want or the deadline
// passes; it returns everything read.
func readUntil(t *testing.T, p *PTY, want string) string {
	t.Helper()
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := p.Read(buf)
			out.Write(buf[:n])
			if strings.Contains(out.String(), want) {
				done <- nil
				return
			}
			if err != nil {
				done <- err
				return
			}
		}
	}()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, io.EOF) {
			t.Logf("read error: %v", err)
		}
	case <-time.After(10 * time.Second):
		p.Close()
		<-done
		t.Fatalf("timed out waiting for %q; got %q", want, out.String())
	}
	if !strings.Contains(out.String(), want) {
		t.Fatalf("output %q does not contain %q", out.String(), want)
	}
	return out.String()
}

func start(t *testing.T, script string, w, h int) *PTY {
	t.Helper()
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.Env = []string{"LANG=C.UTF-8", "PATH=/usr/bin:/bin"}
	p, err := Start(cmd, w, h)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.Close()
		p.Wait()
	})
	return p
}

func TestStartSizeAndControllingTerminal(t *testing.T) {
	// /dev/tty opens only for a process with a controlling terminal, and
	// `stty size` reports what Start set.
	p := start(t, `exec </dev/tty && echo ctty-ok; stty size; echo end`, 100, 30)
	out := readUntil(t, p, "end")
	if !strings.Contains(out, "ctty-ok") {
		t.Errorf("child has no controlling terminal: %q", out)
	}
	if !strings.Contains(out, "30 100") {
		t.Errorf("stty size: want 30 100 in %q", out)
	}
}

func TestSessionLeader(t *testing.T) {
	p := start(t, `ps -o sid= -p $$; echo pid=$$ end`, 80, 24)
	out := readUntil(t, p, "end")
	var sid, pid string
	for _, f := range strings.Fields(out) {
		if v, ok := strings.CutPrefix(f, "pid="); ok {
			pid = v
		} else if sid == "" {
			sid = f
		}
	}
	if sid == "" || sid != pid {
		t.Errorf("session id %q != pid %q (output %q)", sid, pid, out)
	}
}

func TestResize(t *testing.T) {
	p := start(t, `read x; stty size; echo end`, 80, 24)
	if err := p.Resize(132, 43); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Write([]byte("\n")); err != nil {
		t.Fatal(err)
	}
	if out := readUntil(t, p, "end"); !strings.Contains(out, "43 132") {
		t.Errorf("after Resize: want 43 132 in %q", out)
	}
}

func TestIUTF8(t *testing.T) {
	if !HasIUTF8 {
		// Only Linux and macOS define the flag; elsewhere there is
		// nothing to check beyond that.
		if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
			t.Fatalf("IUTF8 unexpectedly unsupported on %s", runtime.GOOS)
		}
		return
	}
	p := start(t, `stty -a; echo end`, 80, 24)
	out := readUntil(t, p, "end")
	if !strings.Contains(out, " iutf8") {
		t.Errorf("iutf8 not set: %q", out)
	}
}

func TestReadFailsAfterExit(t *testing.T) {
	p := start(t, `echo bye`, 80, 24)
	buf := make([]byte, 256)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := p.Read(buf); err != nil {
			return // EOF or EIO: the session loop treats both as the end
		}
	}
	t.Fatal("Read kept succeeding after the child exited")
}
