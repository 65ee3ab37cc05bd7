package tty

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/roamterm/roam/server/launch"
)

// terminalUI answers the launcher's questions on this terminal, before the
// session takes it over: questions and news go to out (stderr), answers
// come from in, secrets without echo. Without a terminal on in, every
// question is answered "no".
type terminalUI struct {
	in  *os.File
	out io.Writer
	// progressShown says an unfinished progress line is on the screen.
	progressShown bool
}

// errNoTerminal is the answer to a question asked without a terminal.
var errNoTerminal = errors.New("tty: no terminal to ask on (standard input is not one)")

// callbacks returns the launcher's callbacks.
func (u *terminalUI) callbacks() launch.Callbacks {
	return launch.Callbacks{
		UnknownHost:         u.unknownHost,
		Passphrase:          u.passphrase,
		Password:            u.password,
		KeyboardInteractive: u.keyboardInteractive,
		UploadConsent:       u.uploadConsent,
		Progress:            u.progress,
		Notice:              func(msg string) { u.say("roam: %s\n", msg) },
		Output:              func(line string) { u.say("%s\n", line) },
	}
}

// say prints on a line of its own, after any progress line.
func (u *terminalUI) say(format string, args ...any) {
	if u.progressShown {
		io.WriteString(u.out, "\n")
		u.progressShown = false
	}
	fmt.Fprintf(u.out, format, args...)
}

func (u *terminalUI) isTerminal() bool { return term.IsTerminal(int(u.in.Fd())) }

// keyTypeNames are OpenSSH's names of key types in its fingerprint line.
var keyTypeNames = map[string]string{
	"ssh-ed25519": "ED25519", "ssh-rsa": "RSA", "ssh-dss": "DSA",
	"ecdsa-sha2-nistp256": "ECDSA", "ecdsa-sha2-nistp384": "ECDSA", "ecdsa-sha2-nistp521": "ECDSA",
	"sk-ssh-ed25519@openssh.com": "ED25519-SK", "sk-ecdsa-sha2-nistp256@openssh.com": "ECDSA-SK",
}

// unknownHost asks as OpenSSH does, with a third answer: trust the key
// this once without remembering it.
func (u *terminalUI) unknownHost(ctx context.Context, q launch.UnknownHostQuestion) (launch.HostKeyDecision, error) {
	if !u.isTerminal() {
		return launch.RejectHostKey, errNoTerminal
	}
	keyType := keyTypeNames[q.KeyType]
	if keyType == "" {
		keyType = q.KeyType
	}
	u.say("The authenticity of host '%s' can't be established.\n%s key fingerprint is %s.\n",
		q.Host, keyType, q.Fingerprint)
	for {
		u.say("Connect? once (o), always, adding the key to %s (a), or no (n) [o/a/n]: ", q.KnownHosts)
		answer, err := u.readLine(ctx)
		if err != nil {
			return launch.RejectHostKey, err
		}
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "o", "once":
			return launch.AcceptHostKeyOnce, nil
		case "a", "always":
			return launch.AcceptHostKeyAlways, nil
		case "n", "no":
			return launch.RejectHostKey, nil
		}
	}
}

func (u *terminalUI) passphrase(ctx context.Context, q launch.PassphraseQuestion) (string, error) {
	if q.Attempt > 1 {
		u.say("Wrong passphrase.\n")
	}
	return u.readSecret(ctx, fmt.Sprintf("Enter passphrase for key '%s': ", q.KeyPath))
}

func (u *terminalUI) password(ctx context.Context, q launch.PasswordQuestion) (string, error) {
	if q.Attempt > 1 {
		u.say("Permission denied, please try again.\n")
	}
	return u.readSecret(ctx, fmt.Sprintf("%s@%s's password: ", q.User, q.Host))
}

func (u *terminalUI) keyboardInteractive(ctx context.Context, c launch.Challenge) ([]string, error) {
	for _, s := range []string{c.Name, c.Instruction} {
		if s != "" {
			u.say("%s\n", strings.TrimRight(s, "\n"))
		}
	}
	answers := make([]string, len(c.Questions))
	for i, q := range c.Questions {
		var err error
		if q.Echo {
			if !u.isTerminal() {
				return nil, errNoTerminal
			}
			u.say("%s", q.Prompt)
			answers[i], err = u.readLine(ctx)
		} else {
			answers[i], err = u.readSecret(ctx, q.Prompt)
		}
		if err != nil {
			return nil, err
		}
	}
	return answers, nil
}

func (u *terminalUI) uploadConsent(ctx context.Context, q launch.UploadQuestion) (bool, error) {
	if !u.isTerminal() {
		return false, errNoTerminal
	}
	u.say("%s has no mosh-server. Copy Roam's server (%s, %.1f MB) to ~/.cache/roam there and run it? [y/N]: ",
		q.Host, q.Platform, float64(q.Size)/1e6)
	answer, err := u.readLine(ctx)
	if err != nil {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}

// progress keeps one line up to date while the server is uploaded.
func (u *terminalUI) progress(sent, total int64) {
	percent := 100
	if total > 0 {
		percent = int(sent * 100 / total)
	}
	fmt.Fprintf(u.out, "\rroam: uploading the server: %.1f of %.1f MB (%d%%)", float64(sent)/1e6, float64(total)/1e6, percent)
	u.progressShown = true
	if sent >= total {
		io.WriteString(u.out, "\n")
		u.progressShown = false
	}
}

// readSecret prompts and reads a line without echo.
func (u *terminalUI) readSecret(ctx context.Context, prompt string) (string, error) {
	if !u.isTerminal() {
		return "", errNoTerminal
	}
	u.say("%s", prompt)
	return u.read(ctx, func() (string, error) {
		b, err := term.ReadPassword(int(u.in.Fd()))
		io.WriteString(u.out, "\n")
		return string(b), err
	})
}

// readLine reads one line, a byte at a time so that nothing after it is
// taken from the session's input.
func (u *terminalUI) readLine(ctx context.Context) (string, error) {
	return u.read(ctx, func() (string, error) {
		var line []byte
		b := make([]byte, 1)
		for len(line) < 4096 {
			n, err := u.in.Read(b)
			if n == 1 {
				if b[0] == '\n' {
					break
				}
				line = append(line, b[0])
			}
			if err != nil {
				if len(line) > 0 && err == io.EOF {
					break
				}
				return "", err
			}
		}
		return strings.TrimRight(string(line), "\r"), nil
	})
}

// read runs a blocking read of the terminal, giving up when ctx ends (on
// Ctrl-C): the read is then abandoned, and the caller, about to exit,
// restores the terminal (see runSSH).
func (u *terminalUI) read(ctx context.Context, read func() (string, error)) (string, error) {
	type answer struct {
		s   string
		err error
	}
	done := make(chan answer, 1)
	go func() {
		s, err := read()
		done <- answer{s, err}
	}()
	select {
	case a := <-done:
		return a.s, a.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
