//go:build linux

package launch

// End-to-end tests against OpenSSH's sshd (package sshdtest), as root.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/roamterm/roam/server/bundle"
	"github.com/roamterm/roam/server/sshdtest"
)

const testTimeout = 60 * time.Second

func randomHex(t testing.TB, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// testLauncher reads only configPath, keeps consents in a temp dir, has no
// bundled servers and a version of its own, so that no cache on the host
// from earlier runs is found.
func testLauncher(t *testing.T, configPath string, ui Callbacks) *Launcher {
	t.Setenv("LANG", "C.UTF-8")
	return &Launcher{
		SSHConfigFiles: []string{configPath},
		ConfigDir:      t.TempDir(),
		Bundle:         []bundle.Server{},
		Version:        "test-" + randomHex(t, 6),
		UI:             ui,
	}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// connect runs Connect and registers the started server's end.
func connect(t *testing.T, l *Launcher, target Target) Result {
	t.Helper()
	res, err := l.Connect(testContext(t), target)
	if err != nil {
		var d Diagnosis
		if errors.As(err, &d) {
			t.Fatalf("Connect: %v\n%s", err, d.Help())
		}
		t.Fatalf("Connect: %v", err)
	}
	killLater(t, res.PID)
	return res
}

func killLater(t *testing.T, pid int) {
	if pid > 1 {
		t.Cleanup(func() { syscall.Kill(pid, syscall.SIGTERM) })
	}
}

// checkServing checks that res names a running server listening on its UDP
// port with the key it printed, as far as can be seen from outside: the
// process exists, it is the expected program, and the port is taken.
func checkServing(t *testing.T, res Result, wantProgram string) {
	t.Helper()
	if res.PID <= 1 {
		t.Fatalf("no server pid in result %+v", res)
	}
	cmdline, err := os.ReadFile(filepath.Join("/proc", itoa(res.PID), "cmdline"))
	if err != nil {
		t.Fatalf("server pid %d: %v", res.PID, err)
	}
	if argv0 := strings.SplitN(string(cmdline), "\x00", 2)[0]; !strings.Contains(filepath.Base(argv0), wantProgram) {
		t.Errorf("server pid %d runs %q, want %s", res.PID, argv0, wantProgram)
	}
	if res.Addr.Addr() != netip.MustParseAddr("127.0.0.1") || res.Addr.Port() == 0 {
		t.Errorf("UDP address %v, want 127.0.0.1:port", res.Addr)
	}
	l, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(res.Addr))
	if err == nil {
		l.Close()
		t.Errorf("UDP %v is free; the server is not listening there", res.Addr)
	}
	if res.Key.Printable() == "AAAAAAAAAAAAAAAAAAAAAA" {
		t.Errorf("zero key")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func requireRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("launch: end-to-end tests need root (sshd privilege separation, throwaway users); run them as root, as CI does")
	}
}

func TestConnectKeyAuthMoshServer(t *testing.T) {
	requireRoot(t)
	s := sshdtest.Start(t, sshdtest.Options{})
	var outputs []string
	l := testLauncher(t, s.ConfigPath, Callbacks{Output: func(line string) { outputs = append(outputs, line) }})
	res := connect(t, l, Target{Host: s.HostAlias})
	if res.Roam || !strings.HasSuffix(res.Server, "/mosh-server") || res.Uploaded {
		t.Errorf("result %+v, want mosh-server used without upload", res)
	}
	checkServing(t, res, "mosh-server")
	if !strings.Contains(strings.Join(outputs, "\n"), "mosh-server detached") {
		t.Errorf("server banner not passed on: %q", outputs)
	}
	for _, line := range outputs {
		if strings.Contains(line, res.Key.Printable()) {
			t.Errorf("key in output line %q", line)
		}
	}

	// Detached sessions: the server just started is listed and can be ended.
	ctx := testContext(t)
	procs, err := l.Sessions(ctx, Target{Host: s.HostAlias})
	if err != nil {
		t.Fatal(err)
	}
	var found *ServerProcess
	for i := range procs {
		if procs[i].PID == res.PID {
			found = &procs[i]
		}
	}
	if found == nil || found.Roam || !strings.Contains(found.Command, "mosh-server") || found.Started == "" {
		t.Fatalf("Sessions = %+v, want pid %d as a mosh-server", procs, res.PID)
	}
	killed, err := l.Kill(ctx, Target{Host: s.HostAlias}, []int{res.PID})
	if err != nil || len(killed) != 1 || killed[0] != res.PID {
		t.Fatalf("Kill = %v, %v", killed, err)
	}
	waitGone(t, res.PID)
}

func waitGone(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if stat, err := os.ReadFile(filepath.Join("/proc", itoa(pid), "stat")); err != nil || strings.Contains(string(stat), ") Z ") {
			return
		}
	}
	t.Errorf("pid %d still running", pid)
}

