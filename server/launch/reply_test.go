package launch

import (
	"fmt"
	"net/netip"
	"reflect"
	"strings"
	"testing"

	"github.com/roamterm/roam/server/bundle"
)

// moshTTYOutput is what ssh -tt shows of a mosh-server start (mosh-wire.md
// §1.2): login noise, the \r\n bodge, CONNECT and the banner, with ONLCR.
const moshTTYOutput = "Welcome to host\r\n" +
	"ROAM SERVER /usr/bin/mosh-server\r\n" +
	"\r\r\n\r\n" +
	"MOSH CONNECT 60004 zolEvOaTmIpudeOFpIhhJg\r\n" +
	"\r\n" +
	"mosh-server (mosh 1.4.0) [build mosh 1.4.0]\r\n" +
	"Copyright 2012 Keith Winstein <mosh-devel@mit.edu>\r\n" +
	"\r\n" +
	"[mosh-server detached, pid = 4242]\r\n"

func parseReply(t *testing.T, out string) (*reply, error) {
	t.Helper()
	r := &reply{}
	err := readLines(strings.NewReader(out), func(s string) error {
		_, err := r.line(s)
		return err
	})
	return r, err
}

func TestReplyMoshServer(t *testing.T) {
	r, err := parseReply(t, moshTTYOutput)
	if err != nil {
		t.Fatal(err)
	}
	if !r.connected || r.port != 60004 || r.key.Printable() != "zolEvOaTmIpudeOFpIhhJg" {
		t.Errorf("connected %v port %d key %s", r.connected, r.port, r.key.Printable())
	}
	if r.server != "/usr/bin/mosh-server" || r.pid != 4242 {
		t.Errorf("server %q pid %d", r.server, r.pid)
	}
	if strings.Contains(r.outputText(), "zolEv") {
		t.Errorf("the key leaked into the output: %q", r.outputText())
	}
}

func TestReplyLines(t *testing.T) {
	tests := []struct {
		out  string
		want reply
		err  bool
	}{
		{out: "ROAM NOSERVER Linux x86_64\n", want: reply{noServer: true, system: "Linux", machine: "x86_64"}},
		{out: "ROAM CORRUPT /h/.cache/roam/v/roam-server-ab\r\nROAM NOSERVER Darwin arm64\r\n",
			want: reply{corrupt: []string{"/h/.cache/roam/v/roam-server-ab"}, noServer: true, system: "Darwin", machine: "arm64"}},
		{out: "\nMOSH SSH_CONNECTION ::ffff:10.0.0.2 5555 ::ffff:10.0.0.9 22\n",
			want: reply{sshConnection: netip.MustParseAddr("10.0.0.9"), output: []string{""}}},
		{out: "mosh-server needs a UTF-8 native locale to run.\n",
			want: reply{localeFailure: true, output: []string{"mosh-server needs a UTF-8 native locale to run."}}},
		// Not mosh's pattern: too short a key, trailing junk.
		{out: "MOSH CONNECT 1 abc\nMOSH CONNECT 60001 AAAAAAAAAAAAAAAAAAAAAA junk\n",
			want: reply{output: []string{"MOSH CONNECT 1 abc", "MOSH CONNECT 60001 AAAAAAAAAAAAAAAAAAAAAA junk"}}},
		// mosh's pattern but not a key ParseKey accepts, or port 0.
		{out: "MOSH CONNECT 60001 AAAAAAAAAAAAAAAAAAAAAB\n", err: true},
		{out: "MOSH CONNECT 0 AAAAAAAAAAAAAAAAAAAAAA\n", err: true},
		{out: "MOSH CONNECT 99999 AAAAAAAAAAAAAAAAAAAAAA\n", err: true},
	}
	for _, tt := range tests {
		got, err := parseReply(t, tt.out)
		if (err != nil) != tt.err {
			t.Errorf("%q: error %v, want error %v", tt.out, err, tt.err)
			continue
		}
		if err == nil && !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.out, *got, tt.want)
		}
	}
}

