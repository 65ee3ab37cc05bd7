package sshdtest

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sshdConfig renders sshd_config for s on port.
//
// sshd keeps the first value it reads for most keywords, so the caller's
// ExtraConfig goes before the defaults in order to override them; only a
// Match block, which runs to the end of the file, goes after.
func (s *Server) sshdConfig(port uint16) string {
	var before, after []string
	for i, line := range s.opts.ExtraConfig {
		if strings.EqualFold(firstWord(line), "Match") {
			after = s.opts.ExtraConfig[i:]
			break
		}
		before = append(before, line)
	}
	yesNo := map[bool]string{true: "yes", false: "no"}
	lines := append(before,
		fmt.Sprintf("Port %d", port),
		"ListenAddress 127.0.0.1",
		"HostKey "+quote(s.HostKeyPath),
		"PidFile "+quote(filepath.Join(s.Dir, "sshd.pid")),
		"AuthorizedKeysFile "+quote(filepath.Join(s.Dir, "authorized_keys")),
		"PermitRootLogin yes",
		"StrictModes no",
		"UsePAM no",
		"PubkeyAuthentication yes",
		"PasswordAuthentication "+yesNo[s.opts.PasswordAuthentication],
		"KbdInteractiveAuthentication "+yesNo[s.opts.KbdInteractiveAuthentication],
		"AcceptEnv LANG LC_*",
		"Subsystem sftp internal-sftp",
		"LogLevel VERBOSE",
		// Tests open many connections at once; sshd's default of 10
		// unauthenticated connections would drop some at random.
		"MaxStartups 100",
		"MaxSessions 100",
	)
	if penaltiesSupported() {
		// OpenSSH 9.8 and later slow down addresses whose connections fail
		// or never authenticate, which tests do on purpose from 127.0.0.1.
		lines = append(lines, "PerSourcePenalties no")
	}
	lines = append(lines, after...)
	return strings.Join(lines, "\n") + "\n"
}

func firstWord(line string) string {
	if f := strings.Fields(line); len(f) > 0 {
		return f[0]
	}
	return ""
}

var sshdVersion = regexp.MustCompile(`OpenSSH_(\d+)\.(\d+)`)

// penaltiesSupported reports whether sshd knows PerSourcePenalties (OpenSSH
// 9.8 or later).
func penaltiesSupported() bool {
	out, _ := exec.Command(sshdPath, "-V").CombinedOutput() // exits 1 on older versions
	m := sshdVersion.FindSubmatch(out)
	if m == nil {
		return false
	}
	major, _ := strconv.Atoi(string(m[1]))
	minor, _ := strconv.Atoi(string(m[2]))
	return major > 9 || major == 9 && minor >= 8
}

// hostBlock renders an ssh_config Host block that reaches s as alias.
func (s *Server) hostBlock(alias string) string {
	return strings.Join([]string{
		"Host " + alias,
		"  HostName " + s.Addr.Addr().String(),
		"  Port " + strconv.Itoa(int(s.Addr.Port())),
		"  User " + s.User,
		"  IdentityFile " + quote(s.UserKeyPath),
		"  IdentitiesOnly yes",
		"  IdentityAgent none",
		"  UserKnownHostsFile " + quote(s.KnownHostsPath),
		"  GlobalKnownHostsFile /dev/null",
		"  StrictHostKeyChecking yes",
		"  UpdateHostKeys no",
		"  ControlPath none",
		"  SendEnv LANG LC_*",
	}, "\n") + "\n"
}

// knownHostsLine names the host key the way OpenSSH's client looks it up for
// a non-default port.
func (s *Server) knownHostsLine(t testing.TB) string {
	return fmt.Sprintf("[%s]:%d %s\n", s.Addr.Addr(), s.Addr.Port(), publicKey(t, s.HostKeyPath+".pub"))
}

// ProxyJumpConfig writes an ssh_config in which target's HostAlias is reached
// through jump's HostAlias (ProxyJump), and returns its path. The two servers
// need different HostAlias options.
func ProxyJumpConfig(t testing.TB, jump, target *Server) string {
	t.Helper()
	if jump.HostAlias == target.HostAlias {
		t.Fatalf("sshdtest: jump and target both have HostAlias %q; set Options.HostAlias on one", jump.HostAlias)
	}
	config := jump.hostBlock(jump.HostAlias) + "\n" +
		target.hostBlock(target.HostAlias) + "  ProxyJump " + jump.HostAlias + "\n"
	path := filepath.Join(t.TempDir(), "ssh_config")
	writeFile(t, path, config, 0o600)
	return path
}
