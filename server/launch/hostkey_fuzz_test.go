package launch

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// fuzzHostKey returns a fixed ed25519 host key made from seed.
func fuzzHostKey(tb testing.TB, seed byte) ssh.PublicKey {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
	key, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		tb.Fatal(err)
	}
	return key
}

// FuzzKnownHosts feeds arbitrary known_hosts files to the host key check:
// a file that does not parse is an error, never a panic; a key the check
// accepts (known, or appended under accept-new) is accepted again from
// the file as written, whatever the file held before, and a key listed
// as another for the host is refused as changed.
func FuzzKnownHosts(f *testing.F) {
	key, other := fuzzHostKey(f, 1), fuzzHostKey(f, 2)
	line := func(host string, k ssh.PublicKey) string { return knownhosts.Line([]string{host}, k) }
	for _, seed := range []string{
		"",
		line("example.com", key) + "\n",
		line("example.com", other) + "\n",
		line(knownhosts.HashHostname("example.com"), key) + "\n",
		"@revoked " + line("example.com", key) + "\n",
		"@cert-authority *.com " + strings.TrimPrefix(line("x", other), "x ") + "\n",
		line("[example.com]:2222", key),
		"# comment\n\n" + line("other.org", other), // last line without newline
		"example.com ssh-ed25519 AAAAnotbase64\n",
		"|1|bad|hash ssh-ed25519 AAAA\n",
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, hashed bool) {
		file := filepath.Join(t.TempDir(), "known_hosts")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		open := func(strict string) *hostKeys {
			cfg := &hostConfig{hostName: "example.com", port: 22, knownHosts: []string{file}, strict: strict, hashKnownHosts: hashed}
			hk, err := newHostKeys(context.Background(), cfg, &Callbacks{})
			if err != nil {
				return nil
			}
			return hk
		}
		hk := open("accept-new")
		if hk == nil {
			return // a file knownhosts cannot parse: an error for the user
		}
		hk.algorithms()
		err := hk.check("", nil, key)
		var changed *HostKeyChangedError
		if err != nil {
			if errors.As(err, &changed) && len(changed.Known) == 0 {
				t.Fatalf("changed-key error lists no known key: %v", err)
			}
			return
		}
		again := open("yes")
		if again == nil {
			written, _ := os.ReadFile(file)
			t.Fatalf("known_hosts no longer parses after accepting the key:\n%q", written)
		}
		if err := again.check("", nil, key); err != nil {
			written, _ := os.ReadFile(file)
			t.Fatalf("accepted key refused on the next connection: %v\n%q", err, written)
		}
	})
}