// writeConfig writes an ssh_config reaching s with the given lines instead
// of the harness's IdentityFile and agent settings. The lines come first,
// so they win over the defaults that follow.
func writeConfig(t *testing.T, s *sshdtest.Server, alias string, lines ...string) string {
	t.Helper()
	config := strings.Join(append(append([]string{"Host " + alias}, lines...),
		"  HostName "+s.Addr.Addr().String(),
		"  Port "+itoa(int(s.Addr.Port())),
		"  User "+s.User,
		"  UserKnownHostsFile "+s.KnownHostsPath,
		"  GlobalKnownHostsFile none",
	), "\n") + "\n"
	path := filepath.Join(t.TempDir(), "ssh_config")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestConnectAgentAuth(t *testing.T) {
	requireRoot(t)
	s := sshdtest.Start(t, sshdtest.Options{})
	sock := filepath.Join(t.TempDir(), "agent.sock")
	agentCmd := exec.Command("ssh-agent", "-D", "-a", sock)
	if err := agentCmd.Start(); err != nil {
		t.Fatalf("ssh-agent: %v (install openssh-client)", err)
	}
	t.Cleanup(func() { agentCmd.Process.Kill(); agentCmd.Wait() })
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("ssh-agent socket never appeared")
		}
	}
	add := exec.Command("ssh-add", s.UserKeyPath)
	add.Env = append(os.Environ(), "SSH_AUTH_SOCK="+sock)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v\n%s", err, out)
	}
	// The key is reachable only through the agent.
	config := writeConfig(t, s, "agenthost", "  IdentityAgent "+sock, "  IdentityFile /nonexistent/key")
	l := testLauncher(t, config, Callbacks{})
	res := connect(t, l, Target{Host: "agenthost"})
	checkServing(t, res, "mosh-server")
	if !strings.Contains(s.Log(), "Accepted publickey for "+s.User) {
		t.Errorf("sshd log shows no public-key login:\n%s", s.Log())
	}
}

func TestConnectPasswordAuth(t *testing.T) {
	requireRoot(t)
	user := "roamlp" + randomHex(t, 3)
	sshdtest.AddUser(t, user, "s3cret pass")
	s := sshdtest.Start(t, sshdtest.Options{User: user, PasswordAuthentication: true})
	config := writeConfig(t, s, "pwhost", "  IdentityAgent none", "  IdentitiesOnly yes", "  IdentityFile /nonexistent/key")

	var asked []PasswordQuestion
	l := testLauncher(t, config, Callbacks{Password: func(_ context.Context, q PasswordQuestion) (string, error) {
		asked = append(asked, q)
		if q.Attempt == 1 {
			return "wrong", nil
		}
		return "s3cret pass", nil
	}})
	res := connect(t, l, Target{Host: "pwhost"})
	checkServing(t, res, "mosh-server")
	if len(asked) != 2 || asked[0].User != user {
		t.Errorf("password questions %+v, want two for %s", asked, user)
	}

	l.UI.Password = func(context.Context, PasswordQuestion) (string, error) { return "wrong", nil }
	_, err := l.Connect(testContext(t), Target{Host: "pwhost"})
	var authErr *AuthFailedError
	if !errors.As(err, &authErr) {
		t.Fatalf("wrong password: error %v, want *AuthFailedError", err)
	}
	if strings.Join(authErr.Tried, ",") != "publickey,password" || !strings.Contains(authErr.Help(), "password") {
		t.Errorf("AuthFailedError tried %v; help %q", authErr.Tried, authErr.Help())
	}
}

