package servertest

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// The /proc helpers on processes whose fate the test controls.
func TestProcHelpers(t *testing.T) {
	self := os.Getpid()
	if !Alive(self) {
		t.Fatal("Alive(self) = false")
	}
	// Burn a little CPU so that at least one clock tick is counted.
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
	}
	if cpu, err := CPUTime(self); err != nil || cpu <= 0 {
		t.Errorf("CPUTime(self) = %v, %v; want > 0", cpu, err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, pid := range ProcessesOf(exe) {
		found = found || pid == self
	}
	if !found {
		t.Errorf("ProcessesOf(%s) misses this process", exe)
	}

	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	if !Alive(pid) {
		t.Fatal("a started sleep is not alive")
	}
	if err := WaitGone(pid, 50*time.Millisecond); err == nil {
		t.Error("WaitGone returned nil for a running process")
	}
	Kill(pid)
	// Until it is reaped the child is a zombie, which counts as gone.
	if err := WaitGone(pid, 5*time.Second); err != nil {
		t.Error(err)
	}
	cmd.Wait()
	if Alive(pid) {
		t.Error("a reaped process is alive")
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"":       "''",
		"a b":    "'a b'",
		"it's":   `'it'\''s'`,
		"$(x)\n": "'$(x)\n'",
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %q, want %q", in, got, want)
		}
	}
	out, err := exec.Command("sh", "-c", "printf %s "+ShellQuote(`it's $(x) "q"`)).Output()
	if err != nil || string(out) != `it's $(x) "q"` {
		t.Errorf("sh reads the quoted word as %q (%v)", out, err)
	}
}
