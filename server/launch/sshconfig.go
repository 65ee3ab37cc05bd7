package launch

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kevinburke/ssh_config"
)

// sshConfig is the parsed ssh_config files, first file first: as in
// OpenSSH, the first value found for a keyword wins.
type sshConfig struct {
	files []*ssh_config.Config
	home  string // for ~ and %d
	local string // local user name, for %u and the default User
}

// loadSSHConfig parses the existing files among paths.
func loadSSHConfig(paths []string, home, local string) (*sshConfig, error) {
	c := &sshConfig{home: home, local: local}
	for _, p := range paths {
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("launch: reading ssh_config: %w", err)
		}
		cfg, err := ssh_config.Decode(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("launch: %s: %w", p, err)
		}
		c.files = append(c.files, cfg)
	}
	return c, nil
}

func (c *sshConfig) get(alias, key string) string {
	for _, f := range c.files {
		if v, err := f.Get(alias, key); err == nil && v != "" {
			return v
		}
	}
	return ""
}

func (c *sshConfig) getAll(alias, key string) []string {
	var all []string
	for _, f := range c.files {
		v, _ := f.GetAll(alias, key)
		all = append(all, v...)
	}
	return all
}

// hostConfig is everything needed to reach one SSH host (one hop).
type hostConfig struct {
	alias    string // the name as given, which Host patterns matched
	hostName string // HostName, or alias
	port     int
	user     string

	identityFiles  []string
	identitiesOnly bool
	identityAgent  string // "" = $SSH_AUTH_SOCK (or the Windows pipe); "none"

	proxyJump    []string // hops, first first; nil = direct
	proxyCommand string   // tokens expanded; "" = none

	knownHosts       []string // UserKnownHostsFile; the first is written to
	globalKnownHosts []string
	strict           string // StrictHostKeyChecking: yes, no, ask, accept-new
	hashKnownHosts   bool
	hostKeyAlias     string

	connectTimeout time.Duration
	passwordAuth   bool // PasswordAuthentication
	kbdAuth        bool // KbdInteractiveAuthentication
}

// defaultIdentities are OpenSSH's default IdentityFiles, in its order.
var defaultIdentities = []string{"id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk"}

// resolve returns the configuration for host ("[user@]alias"); user and
// port, when set, override the file as ssh's -l and -p do.
func (c *sshConfig) resolve(host, user string, port int) (*hostConfig, error) {
	atUser, alias := splitUserHost(host)
	alias = strings.ToLower(alias)
	h := &hostConfig{alias: alias}

	h.hostName = alias
	if v := c.get(alias, "HostName"); v != "" {
		h.hostName = expandTokens(v, map[byte]string{'h': alias})
	}
	h.port = 22
	if v := c.get(alias, "Port"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p <= 0 || p > 65535 {
			return nil, fmt.Errorf("launch: ssh_config: bad Port %q for %s", v, alias)
		}
		h.port = p
	}
	if port != 0 {
		h.port = port
	}
	h.user = c.local
	if v := c.get(alias, "User"); v != "" {
		h.user = v
	}
	if atUser != "" {
		h.user = atUser
	}
	if user != "" {
		h.user = user
	}

	tokens := map[byte]string{
		'h': h.hostName, 'n': alias, 'p': strconv.Itoa(h.port), 'r': h.user,
		'u': c.local, 'd': c.home,
	}
	files := c.getAll(alias, "IdentityFile")
	if len(files) == 0 {
		for _, name := range defaultIdentities {
			files = append(files, filepath.Join(c.home, ".ssh", name))
		}
	}
	for _, f := range files {
		h.identityFiles = append(h.identityFiles, c.path(f, tokens))
	}
	h.identitiesOnly = yes(c.get(alias, "IdentitiesOnly"))
	if v := c.get(alias, "IdentityAgent"); v != "" {
		switch {
		case v == "none" || v == "SSH_AUTH_SOCK":
			h.identityAgent = v
		case strings.HasPrefix(v, "$"):
			h.identityAgent = os.Getenv(v[1:])
		default:
			h.identityAgent = c.path(v, tokens)
		}
	}
	if h.identityAgent == "SSH_AUTH_SOCK" {
		h.identityAgent = ""
	}

	if v := c.get(alias, "ProxyJump"); v != "" && v != "none" {
		for _, hop := range strings.Split(v, ",") {
			if hop = strings.TrimSpace(hop); hop != "" {
				h.proxyJump = append(h.proxyJump, hop)
			}
		}
	}
	if v := c.get(alias, "ProxyCommand"); v != "" && v != "none" {
		h.proxyCommand = expandTokens(v, tokens)
	}

	h.knownHosts = c.pathList(c.get(alias, "UserKnownHostsFile"), tokens,
		[]string{"~/.ssh/known_hosts", "~/.ssh/known_hosts2"})
	h.globalKnownHosts = c.pathList(c.get(alias, "GlobalKnownHostsFile"), tokens,
		[]string{"/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"})
	h.strict = strings.ToLower(c.get(alias, "StrictHostKeyChecking"))
	switch h.strict {
	case "", "ask":
		h.strict = "ask"
	case "yes", "no", "off", "accept-new":
	default:
		return nil, fmt.Errorf("launch: ssh_config: bad StrictHostKeyChecking %q for %s", h.strict, alias)
	}
	h.hashKnownHosts = yes(c.get(alias, "HashKnownHosts"))
	h.hostKeyAlias = c.get(alias, "HostKeyAlias")

	if v := c.get(alias, "ConnectTimeout"); v != "" {
		secs, err := strconv.Atoi(v)
		if err != nil || secs < 0 {
			return nil, fmt.Errorf("launch: ssh_config: bad ConnectTimeout %q for %s", v, alias)
		}
		h.connectTimeout = time.Duration(secs) * time.Second
	}
	h.passwordAuth = c.get(alias, "PasswordAuthentication") != "no"
	h.kbdAuth = c.get(alias, "KbdInteractiveAuthentication") != "no" &&
		c.get(alias, "ChallengeResponseAuthentication") != "no"
	return h, nil
}

func yes(v string) bool { return strings.EqualFold(v, "yes") }

// path expands tokens and a leading ~ in a file name from ssh_config.
func (c *sshConfig) path(p string, tokens map[byte]string) string {
	p = expandTokens(p, tokens)
	if p == "~" {
		return c.home
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		return filepath.Join(c.home, rest)
	}
	return p
}

// pathList splits a space-separated list of files ("none" = no files).
func (c *sshConfig) pathList(v string, tokens map[byte]string, def []string) []string {
	fields := strings.Fields(v)
	if len(fields) == 0 {
		fields = def
	}
	var out []string
	for _, f := range fields {
		if f != "none" {
			out = append(out, c.path(f, tokens))
		}
	}
	return out
}

// expandTokens replaces ssh_config's %x tokens; %% is a %, and unknown
// tokens are left as they are.
func expandTokens(s string, tokens map[byte]string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		if s[i] == '%' {
			b.WriteByte('%')
		} else if v, ok := tokens[s[i]]; ok {
			b.WriteString(v)
		} else {
			b.WriteByte('%')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// localUser returns the local login name (without a Windows domain).
func localUser() string {
	u, err := user.Current()
	if err != nil {
		return os.Getenv("USER")
	}
	name := u.Username
	if i := strings.LastIndexByte(name, '\\'); i >= 0 {
		name = name[i+1:]
	}
	return name
}
