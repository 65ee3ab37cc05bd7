//go:build unix

package daemon

import (
	"golang.org/x/sys/unix"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMain doubles as the detached child when Spawn re-executes the test
// binary.
func TestMain(m *testing.M) {
	if arg, rep, ok := Detached(); ok {
		runChild(arg, rep)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runChild(arg string, rep *Reporter) {
	if _, still := os.LookupEnv(envMarker); still {
		rep.Fail("marker still in the environment")
		return
	}
	if sid, _ := unix.Getsid(0); sid == os.Getpid() {
		rep.Warn("session leader")
	}
	if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		rep.Warn("stdin is a character device")
	}
	if arg == "fail" {
		rep.Fail("cannot bind\nport")
		return
	}
	rep.Connect(60001, "key-"+arg)
}

func TestSpawn(t *testing.T) {
	pid, r, err := Spawn([]string{"roam-server", "new"}, os.Environ(), "80x24", false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep, err := ReadReport(r, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if pid <= 0 || rep.Port != 60001 || rep.Key != "key-80x24" || rep.Err != "" {
		t.Errorf("pid %d, report %+v", pid, rep)
	}
	want := []string{"session leader", "stdin is a character device"} // /dev/null
	if strings.Join(rep.Warnings, "|") != strings.Join(want, "|") {
		t.Errorf("warnings %q, want %q", rep.Warnings, want)
	}
}

func TestSpawnFailure(t *testing.T) {
	_, r, err := Spawn([]string{"roam-server"}, os.Environ(), "fail", false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep, err := ReadReport(r, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Err != "cannot bind port" {
		t.Errorf("report %+v", rep)
	}
}

func TestReadReport(t *testing.T) {
	tests := []struct {
		in   string
		want Report
		err  error
	}{
		{"warning a\nwarning b\nconnect 5 KEY\n", Report{Warnings: []string{"a", "b"}, Port: 5, Key: "KEY"}, nil},
		{"error boom\n", Report{Err: "boom"}, nil},
		{"warning a\n", Report{Warnings: []string{"a"}}, ErrNoReport},
		{"", Report{}, ErrNoReport},
	}
	for _, tt := range tests {
		got, err := ReadReport(strings.NewReader(tt.in), time.Second)
		if err != tt.err || strings.Join(got.Warnings, "|") != strings.Join(tt.want.Warnings, "|") ||
			got.Port != tt.want.Port || got.Key != tt.want.Key || got.Err != tt.want.Err {
			t.Errorf("ReadReport(%q) = %+v, %v; want %+v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	if _, err := ReadReport(strings.NewReader("connect x y\n"), time.Second); err == nil {
		t.Error("malformed port accepted")
	}
	r, w, _ := os.Pipe()
	defer w.Close()
	defer r.Close()
	if _, err := ReadReport(r, 50*time.Millisecond); err != ErrReportTimeout {
		t.Errorf("silent child: %v", err)
	}
}
