//go:build unix

package bookmark

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestPermissions checks that bookmarks are private: the directory 0700,
// the files 0600, even under a lax umask and over a file that was 0644.
func TestPermissions(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := filepath.Join(t.TempDir(), "roam", "bookmarks")
	s := NewStore(dir)
	if err := s.Save("a", &Bookmark{Host: "h"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path("b"), []byte(`host = "h"`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Save("b", &Bookmark{Host: "h2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRecent(Recent{Title: "a", Target: s.Path("a")}); err != nil {
		t.Fatal(err)
	}
	check := func(path string, want os.FileMode) {
		t.Helper()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s has mode %v, want %v", path, got, want)
		}
	}
	check(dir, 0o700)
	check(s.Path("a"), 0o600)
	check(s.Path("b"), 0o600)
	check(filepath.Join(dir, recentFile), 0o600)
}
