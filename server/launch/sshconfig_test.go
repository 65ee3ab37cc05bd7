package launch

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// testSSHConfig is a generated ssh_config exercising every keyword Roam
// reads; the user's own config is never read by tests.
const testSSHConfig = `
Host alias
  HostName real.example.com
  User alice
  Port 2222
  IdentityFile ~/.ssh/alias_key
  IdentityFile /abs/%r@%h_key
  IdentitiesOnly yes
  IdentityAgent ~/agent.sock
  UserKnownHostsFile ~/kh1 /tmp/kh2
  StrictHostKeyChecking accept-new
  HashKnownHosts yes
  ConnectTimeout 7

Host *.corp
  ProxyJump jump1, bob@jump2:2200
  User carol

Host cmd
  ProxyCommand nc %h %p # via netcat
  HostName %h.internal
  StrictHostKeyChecking yes
  PasswordAuthentication no

Host jump1
  HostName 10.0.0.1
  ProxyJump none

Host noagent
  IdentityAgent none
  GlobalKnownHostsFile none

Host *
  User fallback
  Port 22
`

func TestResolveSSHConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config")
	if err := os.WriteFile(path, []byte(testSSHConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	home := "/home/me"
	cfg, err := loadSSHConfig([]string{path, filepath.Join(dir, "missing")}, home, "me")
	if err != nil {
		t.Fatal(err)
	}
	defaultIDs := []string{"/home/me/.ssh/id_rsa", "/home/me/.ssh/id_ecdsa", "/home/me/.ssh/id_ecdsa_sk",
		"/home/me/.ssh/id_ed25519", "/home/me/.ssh/id_ed25519_sk"}
	defaultKH := []string{"/home/me/.ssh/known_hosts", "/home/me/.ssh/known_hosts2"}
	globalKH := []string{"/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"}

	tests := []struct {
		host, user string
		port       int
		want       hostConfig
	}{
		{host: "alias", want: hostConfig{
			alias: "alias", hostName: "real.example.com", port: 2222, user: "alice",
			identityFiles:  []string{"/home/me/.ssh/alias_key", "/abs/alice@real.example.com_key"},
			identitiesOnly: true, identityAgent: "/home/me/agent.sock",
			knownHosts: []string{"/home/me/kh1", "/tmp/kh2"}, globalKnownHosts: globalKH,
			strict: "accept-new", hashKnownHosts: true, connectTimeout: 7 * time.Second,
			passwordAuth: true, kbdAuth: true,
		}},
		// user@ and explicit port override the file.
		{host: "dave@alias", port: 2300, want: hostConfig{
			alias: "alias", hostName: "real.example.com", port: 2300, user: "dave",
			identityFiles:  []string{"/home/me/.ssh/alias_key", "/abs/dave@real.example.com_key"},
			identitiesOnly: true, identityAgent: "/home/me/agent.sock",
			knownHosts: []string{"/home/me/kh1", "/tmp/kh2"}, globalKnownHosts: globalKH,
			strict: "accept-new", hashKnownHosts: true, connectTimeout: 7 * time.Second,
			passwordAuth: true, kbdAuth: true,
		}},
		{host: "x@alias", user: "erin", want: hostConfig{
			alias: "alias", hostName: "real.example.com", port: 2222, user: "erin",
			identityFiles:  []string{"/home/me/.ssh/alias_key", "/abs/erin@real.example.com_key"},
			identitiesOnly: true, identityAgent: "/home/me/agent.sock",
			knownHosts: []string{"/home/me/kh1", "/tmp/kh2"}, globalKnownHosts: globalKH,
			strict: "accept-new", hashKnownHosts: true, connectTimeout: 7 * time.Second,
			passwordAuth: true, kbdAuth: true,
		}},
		// Wildcard pattern, multi-hop ProxyJump; names are matched lower-case.
		{host: "DB.corp", want: hostConfig{
			alias: "db.corp", hostName: "db.corp", port: 22, user: "carol",
			identityFiles: defaultIDs, proxyJump: []string{"jump1", "bob@jump2:2200"},
			knownHosts: defaultKH, globalKnownHosts: globalKH, strict: "ask",
			passwordAuth: true, kbdAuth: true,
		}},
		// ProxyCommand tokens see the expanded HostName; comments are dropped.
		{host: "cmd", want: hostConfig{
			alias: "cmd", hostName: "cmd.internal", port: 22, user: "fallback",
			identityFiles: defaultIDs, proxyCommand: "nc cmd.internal 22",
			knownHosts: defaultKH, globalKnownHosts: globalKH, strict: "yes",
			passwordAuth: false, kbdAuth: true,
		}},
		{host: "jump1", want: hostConfig{
			alias: "jump1", hostName: "10.0.0.1", port: 22, user: "fallback",
			identityFiles: defaultIDs, knownHosts: defaultKH, globalKnownHosts: globalKH,
			strict: "ask", passwordAuth: true, kbdAuth: true,
		}},
		{host: "noagent", want: hostConfig{
			alias: "noagent", hostName: "noagent", port: 22, user: "fallback",
			identityFiles: defaultIDs, identityAgent: "none", knownHosts: defaultKH,
			strict: "ask", passwordAuth: true, kbdAuth: true,
		}},
		{host: "plain.example.org", want: hostConfig{
			alias: "plain.example.org", hostName: "plain.example.org", port: 22, user: "fallback",
			identityFiles: defaultIDs, knownHosts: defaultKH, globalKnownHosts: globalKH,
			strict: "ask", passwordAuth: true, kbdAuth: true,
		}},
	}
	for _, tt := range tests {
		got, err := cfg.resolve(tt.host, tt.user, tt.port)
		if err != nil {
			t.Errorf("resolve(%q): %v", tt.host, err)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("resolve(%q, %q, %d) =\n%+v\nwant\n%+v", tt.host, tt.user, tt.port, *got, tt.want)
		}
	}
}

func TestResolveSSHConfigErrors(t *testing.T) {
	for _, config := range []string{
		"Host x\n  Port 70000\n",
		"Host x\n  Port abc\n",
		"Host x\n  StrictHostKeyChecking maybe\n",
		"Host x\n  ConnectTimeout soon\n",
	} {
		path := filepath.Join(t.TempDir(), "config")
		os.WriteFile(path, []byte(config), 0o600)
		cfg, err := loadSSHConfig([]string{path}, "/home/me", "me")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cfg.resolve("x", "", 0); err == nil {
			t.Errorf("resolve with %q: no error", config)
		}
	}
}

func TestExpandTokens(t *testing.T) {
	tokens := map[byte]string{'h': "host", 'p': "22", 'r': "user"}
	tests := map[string]string{
		"plain":       "plain",
		"%h:%p":       "host:22",
		"%r@%h":       "user@host",
		"100%%":       "100%",
		"%z stays":    "%z stays",
		"trailing %":  "trailing %",
		"%%h literal": "%h literal",
	}
	for in, want := range tests {
		if got := expandTokens(in, tokens); got != want {
			t.Errorf("expandTokens(%q) = %q, want %q", in, got, want)
		}
	}
}
