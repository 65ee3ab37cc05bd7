package vt_test

// Repository policy, checked from this package because it builds without
// cgo or Fyne: every Go file of the module is gofmt-clean, and imports point
// the one way the architecture allows (vt ← protocol ← server, gui on top;
// Fyne only in gui/… and the root; fyne.io/fyne/v2/app only in the root).

import (
	"bytes"
	"go/format"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/roamterm/roam"

func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

func TestGofmt(t *testing.T) {
	root := moduleRoot(t)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "bench-data", "bin":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		formatted, err := format.Source(src)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		if !bytes.Equal(src, formatted) {
			t.Errorf("%s is not gofmt-clean", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// importRule forbids packages matching from to depend (transitively) on
// packages matching any of the forbidden prefixes.
type importRule struct {
	from      func(pkg string) bool
	forbidden []string
	why       string
}

func under(prefix string) func(string) bool {
	return func(pkg string) bool { return pkg == prefix || strings.HasPrefix(pkg, prefix+"/") }
}

func TestImportDirection(t *testing.T) {
	rules := []importRule{
		{under(module + "/vt"), []string{module + "/protocol", module + "/server", module + "/gui", module + "/fonts", "fyne.io"},
			"vt imports nothing of ours outside vt"},
		{under(module + "/protocol"), []string{module + "/server", module + "/gui", "fyne.io"},
			"protocol imports nothing above it"},
		{under(module + "/protocol/transport"), []string{module + "/vt", module + "/protocol/conn", module + "/protocol/datagram"},
			"the transport is generic over states, never knows the terminal, and reaches the network only through its Conn interface"},
		{under(module + "/server"), []string{module + "/gui", "fyne.io"},
			"the server builds without Fyne or cgo"},
		{under(module + "/fonts"), []string{"fyne.io", module + "/gui"}, "fonts are plain bytes"},
		{under(module + "/gui/tty"), []string{"fyne.io"}, "the terminal front end runs without Fyne"},
		{under(module + "/gui/bookmark"), []string{"fyne.io"}, "bookmarks are a plain data model"},
		{func(pkg string) bool { return pkg != module }, []string{"fyne.io/fyne/v2/app"},
			"only the root imports fyne.io/fyne/v2/app (it needs GL to build)"},
	}
	root := moduleRoot(t)
	cmd := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}{{range .Deps}} {{.}}{{end}}", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, deps := fields[0], fields[1:]
		checked++
		for _, r := range rules {
			if !r.from(pkg) {
				continue
			}
			for _, dep := range deps {
				for _, bad := range r.forbidden {
					if dep == bad || strings.HasPrefix(dep, bad+"/") {
						t.Errorf("%s depends on %s: %s", pkg, dep, r.why)
					}
				}
			}
		}
		// Nothing outside gui/… and the root may use the GUI or Fyne.
		if pkg != module && !under(module+"/gui")(pkg) {
			for _, dep := range deps {
				if under(module+"/gui")(dep) && !strings.HasPrefix(pkg, module+"/gui") {
					t.Errorf("%s depends on %s: nothing imports gui", pkg, dep)
				}
				if strings.HasPrefix(dep, "fyne.io/") {
					t.Errorf("%s depends on %s: Fyne belongs in gui/… and the root only", pkg, dep)
				}
			}
		}
	}
	if checked < 3 {
		t.Fatalf("go list reported only %d packages; the check would prove nothing", checked)
	}
}

// TestVTUsesOnlyStdlibAndText pins vt's third-party surface: the standard
// library and golang.org/x/text, nothing else.
func TestVTUsesOnlyStdlibAndText(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./...")
	cmd.Dir = filepath.Join(moduleRoot(t), "vt")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if under(module+"/vt")(dep) || strings.HasPrefix(dep, "golang.org/x/text/") {
			continue
		}
		t.Errorf("vt depends on %s; only the standard library and golang.org/x/text are allowed", dep)
	}
}
