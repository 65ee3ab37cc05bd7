package bookmark

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sshConfig is a generated ~/.ssh/config with every kind of Host line.
const sshConfig = `# global options
User me
ServerAliveInterval 30

Host web1 web2
    HostName %h.example.com

Host *.internal !bastion.internal
    ProxyJump bastion

Host bastion.internal
    User admin
    Port 2222

Host db? staging-*
    User pg

Match host web1
    ForwardAgent yes

Host web2
    Compression yes

Host -oProxyCommand=evil
    HostName x

Host *
    IdentitiesOnly yes
`

func TestFromSSHConfig(t *testing.T) {
	found, err := FromSSHConfig(strings.NewReader(sshConfig))
	if err != nil {
		t.Fatal(err)
	}
	var aliases []string
	for _, b := range found {
		if b.Name != b.SSHAlias || b.Host != "" {
			t.Errorf("bookmark %+v: want Name = SSHAlias and no Host", b)
		}
		aliases = append(aliases, b.SSHAlias)
	}
	if want := []string{"web1", "web2", "bastion.internal"}; !slices.Equal(aliases, want) {
		t.Errorf("imported %q, want %q", aliases, want)
	}
	// The parser refuses Match exec (it would run a command): the import
	// reports that rather than guessing.
	_, err = FromSSHConfig(strings.NewReader("Host a\nMatch exec \"true\"\n  User x\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "bookmark: ssh_config: ") {
		t.Errorf("FromSSHConfig with Match exec = %v", err)
	}
}

func TestStoreImportSSHConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config")
	if err := os.WriteFile(path, []byte(sshConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	s := NewStore(filepath.Join(dir, "bookmarks"))
	// A bookmark for web2 exists already: it is not imported again.
	if _, err := s.Create(&Bookmark{Name: "my web2", SSHAlias: "web2"}); err != nil {
		t.Fatal(err)
	}
	ids, err := s.ImportSSHConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"web1", "bastion-internal"}; !slices.Equal(ids, want) {
		t.Errorf("new ids %q, want %q", ids, want)
	}
	if ids, err := s.ImportSSHConfig(path); err != nil || len(ids) != 0 {
		t.Errorf("second import = %q, %v; want nothing new", ids, err)
	}
	entries, _ := s.List()
	if got := titles(entries); !slices.Equal(got, []string{"bastion.internal", "my web2", "web1"}) {
		t.Errorf("store holds %q", got)
	}
}
