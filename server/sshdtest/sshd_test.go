package sshdtest_test

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/roamterm/roam/server/sshdtest"
)

func TestOpenSSHClientRunsCommands(t *testing.T) {
	s := sshdtest.Start(t, sshdtest.Options{})
	if err := s.SSHCommand("true").Run(); err != nil {
		t.Fatalf("ssh true: %v\nsshd log:\n%s", err, s.Log())
	}
	tests := []struct {
		command, want string
	}{
		{"echo hi", "hi\n"},
		{"echo $LANG", "C.UTF-8\n"}, // SendEnv/AcceptEnv carry the locale mosh needs
		{"id -un", s.User + "\n"},
	}
	for _, tt := range tests {
		if got := runSSH(t, s, tt.command); got != tt.want {
			t.Errorf("ssh %q = %q, want %q", tt.command, got, tt.want)
		}
	}
	if !strings.Contains(s.Log(), "Accepted publickey for "+s.User) {
		t.Errorf("sshd log does not show the public-key login:\n%s", s.Log())
	}
	if !strings.HasPrefix(s.HostKeyFingerprint, "SHA256:") {
		t.Errorf("HostKeyFingerprint = %q", s.HostKeyFingerprint)
	}
}

func runSSH(t *testing.T, s *sshdtest.Server, command string) string {
	t.Helper()
	cmd := s.SSHCommand(command)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ssh %q: %v\n%s\nsshd log:\n%s", command, err, stderr.String(), s.Log())
	}
	return string(out)
}

