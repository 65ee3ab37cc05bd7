package main

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/server/internal/cli"
)

func TestParsePasswd(t *testing.T) {
	content := []byte("root:x:0:0:root:/root:/bin/bash\n# comment\nbroken\nme:x:1000:1000:Me,,,:/home/me:/usr/bin/zsh\n")
	tests := []struct {
		uid  int
		want passwdEntry
	}{
		{0, passwdEntry{"/root", "/bin/bash"}},
		{1000, passwdEntry{"/home/me", "/usr/bin/zsh"}},
		{42, passwdEntry{}},
	}
	for _, tt := range tests {
		if got := parsePasswd(content, tt.uid); got != tt.want {
			t.Errorf("uid %d: %+v, want %+v", tt.uid, got, tt.want)
		}
	}
}

func TestAppEnv(t *testing.T) {
	env := []string{"PATH=/bin", "TERM=screen", "STY=123.pts", "PWD=/tmp", "NCURSES_NO_UTF8_ACS=0", "LANG=C.UTF-8"}
	got := appEnv(env, 256, "/home/me")
	want := []string{"PATH=/bin", "LANG=C.UTF-8", "TERM=xterm-256color", "NCURSES_NO_UTF8_ACS=1", "PWD=/home/me"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	got = appEnv([]string{"PWD=/tmp"}, 8, "")
	want = []string{"PWD=/tmp", "TERM=xterm", "NCURSES_NO_UTF8_ACS=1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("colors 8, no home: got %q, want %q", got, want)
	}
}

func TestAppCommand(t *testing.T) {
	home := t.TempDir()
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name     string
		cfg      cli.Config
		env      map[string]string
		pw       passwdEntry
		wantPath string
		wantArgs []string
		wantDir  string
	}{
		{"SHELL login", cli.Config{}, map[string]string{"SHELL": "/bin/bash", "HOME": home}, passwdEntry{},
			"/bin/bash", []string{"-bash"}, home},
		{"passwd shell", cli.Config{}, map[string]string{"HOME": home}, passwdEntry{shell: "/bin/dash"},
			"/bin/dash", []string{"-dash"}, home},
		{"fallback sh", cli.Config{}, nil, passwdEntry{home: home},
			"/bin/sh", []string{"-sh"}, home},
		{"command via PATH", cli.Config{Command: []string{"sh", "-c", "true"}}, map[string]string{"HOME": "/nonexistent"}, passwdEntry{},
			"/usr/bin/sh", []string{"sh", "-c", "true"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, err := appCommand(tt.cfg, env(tt.env), []string{"STY=x"}, tt.pw)
			if err != nil {
				t.Fatal(err)
			}
			path := cmd.Path
			if tt.cfg.Command != nil && (path == "/bin/sh" || path == "/usr/bin/sh") {
				path = tt.wantPath // either is fine: PATH order differs between systems
			}
			if path != tt.wantPath || !reflect.DeepEqual(cmd.Args, tt.wantArgs) || cmd.Dir != tt.wantDir {
				t.Errorf("got %q %q dir %q; want %q %q dir %q", cmd.Path, cmd.Args, cmd.Dir, tt.wantPath, tt.wantArgs, tt.wantDir)
			}
			for _, kv := range cmd.Env {
				if strings.HasPrefix(kv, "STY=") {
					t.Errorf("STY kept: %q", cmd.Env)
				}
			}
		})
	}
	if _, err := appCommand(cli.Config{Command: []string{"no-such-command-roam"}}, env(nil), nil, passwdEntry{}); err == nil {
		t.Error("missing command accepted")
	}
}

func TestEnvTimeout(t *testing.T) {
	tests := []struct {
		value string
		want  time.Duration
		warn  string
	}{
		{"", 0, ""},
		{"30", 30 * time.Second, ""},
		{"0", 0, ""},
		{"-5", 0, "X is negative, ignoring"},
		{"5s", 0, "X not a valid integer, ignoring"},
	}
	for _, tt := range tests {
		got, warn := envTimeout(func(string) string { return tt.value }, "X")
		if got != tt.want || warn != tt.warn {
			t.Errorf("%q: %v %q, want %v %q", tt.value, got, warn, tt.want, tt.warn)
		}
	}
}
