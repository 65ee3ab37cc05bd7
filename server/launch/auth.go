package launch

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// maxPromptAttempts is how often a passphrase or password is asked for
// before giving up on it, as in OpenSSH.
const maxPromptAttempts = 3

// authenticator builds one hop's auth methods and records which ran, for
// AuthFailedError.
type authenticator struct {
	ctx   context.Context
	cfg   *hostConfig
	ui    *Callbacks
	agent io.ReadWriteCloser // nil without an agent

	tried []string
	keys  int
}

func newAuthenticator(ctx context.Context, cfg *hostConfig, ui *Callbacks) *authenticator {
	a := &authenticator{ctx: ctx, cfg: cfg, ui: ui}
	if cfg.identityAgent != "none" {
		if conn, err := dialAgent(cfg.identityAgent); err == nil {
			a.agent = conn
		}
	}
	return a
}

// Close releases the agent connection.
func (a *authenticator) Close() {
	if a.agent != nil {
		a.agent.Close()
	}
}

// methods returns the auth methods in OpenSSH's order.
func (a *authenticator) methods() []ssh.AuthMethod {
	methods := []ssh.AuthMethod{ssh.PublicKeysCallback(a.signers)}
	if a.cfg.kbdAuth && a.ui.KeyboardInteractive != nil {
		methods = append(methods, ssh.RetryableAuthMethod(ssh.KeyboardInteractive(a.challenge), maxPromptAttempts))
	}
	if a.cfg.passwordAuth && a.ui.Password != nil {
		attempt := 0
		methods = append(methods, ssh.RetryableAuthMethod(ssh.PasswordCallback(func() (string, error) {
			attempt++
			a.note("password")
			return a.ui.Password(a.ctx, PasswordQuestion{User: a.cfg.user, Host: a.cfg.hostName, Attempt: attempt})
		}), maxPromptAttempts))
	}
	return methods
}

func (a *authenticator) note(method string) {
	if len(a.tried) == 0 || a.tried[len(a.tried)-1] != method {
		a.tried = append(a.tried, method)
	}
}

// signers returns the agent's keys, then the identity files' keys. Keys in
// encrypted files are offered by their public half; the passphrase is
// asked only if the server accepts that key.
func (a *authenticator) signers() ([]ssh.Signer, error) {
	a.note("publickey")
	var fileSigners []ssh.Signer
	filePubs := map[string]bool{}
	for _, path := range a.cfg.identityFiles {
		s, err := a.loadKey(path)
		if err != nil || s == nil {
			continue // missing or unreadable files are skipped, as by ssh
		}
		fileSigners = append(fileSigners, s)
		filePubs[string(s.PublicKey().Marshal())] = true
	}

	var signers []ssh.Signer
	offered := map[string]bool{}
	if a.agent != nil {
		agentSigners, _ := agent.NewClient(a.agent).Signers()
		for _, s := range agentSigners {
			blob := string(s.PublicKey().Marshal())
			if a.cfg.identitiesOnly && !filePubs[blob] {
				continue
			}
			signers = append(signers, s)
			offered[blob] = true
		}
	}
	for _, s := range fileSigners {
		if !offered[string(s.PublicKey().Marshal())] {
			signers = append(signers, s)
		}
	}
	a.keys = len(signers)
	return signers, nil
}

// loadKey reads a private key file. An encrypted key becomes a lazySigner if
// its public half is known (from the file itself or path.pub).
func (a *authenticator) loadKey(path string) (ssh.Signer, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := ssh.ParsePrivateKey(pem)
	var missing *ssh.PassphraseMissingError
	if !errors.As(err, &missing) {
		return s, err
	}
	pub := missing.PublicKey
	if pub == nil {
		if b, err := os.ReadFile(path + ".pub"); err == nil {
			pub, _, _, _, _ = ssh.ParseAuthorizedKey(b)
		}
	}
	if pub == nil {
		return nil, fmt.Errorf("launch: %s is encrypted and has no .pub file", path)
	}
	return &lazySigner{a: a, path: path, pem: pem, pub: pub}, nil
}

// challenge answers keyboard-interactive through the callback.
func (a *authenticator) challenge(name, instruction string, questions []string, echos []bool) ([]string, error) {
	a.note("keyboard-interactive")
	if len(questions) == 0 {
		return nil, nil // an information-only round needs no user
	}
	c := Challenge{User: a.cfg.user, Host: a.cfg.hostName, Name: name, Instruction: instruction}
	for i, q := range questions {
		c.Questions = append(c.Questions, ChallengeQuestion{Prompt: q, Echo: echos[i]})
	}
	answers, err := a.ui.KeyboardInteractive(a.ctx, c)
	if err == nil && len(answers) != len(questions) {
		err = fmt.Errorf("launch: %d answers to %d questions", len(answers), len(questions))
	}
	return answers, err
}

// lazySigner is an encrypted key whose passphrase is asked the first time
// it must sign.
type lazySigner struct {
	a      *authenticator
	path   string
	pem    []byte
	pub    ssh.PublicKey
	signer ssh.Signer
}

func (l *lazySigner) PublicKey() ssh.PublicKey { return l.pub }

func (l *lazySigner) Sign(rand io.Reader, data []byte) (*ssh.Signature, error) {
	s, err := l.unlock()
	if err != nil {
		return nil, err
	}
	return s.Sign(rand, data)
}

func (l *lazySigner) SignWithAlgorithm(rand io.Reader, data []byte, algorithm string) (*ssh.Signature, error) {
	s, err := l.unlock()
	if err != nil {
		return nil, err
	}
	as, ok := s.(ssh.AlgorithmSigner)
	if !ok {
		return nil, fmt.Errorf("launch: key %s cannot sign with %s", l.path, algorithm)
	}
	return as.SignWithAlgorithm(rand, data, algorithm)
}

func (l *lazySigner) unlock() (ssh.Signer, error) {
	if l.signer != nil {
		return l.signer, nil
	}
	if l.a.ui.Passphrase == nil {
		return nil, fmt.Errorf("launch: key %s needs a passphrase", l.path)
	}
	for attempt := 1; attempt <= maxPromptAttempts; attempt++ {
		pass, err := l.a.ui.Passphrase(l.a.ctx, PassphraseQuestion{KeyPath: l.path, Attempt: attempt})
		if err != nil {
			return nil, err
		}
		s, err := ssh.ParsePrivateKeyWithPassphrase(l.pem, []byte(pass))
		if err == nil {
			if !bytes.Equal(s.PublicKey().Marshal(), l.pub.Marshal()) {
				return nil, fmt.Errorf("launch: %s does not match its public key", l.path)
			}
			l.signer = s
			return s, nil
		}
		if !errors.Is(err, x509.IncorrectPasswordError) {
			return nil, fmt.Errorf("launch: %s: %w", l.path, err)
		}
	}
	return nil, fmt.Errorf("launch: wrong passphrase for %s", l.path)
}