func TestChangedHostKeyFailsVerification(t *testing.T) {
	s := sshdtest.Start(t, sshdtest.Options{})
	runSSH(t, s, "true")
	port, before := s.Addr.Port(), s.HostKeyFingerprint

	s.ChangeHostKey(t)
	if s.HostKeyFingerprint == before {
		t.Fatal("fingerprint unchanged")
	}
	if s.Addr.Port() != port {
		t.Fatalf("port moved from %d to %d; known_hosts would not match at all", port, s.Addr.Port())
	}
	cmd := s.SSHCommand("true")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil {
		t.Fatal("ssh accepted a changed host key")
	}
	for _, want := range []string{"REMOTE HOST IDENTIFICATION HAS CHANGED", s.HostKeyFingerprint, "Host key verification failed"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("ssh stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}

// goSSHLogin logs in with x/crypto/ssh, checking the host key against
// s.KnownHostsPath, and returns the output of command.
func goSSHLogin(s *sshdtest.Server, user string, auth ssh.AuthMethod, command string) (string, error) {
	hostKeys, err := knownhosts.New(s.KnownHostsPath)
	if err != nil {
		return "", err
	}
	client, err := ssh.Dial("tcp", s.Addr.String(), &ssh.ClientConfig{
		User:            user,
		Auth:            []ssh.AuthMethod{auth},
		HostKeyCallback: hostKeys,
	})
	if err != nil {
		return "", err
	}
	defer client.Close()
	session, err := client.NewSession()
	if err != nil {
		return "", err
	}
	defer session.Close()
	out, err := session.Output(command)
	return string(out), err
}

func TestPasswordLogin(t *testing.T) {
	const name, password = "roamsshdtest", "correct horse"
	sshdtest.AddUser(t, name, password)

	s := sshdtest.Start(t, sshdtest.Options{PasswordAuthentication: true})
	got, err := goSSHLogin(s, name, ssh.Password(password), "id -un; pwd")
	if err != nil {
		t.Fatalf("password login: %v\nsshd log:\n%s", err, s.Log())
	}
	if want := name + "\n/home/" + name + "\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := goSSHLogin(s, name, ssh.Password("wrong"), "true"); err == nil {
		t.Error("wrong password accepted")
	}

	off := sshdtest.Start(t, sshdtest.Options{})
	if _, err := goSSHLogin(off, name, ssh.Password(password), "true"); err == nil {
		t.Error("password accepted with PasswordAuthentication off")
	}
}

func TestPassphraseKey(t *testing.T) {
	const passphrase = "open sesame"
	s := sshdtest.Start(t, sshdtest.Options{KeyPassphrase: passphrase})
	pem, err := os.ReadFile(s.PassphraseKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	var missing *ssh.PassphraseMissingError
	if _, err := ssh.ParsePrivateKey(pem); !errors.As(err, &missing) {
		t.Fatalf("parsing without the passphrase: %v, want PassphraseMissingError", err)
	}
	signer, err := ssh.ParsePrivateKeyWithPassphrase(pem, []byte(passphrase))
	if err != nil {
		t.Fatal(err)
	}
	got, err := goSSHLogin(s, s.User, ssh.PublicKeys(signer), "echo key-ok")
	if err != nil || got != "key-ok\n" {
		t.Fatalf("login with the passphrase key: %q, %v\nsshd log:\n%s", got, err, s.Log())
	}
}

func TestExtraConfigOverridesDefaults(t *testing.T) {
	s := sshdtest.Start(t, sshdtest.Options{User: "root", ExtraConfig: []string{"PermitRootLogin no"}})
	cmd := s.SSHCommand("true")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil {
		t.Fatal("root logged in despite PermitRootLogin no")
	}
	if !strings.Contains(s.Log(), "ROOT LOGIN REFUSED") {
		t.Errorf("sshd log does not show the refusal:\n%s", s.Log())
	}
}

func TestProxyJump(t *testing.T) {
	jump := sshdtest.Start(t, sshdtest.Options{HostAlias: "jump"})
	target := sshdtest.Start(t, sshdtest.Options{HostAlias: "target"})
	config := sshdtest.ProxyJumpConfig(t, jump, target)

	cmd := exec.Command("ssh", "-F", config, "-o", "BatchMode=yes", target.HostAlias, "echo via-jump")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || string(out) != "via-jump\n" {
		t.Fatalf("ssh through the jump host: %q, %v\n%s\njump log:\n%s", out, err, stderr.String(), jump.Log())
	}
	if !strings.Contains(jump.Log(), "Accepted publickey") {
		t.Errorf("the jump host saw no login:\n%s", jump.Log())
	}
}

func TestMountNamespace(t *testing.T) {
	const moshServer, moshClient = "/usr/bin/mosh-server", "/usr/bin/mosh-client"
	for _, path := range []string{moshServer, moshClient} {
		if info, err := os.Stat(path); err != nil || info.Size() == 0 {
			t.Fatalf("%s missing (%v); install it: apt-get install -y mosh", path, err)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	s := sshdtest.Start(t, sshdtest.Options{
		Hide:       []string{moshServer},
		BindMounts: []sshdtest.BindMount{{Source: empty, Target: moshClient}},
	})
	tests := []struct {
		command, want string
	}{
		{"test -e " + moshServer + " && echo present || echo absent", "absent\n"},
		{"command -v mosh-server || echo not found", "not found\n"},
		{"wc -c < " + moshClient, "0\n"},
		{"test -e /usr/bin/ssh && echo present", "present\n"}, // the rest of the directory is intact
	}
	for _, tt := range tests {
		if got := runSSH(t, s, tt.command); got != tt.want {
			t.Errorf("ssh %q = %q, want %q", tt.command, got, tt.want)
		}
	}
	// Outside the namespace nothing changed.
	for _, path := range []string{moshServer, moshClient} {
		if info, err := os.Stat(path); err != nil || info.Size() == 0 {
			t.Errorf("%s changed outside the namespace: %v", path, err)
		}
	}
}

func TestStopClosesPort(t *testing.T) {
	s := sshdtest.Start(t, sshdtest.Options{})
	s.Stop()
	s.Stop() // idempotent
	if conn, err := net.Dial("tcp", s.Addr.String()); err == nil {
		conn.Close()
		t.Fatalf("%v still accepts connections after Stop", s.Addr)
	}
}
