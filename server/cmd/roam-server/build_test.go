package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"github.com/roamterm/roam/server/servertest"
	"testing"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildPath string
	buildErr  error
)

// binary builds roam-server once per test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "roam-server-test-")
		if buildErr != nil {
			return
		}
		buildPath, buildErr = servertest.Build(buildDir)
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// roam-server must build without cgo for every platform the desktop app
// bundles it for.
func TestCrossBuild(t *testing.T) {
	targets := []struct{ goos, goarch string }{
		{"linux", "amd64"}, {"linux", "arm64"}, {"linux", "arm"}, {"linux", "386"},
		{"darwin", "amd64"}, {"darwin", "arm64"},
		{"freebsd", "amd64"},
	}
	dir := t.TempDir()
	for _, tg := range targets {
		out := filepath.Join(dir, "roam-server-"+tg.goos+"-"+tg.goarch)
		// The flags of `make bundle`, so that the compiled packages come
		// from the build cache it filled and only the links run again.
		cmd := exec.Command("go", "build", "-trimpath", "-o", out, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+tg.goos, "GOARCH="+tg.goarch, "GOARM=6")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s/%s: %v\n%s", tg.goos, tg.goarch, err, b)
			continue
		}
		if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
			t.Errorf("%s/%s: no binary: %v", tg.goos, tg.goarch, err)
		}
	}
}