func TestConnectPassphraseKey(t *testing.T) {
	requireRoot(t)
	s := sshdtest.Start(t, sshdtest.Options{KeyPassphrase: "open sesame"})
	config := writeConfig(t, s, "pphost", "  IdentityAgent none", "  IdentitiesOnly yes", "  IdentityFile "+s.PassphraseKeyPath)
	var asked []PassphraseQuestion
	l := testLauncher(t, config, Callbacks{Passphrase: func(_ context.Context, q PassphraseQuestion) (string, error) {
		asked = append(asked, q)
		if q.Attempt == 1 {
			return "wrong", nil
		}
		return "open sesame", nil
	}})
	res := connect(t, l, Target{Host: "pphost"})
	checkServing(t, res, "mosh-server")
	if len(asked) != 2 || asked[0].KeyPath != s.PassphraseKeyPath {
		t.Errorf("passphrase questions %+v", asked)
	}
}

func TestConnectUnknownHost(t *testing.T) {
	requireRoot(t)
	s := sshdtest.Start(t, sshdtest.Options{})
	known := filepath.Join(t.TempDir(), "ssh", "known_hosts") // directory does not exist yet
	config := writeConfig(t, s, "newhost", "  IdentityFile "+s.UserKeyPath, "  IdentityAgent none",
		"  UserKnownHostsFile "+known)

	// Rejected: nothing is remembered.
	var asked []UnknownHostQuestion
	ask := func(d HostKeyDecision) func(context.Context, UnknownHostQuestion) (HostKeyDecision, error) {
		return func(_ context.Context, q UnknownHostQuestion) (HostKeyDecision, error) {
			asked = append(asked, q)
			return d, nil
		}
	}
	l := testLauncher(t, config, Callbacks{UnknownHost: ask(RejectHostKey)})
	_, err := l.Connect(testContext(t), Target{Host: "newhost"})
	var unknown *HostKeyUnknownError
	if !errors.As(err, &unknown) || unknown.Fingerprint != s.HostKeyFingerprint {
		t.Fatalf("rejected key: error %v, want *HostKeyUnknownError for %s", err, s.HostKeyFingerprint)
	}
	if _, err := os.Stat(known); err == nil {
		t.Errorf("known_hosts written after a rejection")
	}

	// Accepted permanently: written, and not asked again.
	l.UI.UnknownHost = ask(AcceptHostKeyAlways)
	res := connect(t, l, Target{Host: "newhost"})
	checkServing(t, res, "mosh-server")
	if len(asked) != 2 {
		t.Fatalf("asked %d times, want 2", len(asked))
	}
	q := asked[1]
	wantHost := "[127.0.0.1]:" + itoa(int(s.Addr.Port()))
	if q.Fingerprint != s.HostKeyFingerprint || q.KeyType != "ssh-ed25519" || q.Host != wantHost || q.KnownHosts != known {
		t.Errorf("question %+v, want %s %s written to %s", q, wantHost, s.HostKeyFingerprint, known)
	}
	b, err := os.ReadFile(known)
	if err != nil || !strings.HasPrefix(string(b), wantHost+" ssh-ed25519 ") {
		t.Errorf("known_hosts = %q, %v", b, err)
	}
	if st, err := os.Stat(known); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("known_hosts mode %v, %v; want 0600", st.Mode(), err)
	}
	l.UI.UnknownHost = nil
	connect(t, l, Target{Host: "newhost"})

	// StrictHostKeyChecking yes: refused without asking.
	strict := writeConfig(t, s, "newhost", "  IdentityFile "+s.UserKeyPath, "  IdentityAgent none",
		"  UserKnownHostsFile "+filepath.Join(t.TempDir(), "none"), "  StrictHostKeyChecking yes")
	l = testLauncher(t, strict, Callbacks{UnknownHost: ask(AcceptHostKeyAlways)})
	_, err = l.Connect(testContext(t), Target{Host: "newhost"})
	if !errors.As(err, &unknown) || !unknown.Strict || len(asked) != 2 {
		t.Errorf("strict: error %v, asked %d times", err, len(asked))
	}
}

