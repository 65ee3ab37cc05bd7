package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/roamterm/roam/server/internal/cli"
)

// Size used when stdin is not a terminal (mosh's default).
const (
	defaultWidth  = 80
	defaultHeight = 24
)

// passwdEntry is what we need from the user's /etc/passwd line.
type passwdEntry struct {
	home, shell string
}

// readPasswd returns the current user's passwd entry, zero if unknown.
func readPasswd() passwdEntry {
	b, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return passwdEntry{}
	}
	return parsePasswd(b, os.Getuid())
}

// parsePasswd finds uid's entry in passwd(5) content.
func parsePasswd(content []byte, uid int) passwdEntry {
	sc := bufio.NewScanner(bytes.NewReader(content))
	for sc.Scan() {
		f := strings.Split(sc.Text(), ":")
		if len(f) < 7 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if id, err := strconv.Atoi(f[2]); err == nil && id == uid {
			return passwdEntry{home: f[5], shell: f[6]}
		}
	}
	return passwdEntry{}
}

// appCommand builds the application's command as mosh-server's child
// does: the user's login shell ($SHELL, else the passwd shell, else
// /bin/sh, with argv[0] "-name") or the given command looked up in PATH;
// TERM from -c, NCURSES_NO_UTF8_ACS=1, no STY, and the home directory as
// working directory and PWD.
func appCommand(cfg cli.Config, getenv func(string) string, environ []string, pw passwdEntry) (*exec.Cmd, error) {
	cmd := &exec.Cmd{}
	if cfg.Command == nil {
		shell := getenv("SHELL")
		if shell == "" {
			shell = pw.shell
		}
		if shell == "" {
			shell = "/bin/sh"
		}
		cmd.Path = shell
		cmd.Args = []string{"-" + filepath.Base(shell)}
	} else {
		path, err := exec.LookPath(cfg.Command[0])
		if err != nil {
			return nil, fmt.Errorf("execvp: %w", err)
		}
		cmd.Path = path
		cmd.Args = cfg.Command
	}

	home := getenv("HOME")
	if home == "" {
		home = pw.home
	}
	if fi, err := os.Stat(home); home != "" && err == nil && fi.IsDir() {
		cmd.Dir = home
	} else {
		home = ""
	}
	cmd.Env = appEnv(environ, cfg.Colors, home)
	return cmd, nil
}

// appEnv returns the application's environment: environ with TERM,
// NCURSES_NO_UTF8_ACS (so ncurses draws lines in UTF-8, not ISO 2022) and
// PWD (if home is set) replaced, and STY removed (so GNU screen regards the
// session as top level).
func appEnv(environ []string, colors int, home string) []string {
	term := "xterm"
	if colors == 256 {
		term = "xterm-256color"
	}
	set := map[string]string{"TERM": term, "NCURSES_NO_UTF8_ACS": "1"}
	if home != "" {
		set["PWD"] = home
	}
	out := make([]string, 0, len(environ)+len(set))
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if _, replaced := set[k]; replaced || k == "STY" {
			continue
		}
		out = append(out, kv)
	}
	for _, k := range []string{"TERM", "NCURSES_NO_UTF8_ACS", "PWD"} {
		if v, ok := set[k]; ok {
			out = append(out, k+"="+v)
		}
	}
	return out
}

// envTimeout reads a MOSH_SERVER_*_TMOUT variable: whole seconds, positive.
// Invalid or negative values are ignored with mosh's warning.
func envTimeout(getenv func(string) string, name string) (time.Duration, string) {
	v := getenv(name)
	if v == "" {
		return 0, ""
	}
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil:
		return 0, name + " not a valid integer, ignoring"
	case n < 0:
		return 0, name + " is negative, ignoring"
	case n > int64(1<<62/time.Second):
		n = int64(1 << 62 / time.Second)
	}
	return time.Duration(n) * time.Second, ""
}

// timeoutWarnings returns the warnings for both timeout variables.
func timeoutWarnings(getenv func(string) string) []string {
	var out []string
	for _, name := range []string{"MOSH_SERVER_NETWORK_TMOUT", "MOSH_SERVER_SIGNAL_TMOUT"} {
		if _, w := envTimeout(getenv, name); w != "" {
			out = append(out, w)
		}
	}
	return out
}
