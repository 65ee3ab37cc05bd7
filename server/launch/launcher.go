package launch

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/roamterm/roam/server/bundle"
	"github.com/roamterm/roam/server/version"
)

// afterConnectGrace is how long the server may keep printing after its
// CONNECT line before the SSH session is closed. Closing at once could
// hang up the server before it has detached.
const afterConnectGrace = 5 * time.Second

// Launcher starts servers on remote hosts. The zero value uses the user's
// ssh_config, known_hosts and Roam configuration directory; the fields
// exist for the GUI's settings and for tests. A Launcher may be used by
// several goroutines at once.
type Launcher struct {
	// SSHConfigFiles are read in order, the first value of a keyword
	// winning; nil means ~/.ssh/config, then /etc/ssh/ssh_config.
	SSHConfigFiles []string
	// ConfigDir holds Roam's remembered upload consents; "" means
	// os.UserConfigDir()/roam.
	ConfigDir string
	// Bundle lists the servers that may be uploaded; nil means
	// bundle.All(), an empty slice none.
	Bundle []bundle.Server
	// Version names the remote cache directory; "" means version.Version.
	Version string
	// UI answers questions and receives news.
	UI Callbacks
}

// Connect logs in to t's host, starts a server there and returns its UDP
// address and key. The SSH connection is closed when it returns.
func (l *Launcher) Connect(ctx context.Context, t Target) (Result, error) {
	if err := t.validate(); err != nil {
		return Result{}, err
	}
	conn, err := l.dial(ctx, t)
	if err != nil {
		return Result{}, err
	}
	defer conn.Close()

	servers := l.servers()
	cached := make([]cachedServer, len(servers))
	for i, s := range servers {
		cached[i] = cacheEntry(s)
	}
	host := conn.cfg.alias
	locale := t.locale()
	var uploaded, localeRetried bool
	for {
		script := startScript(l.version(), cached, t.Server, t.PreferRoamServer, t.RemoteIP == RemoteIPRemote, t.serverArgs(locale))
		rep, status, err := l.start(ctx, conn, script)
		if err != nil {
			return Result{}, err
		}
		for _, path := range rep.corrupt {
			l.UI.notice(fmt.Sprintf("The cached roam-server %s on %s is damaged; Roam will replace it.", path, host))
		}
		switch {
		case rep.connected:
			addr, err := l.udpAddr(ctx, t, conn, rep)
			if err != nil {
				return Result{}, err
			}
			return Result{
				Addr: netip.AddrPortFrom(addr, rep.port), Key: rep.key,
				Server: rep.server, Roam: strings.HasPrefix(path.Base(rep.server), "roam-server"),
				PID: rep.pid, Uploaded: uploaded,
			}, nil
		case rep.noServer && !uploaded:
			if err := l.upload(ctx, conn, servers, rep.system, rep.machine); err != nil {
				return Result{}, err
			}
			uploaded = true
		case rep.localeFailure && !localeRetried:
			l.UI.notice(fmt.Sprintf("%s has no UTF-8 locale for %v; retrying with %v.", host, locale, fallbackLocale))
			locale, localeRetried = fallbackLocale, true
		case rep.localeFailure:
			return Result{}, &LocaleError{Host: host, Output: rep.outputText()}
		case t.Server != "" && status == 127:
			return Result{}, &ServerNotFoundError{Host: host, Override: t.Server}
		case rep.noServer:
			return Result{}, &UploadError{Host: host, Path: "~/.cache/roam", Reason: "the uploaded server is not in the cache", Output: rep.outputText()}
		default:
			server := rep.server
			if server == "" {
				server = "the server"
			}
			return Result{}, &ServerExitedError{Host: host, Server: server, ExitStatus: status, Output: rep.outputText()}
		}
	}
}

// dial resolves t's host in ssh_config and connects.
func (l *Launcher) dial(ctx context.Context, t Target) (*sshConn, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, fmt.Errorf("launch: %w", err)
	}
	files := l.SSHConfigFiles
	if files == nil {
		files = []string{filepath.Join(home, ".ssh", "config"), "/etc/ssh/ssh_config"}
	}
	config, err := loadSSHConfig(files, home, localUser())
	if err != nil {
		return nil, err
	}
	cfg, err := config.resolve(t.Host, t.User, t.Port)
	if err != nil {
		return nil, err
	}
	c := &connector{ctx: ctx, ui: &l.UI, config: config, family: t.Family, resolveHere: t.RemoteIP == RemoteIPLocal}
	return c.dial(cfg, 0)
}

