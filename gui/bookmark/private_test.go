//go:build unix && !darwin

// (macOS keeps these files under ~/Library, whatever XDG_* say.)

package bookmark

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestDefaultDirIsPrivate writes a bookmark and the recent connections
// where the app keeps them, in a fresh XDG_CONFIG_HOME and under umask 0:
// every directory made on the way is 0700 and the files 0600.
// (TestPermissions covers files that were 0644 before.)
func TestDefaultDirIsPrivate(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	config := filepath.Join(t.TempDir(), "config")
	t.Setenv("XDG_CONFIG_HOME", config)
	dir, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	s := NewStore(dir)
	if err := s.Save("a", &Bookmark{Host: "h"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRecent(Recent{Title: "a", Target: s.Path("a")}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{
		config:                         0o700,
		filepath.Join(config, "roam"):  0o700,
		dir:                            0o700,
		s.Path("a"):                    0o600,
		filepath.Join(dir, recentFile): 0o600,
	} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s has mode %v, want %v", path, got, want)
		}
	}
}