func TestConnectHashedKnownHosts(t *testing.T) {
	requireRoot(t)
	s := sshdtest.Start(t, sshdtest.Options{})
	known := filepath.Join(t.TempDir(), "known_hosts")
	if out, err := exec.Command("cp", s.KnownHostsPath, known).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	if out, err := exec.Command("ssh-keygen", "-H", "-f", known).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen -H: %v %s", err, out)
	}
	if b, _ := os.ReadFile(known); !strings.HasPrefix(string(b), "|1|") {
		t.Fatalf("known_hosts not hashed: %q", b)
	}
	config := writeConfig(t, s, "hashed", "  IdentityFile "+s.UserKeyPath, "  IdentityAgent none", "  UserKnownHostsFile "+known)
	l := testLauncher(t, config, Callbacks{UnknownHost: func(context.Context, UnknownHostQuestion) (HostKeyDecision, error) {
		t.Error("asked about a host listed (hashed) in known_hosts")
		return RejectHostKey, nil
	}})
	connect(t, l, Target{Host: "hashed"})
}

func TestConnectHostKeyChanged(t *testing.T) {
	requireRoot(t)
	s := sshdtest.Start(t, sshdtest.Options{})
	s.ChangeHostKey(t)
	marker := filepath.Join(t.TempDir(), "ran")
	l := testLauncher(t, s.ConfigPath, Callbacks{UnknownHost: func(context.Context, UnknownHostQuestion) (HostKeyDecision, error) {
		t.Error("a changed key was offered for acceptance")
		return AcceptHostKeyAlways, nil
	}})
	_, err := l.Connect(testContext(t), Target{Host: s.HostAlias, Server: "touch " + marker + "; mosh-server"})
	var changed *HostKeyChangedError
	if !errors.As(err, &changed) {
		t.Fatalf("error %v, want *HostKeyChangedError", err)
	}
	if changed.Fingerprint != s.HostKeyFingerprint || len(changed.Known) != 1 || changed.Err == nil ||
		!strings.Contains(changed.Help(), "ssh-keygen -R") {
		t.Errorf("HostKeyChangedError %+v\n%s", changed, changed.Help())
	}
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("a command ran on a host whose key changed")
	}
	if strings.Contains(s.Log(), "Accepted") {
		t.Errorf("credentials were accepted by a host whose key changed:\n%s", s.Log())
	}
}

func TestConnectProxyJump(t *testing.T) {
	requireRoot(t)
	jump := sshdtest.Start(t, sshdtest.Options{HostAlias: "jump"})
	target := sshdtest.Start(t, sshdtest.Options{HostAlias: "target"})
	config := sshdtest.ProxyJumpConfig(t, jump, target)
	l := testLauncher(t, config, Callbacks{})
	res := connect(t, l, Target{Host: "target"})
	checkServing(t, res, "mosh-server")
	if !strings.Contains(jump.Log(), "Accepted publickey") || !strings.Contains(target.Log(), "Accepted publickey") {
		t.Errorf("both hosts should show a login\njump:\n%s\ntarget:\n%s", jump.Log(), target.Log())
	}

	// The same through a ProxyCommand: OpenSSH's ssh -W via the jump host.
	proxied := writeConfig(t, target, "proxied", "  IdentityFile "+target.UserKeyPath, "  IdentityAgent none",
		"  ProxyCommand ssh -F "+jump.ConfigPath+" -o BatchMode=yes -W %h:%p "+jump.HostAlias)
	res = connect(t, testLauncher(t, proxied, Callbacks{}), Target{Host: "proxied"})
	checkServing(t, res, "mosh-server")

	// The remote-ip modes agree on loopback.
	for _, mode := range []RemoteIP{RemoteIPRemote, RemoteIPLocal} {
		res := connect(t, l, Target{Host: "target", RemoteIP: mode})
		if res.Addr.Addr() != netip.MustParseAddr("127.0.0.1") {
			t.Errorf("remote-ip %s: address %v", mode, res.Addr)
		}
	}
}

