//go:build linux

package launch

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestWrittenFilesArePrivate connects the way the app does, in a fresh
// HOME and XDG_CONFIG_HOME and under umask 0 (so that no mode comes from
// the umask): whatever Connect writes is for the user only. Here that is
// ~/.ssh (0700) and known_hosts (0600) when a host key is accepted, Roam's
// configuration directory (0700) and upload consents (0600, also when the
// file was 0644 before, since a consent rewrites it), and on the host the
// server cache (directories 0700, the uploaded server 0700: it is run).
// An existing known_hosts keeps its mode: Roam only appends to that
// OpenSSH file, as ssh itself does.
func TestWrittenFilesArePrivate(t *testing.T) {
	requireRoot(t)
	// Built and started first: go build and sshd want the real HOME.
	servers := roamServerBundle(t)
	s, remoteHome, password := hostWithoutMosh(t)

	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	// known_hosts is the default one, in the new HOME.
	config := writeConfig(t, s, "private", "  UserKnownHostsFile ~/.ssh/known_hosts")
	l := testLauncher(t, config, Callbacks{
		UnknownHost:   func(context.Context, UnknownHostQuestion) (HostKeyDecision, error) { return AcceptHostKeyAlways, nil },
		UploadConsent: func(context.Context, UploadQuestion) (bool, error) { return true, nil },
		Password:      password,
	})
	l.ConfigDir = "" // the default, in XDG_CONFIG_HOME
	l.Bundle = servers
	if res := connect(t, l, Target{Host: "private"}); !res.Uploaded {
		t.Fatalf("connect did not upload: %+v", res)
	}

	consent := filepath.Join(home, "config", "roam", "upload-consent.json")
	cache := filepath.Join(remoteHome, ".cache", "roam")
	checkModes(t, map[string]os.FileMode{
		filepath.Join(home, ".ssh"):                0o700,
		filepath.Join(home, ".ssh", "known_hosts"): 0o600,
		filepath.Join(home, "config", "roam"):      0o700,
		consent:                                    0o600,
		cache:                                      0o700,
		filepath.Join(cache, l.version()):          0o700,
		filepath.Join(cache, l.version(), cacheEntry(l.Bundle[0]).name): 0o700,
	})

	// A consent file left readable by others is rewritten private: forget
	// the host in a 0644 file, and connect for a new version, which asks
	// and uploads again.
	if err := os.WriteFile(consent, []byte(`{"upload":{}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(consent, 0o644); err != nil {
		t.Fatal(err)
	}
	l.Version += "-2"
	if res := connect(t, l, Target{Host: "private"}); !res.Uploaded {
		t.Fatalf("second connect did not upload: %+v", res)
	}
	checkModes(t, map[string]os.FileMode{consent: 0o600})
}

// checkModes fails the test for each path whose permission bits are not
// the ones given.
func checkModes(t *testing.T, want map[string]os.FileMode) {
	t.Helper()
	for _, path := range slices.Sorted(maps.Keys(want)) {
		mode := want[path]
		fi, err := os.Stat(path)
		if err != nil {
			t.Error(err)
			continue
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("%s has mode %v, want %v", path, got, mode)
		}
	}
}
