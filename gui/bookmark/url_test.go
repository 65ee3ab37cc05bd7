package bookmark

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		in   string
		want Bookmark
		err  string
	}{
		{in: "ssh://example.com", want: Bookmark{Host: "example.com"}},
		{in: "ssh://alice@example.com:2222", want: Bookmark{Host: "example.com", User: "alice", Port: 2222}},
		{in: "SSH://alice@example.com/", want: Bookmark{Host: "example.com", User: "alice"}},
		{in: "ssh://bob;fingerprint=ssh-ed25519-abc@[::1]:22", want: Bookmark{Host: "::1", User: "bob", Port: 22}},
		{in: "ssh://a%20b@h", err: "must not contain blanks"},
		{in: "ssh://-oProxyCommand=x", err: "must not start with '-'"},
		{in: "ssh://h:99999", err: `port "99999" is not 1 to 65535`},
		{in: "ssh://h/etc/passwd", err: "names a host, not the path"},
		{in: "http://h", err: "is not an ssh://"},
		{in: "ssh:h", err: "is not an ssh://"},
		{in: "ssh://", err: "needs a host"},
	}
	for _, tt := range tests {
		b, err := ParseURL(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseURL(%q) = %v, want error with %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tt.in, err)
			continue
		}
		if b.Host != tt.want.Host || b.User != tt.want.User || b.Port != tt.want.Port {
			t.Errorf("ParseURL(%q) = %+v, want %+v", tt.in, b, tt.want)
		}
		// URL writes what ParseURL reads.
		again, err := ParseURL(b.URL())
		if err != nil || !reflect.DeepEqual(again, b) {
			t.Errorf("ParseURL(%q.URL() = %q) = %+v, %v", tt.in, b.URL(), again, err)
		}
	}
}

func TestResolve(t *testing.T) {
	if b, err := Resolve("ssh://u@h:2"); err != nil || b.Destination() != "u@h" || b.Port != 2 {
		t.Errorf("Resolve(URL) = %+v, %v", b, err)
	}
	if b, err := Resolve("testdata/full.roam"); err != nil || b.Name != "Build box" {
		t.Errorf("Resolve(file) = %+v, %v", b, err)
	}
	if _, err := Resolve("testdata/missing.roam"); err == nil {
		t.Error("Resolve of a missing file succeeded")
	}
}

func TestTarget(t *testing.T) {
	b := &Bookmark{SSHAlias: "jump", User: "root", Port: 2022, Command: []string{"top"},
		ServerPath: "/opt/mosh-server", PreferBundledServer: true, UDPPort: "60001"}
	got := b.Target()
	if got.Host != "jump" || got.User != "root" || got.Port != 2022 || got.Command[0] != "top" ||
		got.Server != "/opt/mosh-server" || !got.PreferRoamServer || got.PortRange != "60001" {
		t.Errorf("Target = %+v", got)
	}
	plain := (&Bookmark{Host: "h", User: "u"}).Target()
	if plain.Host != "u@h" || plain.User != "" {
		t.Errorf("Target of user@host = %+v", plain)
	}
}