func TestConnectLocaleRetry(t *testing.T) {
	requireRoot(t)
	s := sshdtest.Start(t, sshdtest.Options{})
	fake := filepath.Join(t.TempDir(), "fake-server")
	script := `#!/bin/sh
case " $* " in
*" LC_ALL=C.UTF-8 "*) printf '\r\n\nMOSH CONNECT 60123 AAAAAAAAAAAAAAAAAAAAAA\r\n' ;;
*) echo "The locale requested by LANG=xx_YY.UTF-8 isn't available here."
   echo "mosh-server needs a UTF-8 native locale to run."; exit 1 ;;
esac
`
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	var notices []string
	l := testLauncher(t, s.ConfigPath, Callbacks{Notice: func(m string) { notices = append(notices, m) }})
	res, err := l.Connect(testContext(t), Target{Host: s.HostAlias, Server: fake, Locale: []string{"LANG=xx_YY.UTF-8"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Addr.Port() != 60123 || len(notices) != 1 || !strings.Contains(notices[0], "C.UTF-8") {
		t.Errorf("result %v, notices %q", res.Addr, notices)
	}

	// A server that never accepts a locale: LocaleError, with its output.
	never := filepath.Join(t.TempDir(), "never")
	os.WriteFile(never, []byte("#!/bin/sh\necho 'mosh-server needs a UTF-8 native locale to run.'\nexit 1\n"), 0o755)
	_, err = l.Connect(testContext(t), Target{Host: s.HostAlias, Server: never})
	var le *LocaleError
	if !errors.As(err, &le) || !strings.Contains(le.Output, "native locale") {
		t.Errorf("error %v, want *LocaleError with the output", err)
	}
}

func TestConnectServerFailures(t *testing.T) {
	requireRoot(t)
	s := sshdtest.Start(t, sshdtest.Options{})
	l := testLauncher(t, s.ConfigPath, Callbacks{})

	failing := filepath.Join(t.TempDir(), "failing")
	os.WriteFile(failing, []byte("#!/bin/sh\necho 'bind: no free port' >&2\nexit 3\n"), 0o755)
	_, err := l.Connect(testContext(t), Target{Host: s.HostAlias, Server: failing})
	var exited *ServerExitedError
	if !errors.As(err, &exited) || exited.ExitStatus != 3 || !strings.Contains(exited.Output, "bind: no free port") {
		t.Errorf("error %v, want *ServerExitedError with status 3 and the stderr", err)
	}

	_, err = l.Connect(testContext(t), Target{Host: s.HostAlias, Server: "/nonexistent/mosh-server"})
	var nf *ServerNotFoundError
	if !errors.As(err, &nf) || nf.Override != "/nonexistent/mosh-server" {
		t.Errorf("error %v, want *ServerNotFoundError for the override", err)
	}

	// Nothing listens on a closed port.
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	port := closed.Addr().(*net.TCPAddr).Port
	closed.Close()
	_, err = l.Connect(testContext(t), Target{Host: "127.0.0.1", Port: port})
	var unreachable *HostUnreachableError
	if !errors.As(err, &unreachable) {
		t.Errorf("closed port: error %v, want *HostUnreachableError", err)
	}
}

// roamServerForTest builds roam-server for this machine once per test run.
var roamServerBuild struct {
	once sync.Once
	bin  []byte
	err  error
}

func roamServerBundle(t *testing.T) []bundle.Server {
	t.Helper()
	roamServerBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "roam-server-build")
		if err != nil {
			roamServerBuild.err = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "roam-server")
		cmd := exec.Command("go", "build", "-trimpath", "-o", out, "github.com/roamterm/roam/server/cmd/roam-server")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
		if msg, err := cmd.CombinedOutput(); err != nil {
			roamServerBuild.err = errors.New(err.Error() + "\n" + string(msg))
			return
		}
		roamServerBuild.bin, roamServerBuild.err = os.ReadFile(out)
	})
	if roamServerBuild.err != nil {
		t.Fatalf("building roam-server: %v", roamServerBuild.err)
	}
	return []bundle.Server{bundle.FromBytes(bundle.Platform{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH}, roamServerBuild.bin)}
}

// hostWithoutMosh starts sshd where mosh-server does not exist, for a
// fresh throwaway user (so the cache starts empty), and returns its home and
// the callback that answers its password. (The user logs in by password:
// sshd cannot read the harness's authorized_keys, which lies in root's
// 0700 test directory, as that user.)
func hostWithoutMosh(t *testing.T) (*sshdtest.Server, string, func(context.Context, PasswordQuestion) (string, error)) {
	user := "roamlu" + randomHex(t, 3)
	password := randomHex(t, 8)
	sshdtest.AddUser(t, user, password)
	s := sshdtest.Start(t, sshdtest.Options{User: user, PasswordAuthentication: true, Hide: []string{"/usr/bin/mosh-server"}})
	return s, filepath.Join("/home", user), func(context.Context, PasswordQuestion) (string, error) { return password, nil }
}

