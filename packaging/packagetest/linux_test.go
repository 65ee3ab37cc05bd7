package packagetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// testVersion is linked into the binaries the test packages, so that
// --version proves the installed binary is the one just built.
const testVersion = "9.8.7-packagetest"

// repoRoot is the module's directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// needTools fails the test, with the install hint, if a tool is missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run `make deps` (packaging/install-deps.sh)", tool)
		}
	}
}

// run runs name with args in dir and extra environment, failing the test
// on error, and returns its standard output.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8"), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}

// buildPackages builds roam and roam-server from the current source
// (the build cache makes this a link) and packages them into a new
// directory, which it returns.
func buildPackages(t *testing.T) string {
	t.Helper()
	needTools(t, "desktop-file-validate", "dpkg-deb", "dpkg-shlibdeps", "xz", "tar")
	root := repoRoot(t)
	bin := t.TempDir()
	ldflags := "-X github.com/roamterm/roam/server/version.Version=" + testVersion
	run(t, root, nil, "go", "build", "-ldflags", ldflags, "-o", filepath.Join(bin, "roam"), ".")
	run(t, root, []string{"CGO_ENABLED=0"}, "go", "build", "-ldflags", ldflags,
		"-o", filepath.Join(bin, "roam-server"), "./server/cmd/roam-server")
	out := t.TempDir()
	run(t, root, []string{"COMPRESS_LEVEL=0"}, "./packaging/linux/package.sh",
		"0.1.0", filepath.Join(bin, "roam"), filepath.Join(bin, "roam-server"), out, "amd64")
	return out
}

func TestLinuxPackage(t *testing.T) {
	needTools(t, "update-mime-database", "update-desktop-database", "xdg-mime", "gio")
	dist := buildPackages(t)
	t.Run("archive", func(t *testing.T) { checkArchive(t, filepath.Join(dist, "roam-0.1.0-linux-amd64.tar.xz")) })
	t.Run("deb", func(t *testing.T) { checkDeb(t, filepath.Join(dist, "roam_0.1.0_amd64.deb")) })
}

