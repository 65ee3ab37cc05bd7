//go:build linux

package tty_test

// End-to-end tests of "roam [options] host": roam --tty in tmux, against
// OpenSSH's sshd (package sshdtest), as root.

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/linktest"
	"github.com/roamterm/roam/server/bundle"
	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/server/sshdtest"
	"github.com/roamterm/roam/vt/vttest"
)

// remoteShell is the command the sessions run on the host: a bash whose
// prompt ("bash-5.2# ") is the same for every user.
var remoteShell = []string{"--", "/bin/bash", "--norc", "--noprofile"}

const shellPrompt = "bash-"

func requireRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("tty: the SSH end-to-end tests need root (sshd privilege separation, throwaway users); run them as root, as CI does")
	}
}

func randomHex(t testing.TB, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// sshHome makes a home directory for roam whose ~/.ssh/config is config,
// so that roam reads nothing of the real user's SSH setup and keeps its
// upload consents in the test's directory.
func sshHome(t testing.TB, config string) string {
	t.Helper()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".ssh", "config"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return home
}

// roamCommand is a shell command running roam with args (and env's
// arguments to env(1) before HOME=home: -u NAME, NAME=VALUE) in home, then printing its exit status and staying,
// so the pane keeps what roam printed last.
func roamCommand(home string, env []string, args ...string) string {
	q := servertest.ShellQuote
	words := []string{"env", "-u", "SSH_AUTH_SOCK", "-u", "XDG_CONFIG_HOME", "-u", "XDG_CACHE_HOME"}
	for _, e := range env {
		words = append(words, q(e))
	}
	words = append(words, "HOME="+q(home))
	words = append(words, q(filepath.Join(bin, "roam")), "--tty")
	for _, a := range args {
		words = append(words, q(a))
	}
	return fmt.Sprintf(`%s; echo "%s$? @@@"; exec sleep 86400`, strings.Join(words, " "), servertest.ExitStatusPrefix)
}

// startRoam runs roam in a new tmux pane.
func startRoam(t *testing.T, home string, env []string, args ...string) *vttest.Tmux {
	t.Helper()
	return vttest.StartTmux(t, vttest.TmuxOptions{Width: 80, Height: 24, Command: roamCommand(home, env, args...)})
}

func waitText(t *testing.T, tm *vttest.Tmux, text string, timeout time.Duration) string {
	t.Helper()
	screen, err := tm.WaitForText(text, timeout)
	if err != nil {
		t.Fatalf("waiting for %q: %v", text, err)
	}
	return screen
}

// useSession types a command into the live session and waits for its
// output, then ends the session and checks roam's clean exit. It returns
// the screen after the exit: the terminal's main screen, with what roam
// printed before the session.
func useSession(t *testing.T, tm *vttest.Tmux) string {
	t.Helper()
	waitText(t, tm, shellPrompt, 30*time.Second)
	send(t, tm, "echo roam-$((6*7))", "Enter")
	vttest.WaitLine(t, tm, "roam-42", 10*time.Second)
	send(t, tm, "exit", "Enter")
	return vttest.WaitLine(t, tm, servertest.ExitStatusLine(0), 15*time.Second)
}

// exitStatus waits for roam to exit and returns its status and the screen.
func exitStatus(t *testing.T, tm *vttest.Tmux, timeout time.Duration) (int, string) {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(servertest.ExitStatusPrefix) + `(\d+) @@@`)
	screen, err := tm.WaitFor(timeout, func(s string) bool { return re.MatchString(s) })
	if err != nil {
		t.Fatalf("roam did not exit: %v", err)
	}
	n, _ := strconv.Atoi(re.FindStringSubmatch(screen)[1])
	return n, screen
}

// oneLine joins the lines of an 80-column screen, so that text the
// terminal wrapped can be searched for: a full line continues on the next.
func oneLine(screen string) string {
	var b strings.Builder
	for _, l := range strings.Split(screen, "\n") {
		b.WriteString(strings.TrimRight(l, " "))
		if len([]rune(l)) < 80 {
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// roamOutput runs roam with args in home without a terminal and returns
// its standard output.
func roamOutput(t *testing.T, home string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, "roam"), args...)
	cmd.Env = append(os.Environ(), "HOME="+home, "SSH_AUTH_SOCK=", "XDG_CONFIG_HOME=", "XDG_CACHE_HOME=", "LANG=C.UTF-8")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		err = fmt.Errorf("%v: %s", err, stderr.String())
	}
	return string(out), err
}