func TestConnectUploadsBundledServer(t *testing.T) {
	requireRoot(t)
	s, home, password := hostWithoutMosh(t)
	servers := roamServerBundle(t)
	var consents []UploadQuestion
	var progress [][2]int64
	var notices []string
	l := testLauncher(t, s.ConfigPath, Callbacks{
		UploadConsent: func(_ context.Context, q UploadQuestion) (bool, error) {
			consents = append(consents, q)
			return true, nil
		},
		Progress: func(sent, total int64) { progress = append(progress, [2]int64{sent, total}) },
		Notice:   func(m string) { notices = append(notices, m) },
		Password: password,
	})
	l.Bundle = servers
	cached := filepath.Join(home, ".cache", "roam", l.version(), cacheEntry(servers[0]).name)

	// No server, bundle empty: a clear error, nothing asked.
	l.Bundle = []bundle.Server{}
	_, err := l.Connect(testContext(t), Target{Host: s.HostAlias})
	var nf *ServerNotFoundError
	var nb *bundle.NotBundledError
	if !errors.As(err, &nf) || !errors.As(nf.Bundle, &nb) || len(consents) != 0 {
		t.Fatalf("without bundle: error %v, consents %d", err, len(consents))
	}
	l.Bundle = servers

	// First connect uploads, after consent.
	start := time.Now()
	res := connect(t, l, Target{Host: s.HostAlias})
	t.Logf("first connect with upload: %.1f MB in %v", float64(servers[0].Size)/1e6, time.Since(start).Round(time.Millisecond))
	if !res.Uploaded || !res.Roam || res.Server != cached {
		t.Errorf("first connect: %+v, want an upload to %s", res, cached)
	}
	checkServing(t, res, "roam-server")
	if len(consents) != 1 || consents[0].Platform != runtime.GOOS+"/"+runtime.GOARCH || consents[0].Size != servers[0].Size {
		t.Errorf("consent questions %+v", consents)
	}
	if len(progress) == 0 || progress[len(progress)-1] != [2]int64{servers[0].Size, servers[0].Size} {
		t.Errorf("progress ended at %v, want %d of %d", progress[len(progress)-1:], servers[0].Size, servers[0].Size)
	}
	st, err := os.Stat(cached)
	if err != nil || st.Mode().Perm() != 0o700 || st.Size() != servers[0].Size {
		t.Fatalf("cached server: %v, %v", st, err)
	}

	// Second connect: the cache is used, nothing uploaded or asked.
	progress = nil
	start = time.Now()
	res = connect(t, l, Target{Host: s.HostAlias})
	t.Logf("connect with cached server: %v", time.Since(start).Round(time.Millisecond))
	if res.Uploaded || res.Server != cached || len(progress) != 0 || len(consents) != 1 {
		t.Errorf("second connect: %+v, %d progress reports, %d consents", res, len(progress), len(consents))
	}
	checkServing(t, res, "roam-server")

	// A damaged cached server is noticed and replaced, without asking
	// again. (The running servers keep the old file busy, so the damaged
	// copy is renamed over it.)
	damaged := cached + ".damaged"
	if err := os.WriteFile(damaged, []byte("#!/bin/sh\necho hijacked\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(damaged, cached); err != nil {
		t.Fatal(err)
	}
	notices = nil
	res = connect(t, l, Target{Host: s.HostAlias})
	if !res.Uploaded || len(consents) != 1 || !strings.Contains(strings.Join(notices, "\n"), "damaged") {
		t.Errorf("after damage: %+v, consents %d, notices %q", res, len(consents), notices)
	}
	checkServing(t, res, "roam-server")
	if b, _ := os.ReadFile(cached); int64(len(b)) != servers[0].Size {
		t.Errorf("cached server not replaced (%d bytes)", len(b))
	}
	if err := exec.Command("pgrep", "-f", "hijacked").Run(); err == nil {
		t.Errorf("the damaged server ran")
	}
}

func TestConnectUploadConcurrent(t *testing.T) {
	requireRoot(t)
	s, home, password := hostWithoutMosh(t)
	servers := roamServerBundle(t)
	l := testLauncher(t, s.ConfigPath, Callbacks{
		UploadConsent: func(context.Context, UploadQuestion) (bool, error) { return true, nil },
		Password:      password,
	})
	l.Bundle = servers
	const n = 3
	var wg sync.WaitGroup
	results := make([]Result, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = l.Connect(testContext(t), Target{Host: s.HostAlias})
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("connect %d: %v", i, errs[i])
			continue
		}
		killLater(t, results[i].PID)
		checkServing(t, results[i], "roam-server")
	}
	dir := filepath.Join(home, ".cache", "roam", l.version())
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != cacheEntry(servers[0]).name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("cache holds %q, want only the server (no temp files)", names)
	}
}

