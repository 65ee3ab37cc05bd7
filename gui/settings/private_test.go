//go:build unix && !darwin

// (macOS keeps these files under ~/Library, whatever XDG_* say.)

package settings

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestSavedFileIsPrivate saves the settings where the app keeps them, in a
// fresh XDG_CONFIG_HOME and under umask 0 (so that no mode comes from the
// umask): the directories made are 0700 and the file 0600, also after a
// save over a file that was 0644.
func TestSavedFileIsPrivate(t *testing.T) {
	checkMode := func(path string, want os.FileMode) {
		t.Helper()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s has mode %v, want %v", path, got, want)
		}
	}
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	config := filepath.Join(t.TempDir(), "config")
	t.Setenv("XDG_CONFIG_HOME", config)
	path, err := Path()
	if err != nil {
		t.Fatal(err)
	}
	if err := Default().Save(path); err != nil {
		t.Fatal(err)
	}
	checkMode(config, 0o700)
	checkMode(filepath.Dir(path), 0o700)
	checkMode(path, 0o600)

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Default().Save(path); err != nil {
		t.Fatal(err)
	}
	checkMode(path, 0o600)
}