// A host with mosh-server, reached by key: the real mosh-server runs the
// session, --list-sessions shows it and --kill-sessions ends it.
func TestSSHMoshServer(t *testing.T) {
	requireRoot(t)
	t.Parallel()
	s := sshdtest.Start(t, sshdtest.Options{})
	home := sshHome(t, s.ConfigPath)
	marker := "ROAMTEST=" + randomHex(t, 6)
	tm := startRoam(t, home, nil, s.HostAlias, "--", "env", marker, "/bin/bash", "--norc", "--noprofile")
	waitText(t, tm, shellPrompt, 30*time.Second)
	send(t, tm, "echo roam-$((6*7)); ps -o comm= -p $PPID", "Enter")
	vttest.WaitLine(t, tm, "roam-42", 10*time.Second)
	vttest.WaitLine(t, tm, "mosh-server", 10*time.Second)

	out, err := roamOutput(t, home, "--list-sessions", s.HostAlias)
	if err != nil {
		t.Fatalf("--list-sessions: %v\n%s", err, out)
	}
	var pid int
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 2 && strings.Contains(line, marker) && f[1] == "mosh" {
			pid, _ = strconv.Atoi(f[0])
		}
	}
	if pid <= 1 || !strings.HasPrefix(out, "PID") {
		t.Fatalf("--list-sessions does not list the session's mosh-server:\n%s", out)
	}
	out, err = roamOutput(t, home, "--kill-sessions", s.HostAlias, strconv.Itoa(pid))
	if err != nil || !strings.Contains(out, fmt.Sprintf("Ended server %d", pid)) {
		t.Fatalf("--kill-sessions: %v\n%s", err, out)
	}
	if err := servertest.WaitGone(pid, 10*time.Second); err != nil {
		t.Error(err)
	}
	// mosh-server ends the session when killed: roam exits cleanly.
	if status, screen := exitStatus(t, tm, 15*time.Second); status != 0 {
		t.Errorf("roam exited with %d after the server was ended:\n%s", status, screen)
	}
}

// A host without mosh-server: the bundled server is uploaded after the
// user agrees (password login, both answered on the terminal), and the
// second connect runs the cached copy without asking or uploading.
func TestSSHUploadsServer(t *testing.T) {
	requireRoot(t)
	t.Parallel()
	user := "roamtu" + randomHex(t, 3)
	password := randomHex(t, 8)
	sshdtest.AddUser(t, user, password)
	s := sshdtest.Start(t, sshdtest.Options{User: user, PasswordAuthentication: true, Hide: []string{"/usr/bin/mosh-server"}})
	home := sshHome(t, s.ConfigPath)
	args := append([]string{s.HostAlias}, remoteShell...)

	start := time.Now()
	tm := startRoam(t, home, nil, args...)
	waitText(t, tm, user+"@", 20*time.Second) // OpenSSH's "user@host's password: "
	send(t, tm, password, "Enter")
	screen := waitText(t, tm, "[y/N]", 20*time.Second)
	if !strings.Contains(screen, "has no mosh-server") {
		t.Errorf("upload question:\n%s", screen)
	}
	send(t, tm, "y", "Enter")
	waitText(t, tm, shellPrompt, 30*time.Second)
	t.Logf("first connect with upload: %v (including the typing)", time.Since(start).Round(time.Millisecond))
	useSession(t, tm)
	// With roam-server the session is drawn on the primary screen, which
	// pushed the progress line into the scrollback.
	screen, err := tm.CaptureHistory(false)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`uploading the server: (\d+\.\d) of (\d+\.\d) MB \(100%\)`).MatchString(screen) {
		t.Errorf("no finished progress line:\n%s", screen)
	}
	cached, _ := filepath.Glob(filepath.Join("/home", user, ".cache", "roam", testVersion, "roam-server*"))
	if len(cached) != 1 {
		t.Fatalf("cache holds %q, want one roam-server", cached)
	}

	tm = startRoam(t, home, nil, args...)
	waitText(t, tm, user+"@", 20*time.Second)
	send(t, tm, password, "Enter")
	waitText(t, tm, shellPrompt, 30*time.Second)
	screen = useSession(t, tm)
	if strings.Contains(screen, "[y/N]") || strings.Contains(screen, "uploading") {
		t.Errorf("second connect asked or uploaded again:\n%s", screen)
	}
	if again, _ := filepath.Glob(filepath.Join("/home", user, ".cache", "roam", testVersion, "roam-server*")); len(again) != 1 || again[0] != cached[0] {
		t.Errorf("cache after the second connect: %q", again)
	}
}

