package sshdtest

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const (
	sshdPath = "/usr/sbin/sshd" // sshd re-executes itself and insists on an absolute path
	// privsepDir is sshd's privilege-separation directory; sshd refuses to
	// start without it, and nothing creates it on a machine without systemd.
	privsepDir = "/run/sshd"

	readyTimeout = 10 * time.Second
	stopTimeout  = 5 * time.Second
	startTries   = 5 // fresh ports to try when another process takes ours
)

// Options configures a Server. The zero value allows public-key logins as
// the current user only.
type Options struct {
	// HostAlias is the Host name in the generated ssh_config; empty means
	// "sshdtest". Two servers used together need different aliases.
	HostAlias string
	// User is the login name written to ssh_config; empty means the current
	// user. The user key works for any local user (AuthorizedKeysFile is
	// one absolute path), so a user made by AddUser can log in by key too.
	User string
	// PasswordAuthentication and KbdInteractiveAuthentication set the sshd
	// options of the same names. (With UsePAM no, keyboard-interactive has
	// no backend on Linux; it is offered but cannot succeed.)
	PasswordAuthentication       bool
	KbdInteractiveAuthentication bool
	// KeyPassphrase, if set, makes Start also generate a user key protected
	// by this passphrase (Server.PassphraseKeyPath) and authorize it.
	KeyPassphrase string
	// ExtraConfig lines are added to sshd_config. They override the
	// harness's defaults; Match blocks work as usual.
	ExtraConfig []string

	// Unshare runs sshd, and so every session, in a private mount
	// namespace. BindMounts and Hide imply it. Needs root.
	Unshare bool
	// BindMounts are bind-mounted in that namespace before sshd starts.
	BindMounts []BindMount
	// Hide lists absolute paths that do not exist in that namespace (for
	// example /usr/bin/mosh-server, to stand for a host without mosh). Each
	// parent directory is overlaid with a whiteout, so lookups fail with
	// ENOENT, as on a host where the file was never installed.
	Hide []string
}

// BindMount is one "mount --bind Source Target".
type BindMount struct {
	Source, Target string
}

// Server is a running sshd and the client-side files that reach it.
type Server struct {
	// Addr is where sshd listens.
	Addr netip.AddrPort
	// HostAlias is the Host name in ConfigPath.
	HostAlias string
	// User is the login name in ConfigPath.
	User string
	// HostKeyPath is the host's private key (public key at HostKeyPath.pub)
	// and HostKeyFingerprint its SHA256 fingerprint as OpenSSH prints it.
	HostKeyPath        string
	HostKeyFingerprint string
	// UserKeyPath is the unencrypted user key named in ConfigPath.
	UserKeyPath string
	// PassphraseKeyPath is the passphrase-protected user key, if
	// Options.KeyPassphrase was set.
	PassphraseKeyPath string
	// KnownHostsPath lists the host key as [127.0.0.1]:PORT.
	KnownHostsPath string
	// ConfigPath is an ssh_config for OpenSSH's client ("ssh -F").
	ConfigPath string
	// Dir holds all of the above, sshd_config and the log.
	Dir string

	opts    Options
	logPath string
	proc    *process // nil when stopped
}

type process struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd.Wait returns
}

// Start runs sshd and registers its shutdown with t.Cleanup. Failure is
// fatal and includes sshd's log.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	requireTools(t, sshdPath, "ssh", "ssh-keygen")
	namespaced := opts.Unshare || len(opts.BindMounts) > 0 || len(opts.Hide) > 0
	if namespaced {
		requireTools(t, "unshare", "mount")
		requireRoot(t, "a private mount namespace (Unshare, BindMounts, Hide)")
	}
	if err := os.MkdirAll(privsepDir, 0o755); err != nil {
		t.Fatalf("sshdtest: sshd needs %s: %v", privsepDir, err)
	}

	dir := t.TempDir()
	s := &Server{
		HostAlias:      opts.HostAlias,
		User:           opts.User,
		HostKeyPath:    filepath.Join(dir, "ssh_host_ed25519_key"),
		UserKeyPath:    filepath.Join(dir, "id_ed25519"),
		KnownHostsPath: filepath.Join(dir, "known_hosts"),
		ConfigPath:     filepath.Join(dir, "ssh_config"),
		Dir:            dir,
		opts:           opts,
		logPath:        filepath.Join(dir, "sshd.log"),
	}
	if s.HostAlias == "" {
		s.HostAlias = "sshdtest"
	}
	if s.User == "" {
		u, err := user.Current()
		if err != nil {
			t.Fatalf("sshdtest: %v", err)
		}
		s.User = u.Username
	}

	generateKey(t, s.HostKeyPath, "")
	s.HostKeyFingerprint = fingerprint(t, s.HostKeyPath+".pub")
	generateKey(t, s.UserKeyPath, "")
	authorized := publicKey(t, s.UserKeyPath+".pub") + "\n"
	if opts.KeyPassphrase != "" {
		s.PassphraseKeyPath = filepath.Join(dir, "id_ed25519_passphrase")
		generateKey(t, s.PassphraseKeyPath, opts.KeyPassphrase)
		authorized += publicKey(t, s.PassphraseKeyPath+".pub") + "\n"
	}
	writeFile(t, filepath.Join(dir, "authorized_keys"), authorized, 0o600)
	if namespaced {
		writeFile(t, filepath.Join(dir, "namespace.sh"), s.namespaceScript(t), 0o700)
	}

	t.Cleanup(s.Stop)
	for try := 1; ; try++ {
		port, err := freePort()
		if err != nil {
			t.Fatalf("sshdtest: %v", err)
		}
		err = s.start(t, port)
		if err == nil {
			break
		}
		if !errors.Is(err, errPortTaken) || try == startTries {
			t.Fatalf("sshdtest: %v\nsshd log:\n%s", err, s.Log())
		}
	}
	writeFile(t, s.KnownHostsPath, s.knownHostsLine(t), 0o600)
	writeFile(t, s.ConfigPath, s.hostBlock(s.HostAlias), 0o600)
	return s
}

