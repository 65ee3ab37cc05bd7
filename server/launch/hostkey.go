package launch

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// hostKeys checks one host's key against its known_hosts files.
type hostKeys struct {
	cfg  *hostConfig
	ui   *Callbacks
	ctx  context.Context
	name string // host:port as known_hosts is searched for it
	db   ssh.HostKeyCallback
}

// knownHostsMu serialises appends to known_hosts within this process.
var knownHostsMu sync.Mutex

func newHostKeys(ctx context.Context, cfg *hostConfig, ui *Callbacks) (*hostKeys, error) {
	name := cfg.hostName
	if cfg.hostKeyAlias != "" {
		name = cfg.hostKeyAlias
	}
	hk := &hostKeys{cfg: cfg, ui: ui, ctx: ctx, name: net.JoinHostPort(name, strconv.Itoa(cfg.port))}
	var files []string
	for _, f := range append(append([]string{}, cfg.knownHosts...), cfg.globalKnownHosts...) {
		if _, err := os.Stat(f); err == nil {
			files = append(files, f)
		}
	}
	db, err := knownhosts.New(files...)
	if err != nil {
		return nil, fmt.Errorf("launch: reading known_hosts: %w", err)
	}
	hk.db = db
	return hk, nil
}

// algorithms returns the host key algorithms of the keys known_hosts lists
// for this host, so that the server is asked for a key we can check (as
// OpenSSH orders HostKeyAlgorithms). nil means none are known: any will do.
func (hk *hostKeys) algorithms() []string {
	// The only way to read the known keys is to check a key that cannot
	// match and look at the error.
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil
	}
	probe, err := ssh.NewPublicKey(pub)
	if err != nil {
		return nil
	}
	var keyErr *knownhosts.KeyError
	if !errors.As(hk.db(hk.name, fakeAddr{}, probe), &keyErr) {
		return nil
	}
	var algos []string
	seen := map[string]bool{}
	for _, k := range keyErr.Want {
		for _, a := range algorithmsForKeyType(k.Key.Type()) {
			if !seen[a] {
				seen[a] = true
				algos = append(algos, a)
			}
		}
	}
	return algos
}

func algorithmsForKeyType(t string) []string {
	if t == ssh.KeyAlgoRSA {
		return []string{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA}
	}
	return []string{t}
}

// check is the ssh.HostKeyCallback. It runs before any credential is sent.
func (hk *hostKeys) check(_ string, _ net.Addr, key ssh.PublicKey) error {
	err := hk.db(hk.name, fakeAddr{}, key)
	if err == nil {
		return nil
	}
	display := knownhosts.Normalize(hk.name)
	fp := ssh.FingerprintSHA256(key)
	var keyErr *knownhosts.KeyError
	var revoked *knownhosts.RevokedError
	switch {
	case errors.As(err, &revoked):
		return fmt.Errorf("launch: the host key of %s (%s) is marked @revoked in %s:%d", display, fp, revoked.Revoked.Filename, revoked.Revoked.Line)
	case !errors.As(err, &keyErr):
		return err
	case len(keyErr.Want) > 0:
		// A known host with another key, of this type or another: refuse,
		// whatever StrictHostKeyChecking says.
		known := make([]string, len(keyErr.Want))
		for i, k := range keyErr.Want {
			known[i] = fmt.Sprintf("%s:%d", k.Filename, k.Line)
		}
		return &HostKeyChangedError{Host: display, KeyType: key.Type(), Fingerprint: fp, Known: known, Err: keyErr}
	}

	unknown := &HostKeyUnknownError{Host: display, KeyType: key.Type(), Fingerprint: fp}
	switch hk.cfg.strict {
	case "yes":
		unknown.Strict = true
		return unknown
	case "accept-new", "no", "off":
		hk.ui.notice(fmt.Sprintf("Adding %s's host key %s to known_hosts (StrictHostKeyChecking %s).", display, fp, hk.cfg.strict))
		return hk.remember(key)
	}
	if hk.ui.UnknownHost == nil {
		return unknown
	}
	decision, err := hk.ui.UnknownHost(hk.ctx, UnknownHostQuestion{
		Host: display, KeyType: key.Type(), Fingerprint: fp, KnownHosts: hk.writeFile(),
	})
	if err != nil {
		return err
	}
	switch decision {
	case AcceptHostKeyOnce:
		return nil
	case AcceptHostKeyAlways:
		return hk.remember(key)
	}
	return unknown
}

func (hk *hostKeys) writeFile() string {
	if len(hk.cfg.knownHosts) == 0 {
		return ""
	}
	return hk.cfg.knownHosts[0]
}

// remember appends the key to the first UserKnownHostsFile (hashed if
// HashKnownHosts is set), creating the file 0600 and its directory 0700.
func (hk *hostKeys) remember(key ssh.PublicKey) error {
	file := hk.writeFile()
	if file == "" {
		return fmt.Errorf("launch: UserKnownHostsFile is none; cannot remember the host key of %s", hk.name)
	}
	name := knownhosts.Normalize(hk.name)
	if hk.cfg.hashKnownHosts {
		name = knownhosts.HashHostname(name)
	}
	line := knownhosts.Line([]string{name}, key) + "\n"

	knownHostsMu.Lock()
	defer knownHostsMu.Unlock()
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return fmt.Errorf("launch: saving host key: %w", err)
	}
	f, err := os.OpenFile(file, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("launch: saving host key: %w", err)
	}
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, st.Size()-1); err == nil && last[0] != '\n' {
			line = "\n" + line // do not glue onto a last line without newline
		}
	}
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return fmt.Errorf("launch: saving host key: %w", err)
	}
	return f.Close()
}

// fakeAddr stands in for the remote address, which knownhosts consults
// only when the host name is empty; ours never is. (OpenSSH's default
// CheckHostIP no likewise ignores the address.)
type fakeAddr struct{}

func (fakeAddr) Network() string { return "tcp" }
func (fakeAddr) String() string  { return "0.0.0.0:0" }
