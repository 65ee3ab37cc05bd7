//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
)

// execTerminalClient replaces this process with roam-tty when it is
// installed beside roam: the same front end (gui/tty) built without cgo,
// so that a terminal session does not map the GL and X11 libraries the
// desktop app links (about 29 MB resident instead of 8). It returns only
// when there is no such binary, and then the caller runs the front end
// itself. argv[0] is kept, so a roam installed as mosh-client still acts
// as one.
func execTerminalClient() {
	self, err := os.Executable()
	if err != nil {
		return
	}
	lean := filepath.Join(filepath.Dir(self), "roam-tty")
	if st, err := os.Stat(lean); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		return
	}
	_ = syscall.Exec(lean, os.Args, os.Environ()) // returns only on failure
}
