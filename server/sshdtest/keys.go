package sshdtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// generateKey writes an ed25519 key pair to path and path.pub.
func generateKey(t testing.TB, path, passphrase string) {
	t.Helper()
	run(t, "ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "sshdtest", "-f", path)
}

// fingerprint returns the SHA256 fingerprint of a public key file, in the
// form OpenSSH prints ("SHA256:...").
func fingerprint(t testing.TB, pubPath string) string {
	t.Helper()
	// Output: "256 SHA256:base64 comment (ED25519)".
	fields := strings.Fields(run(t, "ssh-keygen", "-l", "-E", "sha256", "-f", pubPath))
	if len(fields) < 2 || !strings.HasPrefix(fields[1], "SHA256:") {
		t.Fatalf("sshdtest: unexpected ssh-keygen -l output %q", fields)
	}
	return fields[1]
}

// publicKey returns the "type base64" part of a public key file.
func publicKey(t testing.TB, pubPath string) string {
	t.Helper()
	b, err := os.ReadFile(pubPath)
	if err != nil {
		t.Fatalf("sshdtest: %v", err)
	}
	fields := strings.Fields(string(b))
	if len(fields) < 2 {
		t.Fatalf("sshdtest: malformed public key %s", pubPath)
	}
	return fields[0] + " " + fields[1]
}

// run runs a command to completion and returns its standard output; failure
// is fatal and shows standard error.
func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sshdtest: %s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

func writeFile(t testing.TB, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatalf("sshdtest: %v", err)
	}
}

// requireTools fails the test if a program the harness runs is missing.
func requireTools(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("sshdtest: %s not found (%v); install it: apt-get install -y openssh-server openssh-client util-linux", tool, err)
		}
	}
}

func requireRoot(t testing.TB, what string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Fatalf("sshdtest: %s needs root (running as uid %d); run the end-to-end tests as root, as CI does", what, os.Geteuid())
	}
}

// quote double-quotes a path for ssh_config and sshd_config, which split
// arguments on whitespace. The paths come from t.TempDir and contain no
// quotes.
func quote(s string) string { return `"` + s + `"` }