func TestConnectUploadDeclined(t *testing.T) {
	requireRoot(t)
	s, _, password := hostWithoutMosh(t)
	l := testLauncher(t, s.ConfigPath, Callbacks{
		UploadConsent: func(context.Context, UploadQuestion) (bool, error) { return false, nil },
		Password:      password,
	})
	l.Bundle = []bundle.Server{bundle.FromBytes(bundle.Platform{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH}, []byte("not used"))}
	_, err := l.Connect(testContext(t), Target{Host: s.HostAlias})
	var nf *ServerNotFoundError
	if !errors.As(err, &nf) || !nf.Declined || !strings.Contains(nf.Help(), "install") && !strings.Contains(nf.Help(), "Install") {
		t.Errorf("error %v, want a declined *ServerNotFoundError", err)
	}
	// Unsupported platforms: the mapping is tested in TestPlatformFor; here
	// only that a foreign bundle is not uploaded.
	l.UI.UploadConsent = func(context.Context, UploadQuestion) (bool, error) { return true, nil }
	l.Bundle = []bundle.Server{bundle.FromBytes(bundle.Platform{GOOS: "plan9", GOARCH: "mips"}, []byte("x"))}
	_, err = l.Connect(testContext(t), Target{Host: s.HostAlias})
	var nb *bundle.NotBundledError
	if !errors.As(err, &nf) || !errors.As(nf.Bundle, &nb) {
		t.Errorf("error %v, want *ServerNotFoundError naming the missing platform", err)
	}
}

// BenchmarkConnectMoshServer times Connect to a host with mosh-server,
// against OpenSSH running mosh-server the way mosh.pl does (ssh -tt, one
// command), on the same sshd.
func BenchmarkConnectMoshServer(b *testing.B) {
	if os.Geteuid() != 0 {
		b.Fatal("launch: needs root")
	}
	s := sshdtest.Start(b, sshdtest.Options{})
	l := &Launcher{SSHConfigFiles: []string{s.ConfigPath}, ConfigDir: b.TempDir(), Bundle: []bundle.Server{}, Version: "bench"}
	b.Run("roam", func(b *testing.B) {
		for b.Loop() {
			res, err := l.Connect(context.Background(), Target{Host: s.HostAlias, Locale: []string{"LANG=C.UTF-8"}})
			if err != nil {
				b.Fatal(err)
			}
			syscall.Kill(res.PID, syscall.SIGTERM)
		}
	})
	b.Run("openssh", func(b *testing.B) {
		for b.Loop() {
			out, err := s.SSHCommand("-tt", "mosh-server 'new' '-c' '256' '-s' '-l' 'LANG=C.UTF-8'").CombinedOutput()
			if err != nil || !strings.Contains(string(out), "MOSH CONNECT") {
				b.Fatalf("%v\n%s", err, out)
			}
			if m := detachedLine.FindStringSubmatch(lastLineWith(string(out), "detached")); m != nil {
				pid, _ := strconv.Atoi(m[1])
				syscall.Kill(pid, syscall.SIGTERM)
			}
		}
	})
}

func lastLineWith(out, word string) string {
	lines := strings.Split(strings.ReplaceAll(out, "\r", ""), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], word) {
			return lines[i]
		}
	}
	return ""
}
