package launch

import (
	"os/exec"
	"strings"
	"testing"
)

func TestShellQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"new", "'new'"},
		{"", "''"},
		{"it's", `'it'\''s'`},
		{"LANG=C.UTF-8", "'LANG=C.UTF-8'"},
		{"$HOME `x` \"q\"", "'$HOME `x` \"q\"'"},
	}
	for _, tt := range tests {
		if got := shellQuote(tt.in); got != tt.want {
			t.Errorf("shellQuote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestServerArgs checks the command line against the one mosh.pl was seen
// to send (mosh-wire.md §1.7).
func TestServerArgs(t *testing.T) {
	tests := []struct {
		target Target
		locale []string
		want   string
	}{
		{Target{}, []string{"LANG=C.UTF-8"}, `'new' '-c' '256' '-s' '-l' 'LANG=C.UTF-8'`},
		{Target{PortRange: "60100:60200"}, []string{"LANG=C.UTF-8"},
			`'new' '-c' '256' '-s' '-p' '60100:60200' '-l' 'LANG=C.UTF-8'`},
		{Target{Command: []string{"echo", "hi"}}, []string{"LANG=C.UTF-8", "LC_CTYPE=C.UTF-8"},
			`'new' '-c' '256' '-s' '-l' 'LANG=C.UTF-8' '-l' 'LC_CTYPE=C.UTF-8' '--' 'echo' 'hi'`},
		{Target{Colors: 8, BindServer: "any"}, nil, `'new' '-c' '8'`},
		{Target{BindServer: "10.0.0.1", Command: []string{"sh", "-c", "echo 'x'"}}, nil,
			`'new' '-c' '256' '-i' '10.0.0.1' '--' 'sh' '-c' 'echo '\''x'\'''`},
	}
	for _, tt := range tests {
		if got := shellJoin(tt.target.serverArgs(tt.locale)); got != tt.want {
			t.Errorf("serverArgs(%+v) = %s\nwant %s", tt.target, got, tt.want)
		}
	}
}

// TestScriptsParse runs every generated script through sh -n and through
// the launcher's quoting, so a quoting slip fails here rather than on a host.
func TestScriptsParse(t *testing.T) {
	cached := []cachedServer{{"roam-server-0123456789abcdef", strings.Repeat("ab", 32)}}
	args := Target{Command: []string{"sh", "-c", "echo 'it''s' \"$HOME\""}}.serverArgs([]string{"LANG=C.UTF-8"})
	scripts := map[string]string{
		"start":          startScript("v1.0", cached, "", false, true, args),
		"start-override": startScript("v1.0", cached, "~/bin/mosh-server", false, false, args),
		"start-roam":     startScript("v1.0", nil, "", true, false, args),
		"upload":         uploadScript("v1.0", cached[0], "00ff"),
		"list":           listScript,
		"kill":           killScript([]int{12, 34}),
		"launcher":       loginLauncher,
	}
	for name, script := range scripts {
		if strings.ContainsAny(script, "\n!") || strings.Contains(script, `\\`) {
			t.Errorf("%s script has a newline, ! or \\\\, which csh or fish would misread: %s", name, script)
		}
		for _, cmd := range []string{script, loginShellCommand(script), plainCommand(script)} {
			if out, err := exec.Command("sh", "-n", "-c", cmd).CombinedOutput(); err != nil {
				t.Errorf("%s: sh -n: %v\n%s\n%s", name, err, out, cmd)
			}
		}
	}
}

// TestLoginShellCommand runs a script the way sshd would, through the
// launcher, and checks that it arrives intact and runs under sh after a
// login shell.
func TestLoginShellCommand(t *testing.T) {
	script := `printf '%s|' "$0" "it's" "$HOME"`
	for _, shell := range []string{"/bin/sh", "/bin/bash", "/usr/bin/fish-not-installed"} {
		cmd := exec.Command("/bin/sh", "-c", loginShellCommand(script))
		cmd.Env = []string{"SHELL=" + shell, "HOME=/nowhere", "PATH=/usr/bin:/bin"}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("SHELL=%s: %v\n%s", shell, err, out)
		}
		if want := "roam|it's|/nowhere|"; string(out) != want {
			t.Errorf("SHELL=%s: output %q, want %q", shell, out, want)
		}
	}
}
