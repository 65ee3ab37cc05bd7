//go:build unix && !darwin

// (macOS keeps these files under ~/Library, whatever XDG_* say.)

package instance

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestCacheDirIsPrivate runs an instance without XDG_RUNTIME_DIR, so that
// its socket and lock go to the user cache directory, in a fresh
// XDG_CACHE_HOME and under umask 0: the directories made are 0700 and
// the lock file 0600. (The socket itself is reachable only through its
// 0700 directory; TestPrivateDir covers a directory that was 0755.)
func TestCacheDirIsPrivate(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	cache := filepath.Join(t.TempDir(), "cache")
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("XDG_CACHE_HOME", cache)
	srv, err := Listen(context.Background(), func([]string) {})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for path, want := range map[string]os.FileMode{
		cache:                        0o700,
		filepath.Join(cache, "roam"): 0o700,
		filepath.Join(cache, "roam", "instance.lock"): 0o600,
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
