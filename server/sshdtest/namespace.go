package sshdtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// namespaceScript returns a shell script that, run by "unshare --mount", sets
// up Hide and BindMounts in the new namespace and then executes its
// arguments (sshd).
//
// Hidden paths come first: the overlay replaces the view of the parent
// directory, so a bind mount inside that directory must go on top of it.
func (s *Server) namespaceScript(t testing.TB) string {
	t.Helper()
	script := []string{"#!/bin/sh", "set -e"}

	// Group hidden names by the directory that really holds them, so /bin
	// and /usr/bin (a symlink pair on merged-/usr systems) share one overlay.
	hidden := make(map[string][]string)
	var parents []string
	for _, path := range s.opts.Hide {
		if !filepath.IsAbs(path) {
			t.Fatalf("sshdtest: Hide path %q is not absolute", path)
		}
		parent, err := filepath.EvalSymlinks(filepath.Dir(path))
		if err != nil {
			t.Fatalf("sshdtest: Hide %s: %v", path, err)
		}
		if strings.ContainsAny(parent, ":,") {
			t.Fatalf("sshdtest: Hide %s: overlay cannot name a directory containing ':' or ','", path)
		}
		if hidden[parent] == nil {
			parents = append(parents, parent)
		}
		hidden[parent] = append(hidden[parent], filepath.Base(path))
	}
	for i, parent := range parents {
		// An overlay whose upper layer holds whiteouts (0/0 character
		// devices) for the hidden names, over the real directory.
		whiteouts := filepath.Join(s.Dir, fmt.Sprintf("hide%d", i))
		if err := os.Mkdir(whiteouts, 0o755); err != nil {
			t.Fatalf("sshdtest: %v", err)
		}
		for _, name := range hidden[parent] {
			if err := syscall.Mknod(filepath.Join(whiteouts, name), syscall.S_IFCHR, 0); err != nil {
				t.Fatalf("sshdtest: creating whiteout for %s: %v", name, err)
			}
		}
		script = append(script, fmt.Sprintf("mount -t overlay overlay -o %s %s",
			shellQuote("lowerdir="+whiteouts+":"+parent), shellQuote(parent)))
	}
	for _, m := range s.opts.BindMounts {
		script = append(script, fmt.Sprintf("mount --bind %s %s", shellQuote(m.Source), shellQuote(m.Target)))
	}
	script = append(script, `exec "$@"`)
	return strings.Join(script, "\n") + "\n"
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
