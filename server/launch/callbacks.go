package launch

import "context"

// Callbacks are the questions and news Connect passes to the user
// interface. Every field may be nil: a nil question is answered "no" (the
// host key is rejected, the method is skipped, the upload declined) and nil
// news is dropped. Questions are asked from Connect's goroutine, one at a
// time; each gets Connect's context, which is cancelled if the connection
// is abandoned.
type Callbacks struct {
	// UnknownHost asks whether to trust a host key that no known_hosts file
	// lists.
	UnknownHost func(ctx context.Context, q UnknownHostQuestion) (HostKeyDecision, error)
	// Passphrase asks for the passphrase of an encrypted key file.
	Passphrase func(ctx context.Context, q PassphraseQuestion) (string, error)
	// Password asks for a login password.
	Password func(ctx context.Context, q PasswordQuestion) (string, error)
	// KeyboardInteractive answers a keyboard-interactive challenge: one
	// answer per question, in order.
	KeyboardInteractive func(ctx context.Context, c Challenge) ([]string, error)
	// UploadConsent asks whether Roam may copy its server to a host. A yes
	// is remembered for that host.
	UploadConsent func(ctx context.Context, q UploadQuestion) (bool, error)

	// Progress reports an upload: sent of total bytes.
	Progress func(sent, total int64)
	// Notice reports something the user should know but need not act on,
	// such as a locale retry or a replaced cached server.
	Notice func(msg string)
	// Output passes on lines the host printed that are not part of the
	// start-up protocol: login messages, warnings, the server's banner.
	Output func(line string)
}

// HostKeyDecision is the answer to an UnknownHostQuestion.
type HostKeyDecision int

const (
	// RejectHostKey refuses to connect.
	RejectHostKey HostKeyDecision = iota
	// AcceptHostKeyOnce connects this time without remembering the key.
	AcceptHostKeyOnce
	// AcceptHostKeyAlways connects and adds the key to known_hosts.
	AcceptHostKeyAlways
)

// UnknownHostQuestion describes a host key no known_hosts file lists.
type UnknownHostQuestion struct {
	Host        string // as known_hosts will name it: "host" or "[host]:port"
	KeyType     string // "ssh-ed25519", …
	Fingerprint string // "SHA256:…", as OpenSSH prints it
	// KnownHosts is the file an AcceptHostKeyAlways writes to.
	KnownHosts string
}

// PassphraseQuestion asks for the passphrase of KeyPath. Attempt counts
// from 1; a wrong passphrase is asked again up to three times.
type PassphraseQuestion struct {
	KeyPath string
	Attempt int
}

// PasswordQuestion asks for User's password on Host.
type PasswordQuestion struct {
	User, Host string
	Attempt    int
}

// Challenge is one round of keyboard-interactive authentication.
type Challenge struct {
	User, Host        string
	Name, Instruction string
	Questions         []ChallengeQuestion
}

// ChallengeQuestion is one prompt; Echo says whether the answer may be
// shown as it is typed.
type ChallengeQuestion struct {
	Prompt string
	Echo   bool
}

// UploadQuestion asks to upload Roam's server (Size bytes, for Platform,
// "linux/amd64") to Host.
type UploadQuestion struct {
	Host     string
	Platform string
	Size     int64
}

func (c *Callbacks) notice(msg string) {
	if c.Notice != nil {
		c.Notice(msg)
	}
}

func (c *Callbacks) output(line string) {
	if c.Output != nil {
		c.Output(line)
	}
}