// checkArchive unpacks the archive, installs it into a temporary prefix
// and checks what the desktop makes of it.
func checkArchive(t *testing.T, archive string) {
	unpacked := t.TempDir()
	run(t, unpacked, nil, "tar", "-xJf", archive)
	install := filepath.Join(unpacked, "roam-0.1.0-linux-amd64", "install.sh")

	home := t.TempDir()
	prefix := filepath.Join(t.TempDir(), "prefix")
	share := filepath.Join(prefix, "share")
	// The desktop tools look only at this prefix and a clean home.
	env := []string{
		"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_DATA_HOME=" + share, "XDG_DATA_DIRS=" + share,
		// xdg-mime asks gio when the desktop is GNOME; with no desktop it
		// falls back to file(1), which knows nothing of shared-mime-info.
		"XDG_CURRENT_DESKTOP=GNOME",
	}
	run(t, unpacked, env, install, "--prefix", prefix)

	desktop := filepath.Join(share, "applications", "dev.roamterm.roam.desktop")
	run(t, "", nil, "desktop-file-validate", desktop)
	entry, err := os.ReadFile(desktop)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^MimeType=(.*;)?application/x-roam-bookmark;`).Match(entry) {
		t.Errorf("desktop entry does not list application/x-roam-bookmark:\n%s", entry)
	}
	if want := "Exec=" + filepath.Join(prefix, "bin", "roam") + " %f"; !strings.Contains(string(entry), want+"\n") {
		t.Errorf("desktop entry lacks %q:\n%s", want, entry)
	}
	if _, err := os.Stat(filepath.Join(share, "applications", "dev.roamterm.roam-ssh.desktop")); err == nil {
		t.Error("the ssh:// handler was installed without --ssh-handler")
	}
	for _, f := range []string{
		"icons/hicolor/512x512/apps/dev.roamterm.roam.png",
		"icons/hicolor/512x512/mimetypes/application-x-roam-bookmark.png",
		"mime/packages/dev.roamterm.roam.xml",
	} {
		if _, err := os.Stat(filepath.Join(share, f)); err != nil {
			t.Errorf("not installed: %v", err)
		}
	}

	// update-mime-database ran and registered the glob.
	globs, err := os.ReadFile(filepath.Join(share, "mime", "globs2"))
	if err != nil {
		t.Fatalf("install.sh did not run update-mime-database: %v", err)
	}
	if !strings.Contains(string(globs), ":application/x-roam-bookmark:*.roam") {
		t.Errorf("mime globs lack *.roam:\n%s", globs)
	}
	bookmark := filepath.Join(t.TempDir(), "x.roam")
	if err := os.WriteFile(bookmark, []byte("version = 1\nhost = \"127.0.0.1\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(run(t, "", env, "xdg-mime", "query", "filetype", bookmark)); got != "application/x-roam-bookmark" {
		t.Errorf("xdg-mime query filetype x.roam = %q, want application/x-roam-bookmark", got)
	}
	if got := strings.TrimSpace(run(t, "", env, "xdg-mime", "query", "default", "application/x-roam-bookmark")); got != "dev.roamterm.roam.desktop" {
		t.Errorf("xdg-mime query default application/x-roam-bookmark = %q, want dev.roamterm.roam.desktop", got)
	}

	checkVersion(t, filepath.Join(prefix, "bin", "roam"))
	if _, err := os.Stat(filepath.Join(prefix, "bin", "roam-server")); err != nil {
		t.Errorf("roam-server not installed: %v", err)
	}

	// Double-clicking the file (gio open, as file managers do) starts the
	// installed binary with its path; a stand-in records what it gets.
	argsFile := filepath.Join(t.TempDir(), "args")
	standIn := "#!/bin/sh\necho \"$@\" >" + argsFile + ".tmp && mv " + argsFile + ".tmp " + argsFile + "\n"
	if err := os.WriteFile(filepath.Join(prefix, "bin", "roam"), []byte(standIn), 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, "", env, "gio", "open", bookmark)
	if got := waitForFile(t, argsFile); got != bookmark {
		t.Errorf("gio open x.roam ran roam with %q, want %q", got, bookmark)
	}

	// Opting in makes Roam this user's handler of ssh:// links.
	run(t, unpacked, env, install, "--prefix", prefix, "--ssh-handler")
	run(t, "", nil, "desktop-file-validate", filepath.Join(share, "applications", "dev.roamterm.roam-ssh.desktop"))
	if got := strings.TrimSpace(run(t, "", env, "xdg-mime", "query", "default", "x-scheme-handler/ssh")); got != "dev.roamterm.roam-ssh.desktop" {
		t.Errorf("after --ssh-handler, xdg-mime query default x-scheme-handler/ssh = %q", got)
	}
	if err := os.WriteFile(filepath.Join(prefix, "bin", "roam"), []byte(standIn), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Remove(argsFile)
	run(t, "", env, "gio", "open", "ssh://me@127.0.0.1:2222")
	if got := waitForFile(t, argsFile); got != "ssh://me@127.0.0.1:2222" {
		t.Errorf("gio open ssh://… ran roam with %q", got)
	}

	run(t, unpacked, env, install, "--prefix", prefix, "--ssh-handler", "--uninstall")
	for _, f := range []string{"bin/roam", "bin/roam-server", "share/applications/dev.roamterm.roam.desktop",
		"share/applications/dev.roamterm.roam-ssh.desktop", "share/mime/packages/dev.roamterm.roam.xml"} {
		if _, err := os.Stat(filepath.Join(prefix, f)); err == nil {
			t.Errorf("%s left after --uninstall", f)
		}
	}
	if globs, _ := os.ReadFile(filepath.Join(share, "mime", "globs2")); strings.Contains(string(globs), "*.roam") {
		t.Error("*.roam still registered after --uninstall")
	}
}

// waitForFile returns the trimmed contents of path once a process that
// gio started in the background has written it.
func waitForFile(t *testing.T, path string) string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if data, err := os.ReadFile(path); err == nil {
			return strings.TrimSpace(string(data))
		}
	}
	t.Fatalf("nothing wrote %s within 10s", path)
	return ""
}

// checkVersion runs the installed binary's --version: the version it was
// built with first, then the bundled roam-server platforms, which must be
// exactly the ones server/bundle embeds.
func checkVersion(t *testing.T, roam string) {
	out := run(t, "", nil, roam, "--version")
	first, rest, _ := strings.Cut(strings.TrimSpace(out), "\n")
	if first != "roam "+testVersion {
		t.Errorf("--version printed %q first, want %q", first, "roam "+testVersion)
	}
	listed := regexp.MustCompile(`\b[a-z0-9]+/[a-z0-9]+\b`).FindAllString(rest, -1)
	slices.Sort(listed)
	if embedded := bundledPlatforms(t); !slices.Equal(slices.Compact(listed), embedded) {
		t.Errorf("--version lists platforms %q, want the bundled %q:\n%s", listed, embedded, out)
	}
}

// bundledPlatforms lists the GOOS/GOARCH of server/bundle/dist's builds.
func bundledPlatforms(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "server", "bundle", "dist", "roam-server-*-*"))
	if err != nil {
		t.Fatal(err)
	}
	var ps []string
	for _, f := range files {
		osArch := strings.TrimPrefix(filepath.Base(f), "roam-server-")
		goos, goarch, _ := strings.Cut(osArch, "-")
		ps = append(ps, goos+"/"+goarch)
	}
	slices.Sort(ps)
	return ps
}

func checkDeb(t *testing.T, deb string) {
	control := run(t, "", nil, "dpkg-deb", "--field", deb, "Package", "Version", "Architecture", "Depends")
	for _, want := range []string{"Package: roam\n", "Version: 0.1.0\n", "Architecture: amd64\n", "Depends: libc6"} {
		if !strings.Contains(control, want) {
			t.Errorf("control lacks %q:\n%s", want, control)
		}
	}
	contents := run(t, "", nil, "dpkg-deb", "--contents", deb)
	for _, want := range []string{
		"./usr/bin/roam\n", "./usr/bin/roam-server\n",
		"./usr/share/applications/dev.roamterm.roam.desktop\n",
		"./usr/share/mime/packages/dev.roamterm.roam.xml\n",
		"./usr/share/icons/hicolor/512x512/apps/dev.roamterm.roam.png\n",
	} {
		if !strings.Contains(contents, want) {
			t.Errorf(".deb lacks %s", strings.TrimSpace(want))
		}
	}
	if strings.Contains(contents, "roam-ssh.desktop") {
		t.Error("the .deb takes ssh:// links for every user")
	}
	for _, line := range strings.Split(contents, "\n") {
		if line != "" && !strings.Contains(line, " root/root ") {
			t.Errorf(".deb file not owned by root: %s", line)
		}
	}
}