// An unknown host key is shown on the terminal; "always" writes it to
// known_hosts and the session starts.
func TestSSHUnknownHost(t *testing.T) {
	requireRoot(t)
	t.Parallel()
	s := sshdtest.Start(t, sshdtest.Options{})
	b, err := os.ReadFile(s.ConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	known := filepath.Join(t.TempDir(), "known_hosts")
	config := filepath.Join(t.TempDir(), "config")
	// The first value of a keyword wins: this file is read before the
	// harness's.
	os.WriteFile(config, []byte("Host *\n  UserKnownHostsFile "+known+"\n  StrictHostKeyChecking ask\n\n"+string(b)), 0o600)
	home := sshHome(t, config)

	tm := startRoam(t, home, nil, append([]string{s.HostAlias}, remoteShell...)...)
	screen := waitText(t, tm, "[o/a/n]", 20*time.Second)
	for _, want := range []string{"can't be established", "ED25519 key fingerprint is " + s.HostKeyFingerprint} {
		if !strings.Contains(oneLine(screen), want) {
			t.Errorf("question lacks %q:\n%s", want, screen)
		}
	}
	send(t, tm, "always", "Enter")
	useSession(t, tm)
	// Debian's /etc/ssh/ssh_config hashes known_hosts entries: ask
	// OpenSSH to find it.
	host := fmt.Sprintf("[127.0.0.1]:%d", s.Addr.Port())
	out, err := exec.Command("ssh-keygen", "-F", host, "-f", known).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ssh-ed25519") {
		t.Errorf("%s is not in known_hosts: %v\n%s", host, err, out)
	}
}

// A changed host key: the diagnosis, exit status 1, and nothing run.
func TestSSHHostKeyChanged(t *testing.T) {
	requireRoot(t)
	t.Parallel()
	s := sshdtest.Start(t, sshdtest.Options{})
	s.ChangeHostKey(t)
	ran := filepath.Join(t.TempDir(), "ran")
	tm := startRoam(t, sshHome(t, s.ConfigPath), nil, "--server=touch "+ran+"; mosh-server", s.HostAlias)
	status, screen := exitStatus(t, tm, 20*time.Second)
	text := oneLine(screen)
	if status != 1 || !strings.Contains(text, "roam: launch: the host key of") ||
		!strings.Contains(text, "has changed") || !strings.Contains(text, "ssh-keygen -R") {
		t.Errorf("exit status %d, screen:\n%s", status, screen)
	}
	if _, err := os.Stat(ran); err == nil {
		t.Errorf("a command ran on the host whose key changed")
	}
}