var errPortTaken = errors.New("port taken")

// freePort returns a port the kernel considers free on 127.0.0.1 right now.
// Another process may take it before sshd binds; start detects that.
func freePort() (uint16, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).AddrPort().Port(), nil
}

// start writes sshd_config for port, checks it, runs sshd and waits until
// it accepts connections.
func (s *Server) start(t testing.TB, port uint16) error {
	t.Helper()
	s.Addr = netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), port)
	configPath := filepath.Join(s.Dir, "sshd_config")
	writeFile(t, configPath, s.sshdConfig(port), 0o600)
	if out, err := exec.Command(sshdPath, "-t", "-f", configPath).CombinedOutput(); err != nil {
		t.Fatalf("sshdtest: sshd rejects its configuration: %v\n%s", err, out)
	}

	logFile, err := os.OpenFile(s.logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close() // the child has its own descriptor
	mark, _ := logFile.Seek(0, 2)

	sshd := []string{sshdPath, "-D", "-f", configPath, "-E", s.logPath}
	var cmd *exec.Cmd
	if s.opts.Unshare || len(s.opts.BindMounts) > 0 || len(s.opts.Hide) > 0 {
		args := append([]string{"--mount", "--propagation", "private", "--", filepath.Join(s.Dir, "namespace.sh")}, sshd...)
		cmd = exec.Command("unshare", args...)
	} else {
		cmd = exec.Command(sshd[0], sshd[1:]...)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile // mount errors land beside sshd's own log
	// A process group of its own, so Stop also ends sshd's per-connection
	// children and nothing reaches the test's terminal.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting sshd: %w", err)
	}
	p := &process{cmd: cmd, exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	s.proc = p
	return s.waitReady(mark)
}

// waitReady waits until sshd has logged that it listens on its port (so the
// listener is ours, not another process's) and sends its SSH banner.
func (s *Server) waitReady(logMark int64) error {
	listening := fmt.Sprintf("Server listening on %s port %d.", s.Addr.Addr(), s.Addr.Port())
	deadline := time.Now().Add(readyTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-s.proc.exited:
			s.proc = nil
			log := s.logSince(logMark)
			if strings.Contains(log, "Address already in use") || strings.Contains(log, "Cannot bind any address") {
				return fmt.Errorf("sshd on port %d: %w", s.Addr.Port(), errPortTaken)
			}
			return fmt.Errorf("sshd exited during startup")
		default:
		}
		if strings.Contains(s.logSince(logMark), listening) && bannerReady(s.Addr) {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("sshd not ready on %v after %v", s.Addr, readyTimeout)
}

func bannerReady(addr netip.AddrPort) bool {
	conn, err := net.DialTimeout("tcp", addr.String(), time.Second)
	if err != nil {
		return false
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	return err == nil && strings.HasPrefix(line, "SSH-2.0-")
}

// Stop kills sshd and its per-connection processes. Sessions' own processes
// (which sshd puts in new sessions, and daemons such as a detached
// mosh-server) are the caller's to end. Stop is idempotent; Start registers
// it with t.Cleanup.
func (s *Server) Stop() {
	p := s.proc
	if p == nil {
		return
	}
	s.proc = nil
	pgid := p.cmd.Process.Pid // Setpgid made sshd a group leader
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.exited
	}
}

// ChangeHostKey replaces the host key and restarts sshd on the same port,
// leaving KnownHostsPath with the old key: OpenSSH's client then refuses to
// connect ("REMOTE HOST IDENTIFICATION HAS CHANGED"). HostKeyFingerprint
// becomes the new key's.
func (s *Server) ChangeHostKey(t testing.TB) {
	t.Helper()
	s.Stop()
	for _, path := range []string{s.HostKeyPath, s.HostKeyPath + ".pub"} {
		if err := os.Remove(path); err != nil {
			t.Fatalf("sshdtest: %v", err)
		}
	}
	generateKey(t, s.HostKeyPath, "")
	s.HostKeyFingerprint = fingerprint(t, s.HostKeyPath+".pub")
	// sshd sets SO_REUSEADDR, so the port is free again at once unless
	// another process took it meanwhile.
	if err := s.start(t, s.Addr.Port()); err != nil {
		t.Fatalf("sshdtest: restarting sshd: %v\nsshd log:\n%s", err, s.Log())
	}
}

// Log returns sshd's log so far (LogLevel VERBOSE).
func (s *Server) Log() string {
	b, err := os.ReadFile(s.logPath)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	return string(b)
}

// logSince returns the log written after offset mark.
func (s *Server) logSince(mark int64) string {
	b, err := os.ReadFile(s.logPath)
	if err != nil || int64(len(b)) < mark {
		return ""
	}
	return string(b[mark:])
}

// SSHCommand returns OpenSSH's client set up to run args on the server:
// "ssh -F ConfigPath -o BatchMode=yes HostAlias args...", with LANG=C.UTF-8.
func (s *Server) SSHCommand(args ...string) *exec.Cmd {
	cmd := exec.Command("ssh", append([]string{"-F", s.ConfigPath, "-o", "BatchMode=yes", s.HostAlias}, args...)...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	return cmd
}