func TestReadLinesBounded(t *testing.T) {
	long := strings.Repeat("x", 3*maxLine)
	var lines []string
	readLines(strings.NewReader(long+"\nnext\nlast"), func(s string) error {
		lines = append(lines, s)
		return nil
	})
	if len(lines) != 3 || len(lines[0]) > maxLine || lines[1] != "next" || lines[2] != "last" {
		t.Errorf("lines: %d, first %d bytes, then %q", len(lines), len(lines[0]), lines[1:])
	}
	r := &reply{}
	for i := 0; i < 10*keptLines; i++ {
		r.line(fmt.Sprint("line ", i))
	}
	if len(r.output) != keptLines || r.output[keptLines-1] != fmt.Sprint("line ", 10*keptLines-1) {
		t.Errorf("kept %d lines, last %q", len(r.output), r.output[len(r.output)-1])
	}
}

func FuzzReply(f *testing.F) {
	f.Add(moshTTYOutput)
	f.Add("ROAM NOSERVER\nMOSH SSH_CONNECTION a b c d\n")
	f.Fuzz(func(t *testing.T, out string) {
		r := &reply{}
		readLines(strings.NewReader(out), func(s string) error {
			_, err := r.line(s)
			return err
		})
		if len(r.output) > keptLines {
			t.Fatalf("kept %d lines", len(r.output))
		}
	})
}

func TestPlatformFor(t *testing.T) {
	tests := []struct {
		system, machine string
		want            bundle.Platform
		ok              bool
	}{
		{"Linux", "x86_64", bundle.Platform{GOOS: "linux", GOARCH: "amd64"}, true},
		{"Linux", "aarch64", bundle.Platform{GOOS: "linux", GOARCH: "arm64"}, true},
		{"Linux", "armv7l", bundle.Platform{GOOS: "linux", GOARCH: "arm"}, true},
		{"Linux", "armv6l", bundle.Platform{GOOS: "linux", GOARCH: "arm"}, true},
		{"Linux", "i686", bundle.Platform{GOOS: "linux", GOARCH: "386"}, true},
		{"Darwin", "arm64", bundle.Platform{GOOS: "darwin", GOARCH: "arm64"}, true},
		{"Darwin", "x86_64", bundle.Platform{GOOS: "darwin", GOARCH: "amd64"}, true},
		{"FreeBSD", "amd64", bundle.Platform{GOOS: "freebsd", GOARCH: "amd64"}, true},
		{"Linux", "mips", bundle.Platform{}, false},
		{"Linux", "riscv64", bundle.Platform{}, false},
		{"SunOS", "i86pc", bundle.Platform{}, false},
		{"", "", bundle.Platform{}, false},
	}
	for _, tt := range tests {
		got, ok := platformFor(tt.system, tt.machine)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("platformFor(%q, %q) = %v, %v; want %v, %v", tt.system, tt.machine, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseProcesses(t *testing.T) {
	out := "  101 Mon Nov 24 06:59:01 2026 mosh-server new -c 256 -s -l LANG=C.UTF-8\n" +
		"  102 Mon Nov 24 07:00:00 2026 /home/u/.cache/roam/v1/roam-server-0123456789abcdef new -s\n" +
		"  103 Mon Nov 24 07:00:00 2026 sh -c echo mosh-server\n" +
		"  104 Mon Nov 24 07:00:00 2026 -bash\n" +
		"garbage\n"
	want := []ServerProcess{
		{PID: 101, Started: "Mon Nov 24 06:59:01 2026", Command: "mosh-server new -c 256 -s -l LANG=C.UTF-8"},
		{PID: 102, Started: "Mon Nov 24 07:00:00 2026", Command: "/home/u/.cache/roam/v1/roam-server-0123456789abcdef new -s", Roam: true},
	}
	if got := parseProcesses([]byte(out)); !reflect.DeepEqual(got, want) {
		t.Errorf("parseProcesses =\n%+v\nwant\n%+v", got, want)
	}
}