// UDP blocked: the server starts and hears the client, but its replies are
// dropped on the way back. roam names the port and the fix within 10 s.
//
// The server is mosh-server on a port chosen here, behind a relay that
// blackholes its replies; a --server wrapper makes it announce the relay's
// port, so the client sends there as it would to a firewalled server.
func TestSSHUDPBlocked(t *testing.T) {
	requireRoot(t)
	t.Parallel()
	s := sshdtest.Start(t, sshdtest.Options{})
	udp, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:0")))
	if err != nil {
		t.Fatal(err)
	}
	serverPort := udp.LocalAddr().(*net.UDPAddr).Port
	udp.Close()
	relay, err := linktest.NewRelay(netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(serverPort)), linktest.Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { relay.Close() })
	relay.Blackhole(linktest.ToClient)
	wrapper := filepath.Join(t.TempDir(), "server")
	script := fmt.Sprintf("#!/bin/sh\nmosh-server \"$@\" 2>&1 | sed -u 's/^MOSH CONNECT %d /MOSH CONNECT %d /'\n", serverPort, relay.Addr().Port())
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	tm := startRoam(t, sshHome(t, s.ConfigPath), nil, "--server="+wrapper, "-p", strconv.Itoa(serverPort), s.HostAlias)
	status, screen := exitStatus(t, tm, 10*time.Second)
	t.Logf("UDP-blocked diagnosis after %v", time.Since(start).Round(time.Millisecond))
	text := oneLine(screen)
	port := strconv.Itoa(int(relay.Addr().Port()))
	for _, want := range []string{"roam: launch: no reply from the server at UDP 127.0.0.1:" + port,
		"UDP port " + port, "-p PORT", "--kill-sessions"} {
		if !strings.Contains(text, want) {
			t.Errorf("diagnosis lacks %q", want)
		}
	}
	if status != 1 {
		t.Errorf("exit status %d, want 1", status)
	}
	if t.Failed() {
		t.Logf("screen:\n%s", screen)
	}
	if st := relay.Stats(); st.ToServer.Forwarded == 0 {
		t.Errorf("the client's datagrams never reached the server: %+v", st)
	}
	// The abandoned server is the test's to end.
	if m := regexp.MustCompile(`server \(pid (\d+)\)`).FindStringSubmatch(text); m != nil {
		pid, _ := strconv.Atoi(m[1])
		servertest.Kill(pid)
	}
}

// mosh's locale failure is retried with C.UTF-8, the user is told, and the
// session works.
func TestSSHLocaleRetry(t *testing.T) {
	requireRoot(t)
	t.Parallel()
	s := sshdtest.Start(t, sshdtest.Options{})
	picky := filepath.Join(t.TempDir(), "picky-server")
	script := `#!/bin/sh
case " $* " in
*" LC_ALL=C.UTF-8 "*) exec mosh-server "$@" ;;
*) echo "The locale requested by LANG=xx_YY.UTF-8 isn't available here."
   echo "mosh-server needs a UTF-8 native locale to run."; exit 1 ;;
esac
`
	if err := os.WriteFile(picky, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	tm := startRoam(t, sshHome(t, s.ConfigPath), []string{"-u", "LC_ALL", "-u", "LC_CTYPE", "LANG=xx_YY.UTF-8"},
		append([]string{"--server=" + picky, s.HostAlias}, remoteShell...)...)
	screen := useSession(t, tm)
	want := "roam: " + s.HostAlias + " has no UTF-8 locale for [LANG=xx_YY.UTF-8]; retrying with [LANG=C.UTF-8 LC_ALL=C.UTF-8]."
	if !strings.Contains(oneLine(screen), want) {
		t.Errorf("no notice %q:\n%s", want, screen)
	}
}

// --version names the platforms whose server this build carries: those
// `make bundle` left in server/bundle/dist when it was built (this test
// binary embeds the same files), or says there are none.
func TestVersionListsBundle(t *testing.T) {
	out, err := roamOutput(t, t.TempDir(), "--version")
	if err != nil {
		t.Fatal(err)
	}
	want := "no bundled servers in this build (run make build)"
	if platforms := bundle.Platforms(); len(platforms) > 0 {
		names := make([]string, len(platforms))
		for i, p := range platforms {
			names[i] = p.String()
		}
		want = "bundled roam-server for: " + strings.Join(names, ", ")
	}
	lines := strings.Split(out, "\n")
	if len(lines) < 3 || lines[0] != "roam "+testVersion || lines[1] != want ||
		!strings.HasPrefix(lines[2], "uploads instead: "+filepath.Join(bin, "roam-server")) {
		t.Errorf("--version printed\n%s\nwant roam %s, then %q, then the linked override", out, testVersion, want)
	}
}
