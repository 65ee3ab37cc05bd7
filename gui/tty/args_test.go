package tty_test

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/roamterm/roam/gui/tty"
	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/vt/predict"
)

const testKey = "AQIECBAgQID+/fv379+/fw"

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestParseArgs(t *testing.T) {
	key, err := datagram.ParseKey(testKey)
	if err != nil {
		t.Fatal(err)
	}
	server := netip.MustParseAddrPort("127.0.0.1:60001")
	tests := []struct {
		name    string
		argv0   string
		args    []string
		env     func(string) (string, bool)
		action  tty.Action
		tty     bool
		command []string
		dest    string
		code    int // exit code of the error; 0 for none
	}{
		{"bare", "roam", nil, env(), tty.ActionLocal, false, nil, "", 0},
		{"tty", "/usr/bin/roam", []string{"--tty"}, env(), tty.ActionLocal, true, nil, "", 0},
		{"local command", "roam", []string{"--tty", "--local", "--", "top", "-d", "1"}, env(), tty.ActionLocal, true, []string{"top", "-d", "1"}, "", 0},
		{"help wins", "roam", []string{"host", "--help"}, env(), tty.ActionHelp, false, nil, "", 0},
		{"version", "roam", []string{"--version"}, env(), tty.ActionVersion, false, nil, "", 0},
		{"help after -- is a command word", "roam", []string{"--local", "--", "--help"}, env(), tty.ActionLocal, false, []string{"--help"}, "", 0},
		{"colors", "roam", []string{"-c"}, env(), tty.ActionColors, false, nil, "", 0},
		{"direct", "roam", []string{"--tty", "127.0.0.1", "60001"}, env("MOSH_KEY", testKey), tty.ActionConnect, true, nil, "", 0},
		{"mosh wrapper form", "roam", []string{"-# host |", "127.0.0.1", "60001"}, env("MOSH_KEY", testKey), tty.ActionConnect, true, nil, "", 0},
		{"mosh wrapper form, split", "roam", []string{"-#", "host", "-v", "127.0.0.1", "60001"}, env("MOSH_KEY", testKey), tty.ActionConnect, true, nil, "", 0},
		{"as mosh-client", "/x/mosh-client", []string{"127.0.0.1", "60001"}, env("MOSH_KEY", testKey), tty.ActionConnect, true, nil, "", 0},
		{"mosh-client without a key", "mosh-client", []string{"127.0.0.1", "60001"}, env(), 0, false, nil, "", 1},
		{"mosh-client, bad port", "mosh-client", []string{"127.0.0.1", "6x"}, env("MOSH_KEY", testKey), 0, false, nil, "", 1},
		{"mosh-client, one positional", "mosh-client", []string{"127.0.0.1"}, env("MOSH_KEY", testKey), 0, false, nil, "", 1},
		{"mosh-client, bad key", "mosh-client", []string{"127.0.0.1", "60001"}, env("MOSH_KEY", "short"), 0, false, nil, "", 1},
		{"unknown prediction mode", "roam", []string{"--tty"}, env("MOSH_PREDICTION_DISPLAY", "sometimes"), 0, false, nil, "", 1},
		{"host", "roam", []string{"user@example.org"}, env(), tty.ActionSSH, false, nil, "user@example.org", 0},
		{"host and command", "roam", []string{"example.org", "--", "ls", "-l"}, env(), tty.ActionSSH, false, []string{"ls", "-l"}, "example.org", 0},
		{"IP PORT without a key is a host", "roam", []string{"127.0.0.1", "60001"}, env(), tty.ActionSSH, false, []string{"60001"}, "127.0.0.1", 0},
		{"unknown option", "roam", []string{"--frobnicate"}, env(), 0, false, nil, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, err := tty.ParseArgs(tt.argv0, tt.args, tt.env)
			if tt.code != 0 {
				e, ok := tty.IsExit(err)
				if !ok || e.Code != tt.code {
					t.Fatalf("err = %v, want exit code %d", err, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if inv.Action != tt.action || inv.TTY != tt.tty || !slices.Equal(inv.Command, tt.command) || inv.Destination != tt.dest {
				t.Errorf("got action %v tty %v command %q dest %q", inv.Action, inv.TTY, inv.Command, inv.Destination)
			}
			if tt.action == tty.ActionConnect && (inv.Server != server || inv.Key != key || inv.Port != "60001") {
				t.Errorf("server %v port %q, key matches %v", inv.Server, inv.Port, inv.Key == key)
			}
		})
	}
}

func TestParseEnvironment(t *testing.T) {
	inv, err := tty.ParseArgs("roam", []string{"--tty"}, env(
		"MOSH_PREDICTION_DISPLAY", "experimental", "MOSH_PREDICTION_OVERWRITE", "yes",
		"MOSH_ESCAPE_KEY", "", "MOSH_TITLE_NOPREFIX", "", "MOSH_NO_TERM_INIT", "1"))
	if err != nil {
		t.Fatal(err)
	}
	o := inv.Options
	if o.Predict != (predict.Options{Display: predict.Experimental, Overwrite: true}) ||
		o.Escape.Enabled() || o.TitlePrefix != "" || !o.NoTermInit {
		t.Errorf("options %+v", o)
	}
	inv, _ = tty.ParseArgs("roam", nil, env())
	if o := inv.Options; o.Predict.Display != predict.Adaptive || o.Predict.Overwrite ||
		!o.Escape.Enabled() || o.TitlePrefix != "[roam] " || o.NoTermInit {
		t.Errorf("default options %+v", o)
	}
}

func TestColorCount(t *testing.T) {
	for _, tt := range []struct {
		term string
		want int
	}{
		{"xterm-256color", 256}, // from terminfo
		{"xterm", 8},
		{"no-such-terminal-256color", 256}, // guessed from the name
		{"no-such-terminal", 8},
	} {
		if got := tty.ColorCount(tt.term, env()); got != tt.want {
			t.Errorf("ColorCount(%q) = %d, want %d", tt.term, got, tt.want)
		}
	}
}

// The key is never shown, whatever prints an Invocation.
func TestInvocationHidesKey(t *testing.T) {
	inv, err := tty.ParseArgs("roam", []string{"127.0.0.1", "60001"}, env("MOSH_KEY", testKey))
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		if s := fmt.Sprintf(verb, inv); strings.Contains(s, testKey) || strings.Contains(s, "0x1, 0x2, 0x4") {
			t.Errorf("printed invocation holds the key: %s", s)
		}
	}
}
