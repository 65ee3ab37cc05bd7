package packagetest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestWindowsRegistration checks what can be checked of register.ps1
// without Windows: it writes only the user's part of the registry (no
// administrator rights), associates .roam with Roam, and takes ssh://
// links only behind -SshHandler.
func TestWindowsRegistration(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "packaging", "windows")
	data, err := os.ReadFile(filepath.Join(dir, "register.ps1"))
	if err != nil {
		t.Fatal(err)
	}
	script := string(data)
	if m := regexp.MustCompile(`(?i)HKLM|HKEY_LOCAL_MACHINE|HKCR:|HKEY_CLASSES_ROOT`).FindString(script); m != "" {
		t.Errorf("register.ps1 touches %s, which needs administrator rights", m)
	}
	for _, want := range []string{`'HKCU:\Software\Classes'`, `"$classes\.roam"`, `'application/x-roam-bookmark'`, `"$classes\$progId\shell\open\command"`} {
		if !strings.Contains(script, want) {
			t.Errorf("register.ps1 lacks %s", want)
		}
	}
	// Every write under ssh sits inside the -SshHandler branch.
	sshBlock := regexp.MustCompile(`(?s)if \(\$SshHandler\) \{(.*?)\n\t\}`).FindStringSubmatch(script)
	if sshBlock == nil {
		t.Fatal("register.ps1 has no if ($SshHandler) { … } block")
	}
	for _, line := range strings.Split(script, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "Set-Key") && strings.Contains(line, `\ssh`) && !strings.Contains(sshBlock[1], line) {
			t.Errorf("ssh:// registered without -SshHandler: %s", strings.TrimSpace(line))
		}
	}
	cmd, err := os.ReadFile(filepath.Join(dir, "register.cmd"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(cmd), "\r\n") != strings.Count(string(cmd), "\n") {
		t.Error("register.cmd must have CRLF line ends for cmd.exe")
	}
}