// start runs script under a pty, as ssh -tt does for mosh, and reads what
// it prints. status is the remote exit status, or -1.
func (l *Launcher) start(ctx context.Context, conn *sshConn, script string) (rep *reply, status int, err error) {
	sess, err := conn.NewSession()
	if err != nil {
		return nil, -1, fmt.Errorf("launch: opening an SSH session on %s: %w", conn.cfg.alias, err)
	}
	defer sess.Close()
	if err := sess.RequestPty("xterm-256color", 24, 80, ssh.TerminalModes{}); err != nil {
		return nil, -1, fmt.Errorf("launch: requesting a pty on %s: %w", conn.cfg.alias, err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		return nil, -1, err
	}
	if err := sess.Start(loginShellCommand(script)); err != nil {
		return nil, -1, fmt.Errorf("launch: starting the server on %s: %w", conn.cfg.alias, err)
	}
	stop := context.AfterFunc(ctx, func() { sess.Close() })
	defer stop()

	rep = &reply{}
	var grace *time.Timer
	err = readLines(out, func(s string) error {
		if notable, err := rep.line(s); err != nil {
			return err
		} else if notable != "" {
			l.UI.output(notable)
		}
		if rep.connected && grace == nil {
			grace = time.AfterFunc(afterConnectGrace, func() { sess.Close() })
		}
		return nil
	})
	if grace != nil {
		grace.Stop()
	}
	if ctx.Err() != nil {
		return nil, -1, ctx.Err()
	}
	if err != nil && !rep.connected {
		return nil, -1, fmt.Errorf("launch: reading the server's reply on %s: %w", conn.cfg.alias, err)
	}
	status = -1
	var exit *ssh.ExitError
	switch werr := sess.Wait(); {
	case werr == nil:
		status = 0
	case errors.As(werr, &exit):
		status = exit.ExitStatus()
	}
	return rep, status, nil
}

// udpAddr chooses the address the client sends datagrams to.
func (l *Launcher) udpAddr(ctx context.Context, t Target, conn *sshConn, rep *reply) (netip.Addr, error) {
	if t.RemoteIP == RemoteIPRemote {
		if !rep.sshConnection.IsValid() {
			return netip.Addr{}, fmt.Errorf("launch: %s did not report $SSH_CONNECTION; use remote-ip proxy or local", conn.cfg.alias)
		}
		return rep.sshConnection, nil
	}
	if conn.peer.IsValid() {
		return conn.peer, nil
	}
	// Through a jump host or ProxyCommand: the final host as resolved here.
	ip, err := resolve(ctx, conn.cfg.hostName, t.Family)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("launch: %s is reached through a proxy and its name %q does not resolve here "+
			"(%v); use remote-ip remote to take its address from the host", conn.cfg.alias, conn.cfg.hostName, err)
	}
	return ip, nil
}

func (l *Launcher) servers() []bundle.Server {
	if l.Bundle != nil {
		return l.Bundle
	}
	return bundle.All()
}

var unsafeVersionChars = regexp.MustCompile(`[^A-Za-z0-9._+-]`)

// version is the cache directory's name: the version, made safe for a path
// in a shell script.
func (l *Launcher) version() string {
	v := l.Version
	if v == "" {
		v = version.Version
	}
	v = unsafeVersionChars.ReplaceAllString(v, "_")
	if v == "" || v[0] == '.' {
		v = "v" + v
	}
	return v
}

// cacheEntry is the name a server is cached under: keyed by content, so
// a rebuilt server of the same version never runs as the old one.
func cacheEntry(s bundle.Server) cachedServer {
	return cachedServer{name: "roam-server-" + s.SHA256[:16], sha256: s.SHA256}
}

func (l *Launcher) consents() (consents, error) {
	dir := l.ConfigDir
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return consents{}, fmt.Errorf("launch: %w", err)
		}
		dir = filepath.Join(base, "roam")
	}
	return consents{path: filepath.Join(dir, "upload-consent.json")}, nil
}
