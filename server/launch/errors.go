package launch

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"golang.org/x/crypto/ssh/knownhosts"
)

// Diagnosis is implemented by every error of this package that a user can
// act on. Error is a one-line summary; Help is a paragraph that explains
// the cause and names the fix, for a dialog or the terminal.
type Diagnosis interface {
	error
	Help() string
}

// HostUnreachableError: no TCP connection (or proxy) to the SSH server.
type HostUnreachableError struct {
	Host string // host:port as dialled, or the ProxyCommand
	Err  error
}

func (e *HostUnreachableError) Error() string {
	return fmt.Sprintf("launch: cannot reach %s: %v", e.Host, e.Err)
}
func (e *HostUnreachableError) Unwrap() error { return e.Err }
func (e *HostUnreachableError) Help() string {
	return fmt.Sprintf("Roam could not open an SSH connection to %s (%v). Check the host name "+
		"and port (ssh_config's HostName and Port, or --ssh-port), that the host is up and "+
		"its SSH server running, and that no firewall or VPN blocks TCP to it; "+
		"`ssh %s` from a terminal should work first.", e.Host, e.Err, e.Host)
}

// AuthFailedError: the SSH server accepted none of the credentials.
type AuthFailedError struct {
	User, Host string
	// Tried lists the methods offered, in order: "publickey",
	// "keyboard-interactive", "password".
	Tried []string
	// Keys says how many public keys were offered (agent and files).
	Keys int
	Err  error
}

func (e *AuthFailedError) Error() string {
	tried := "no methods"
	if len(e.Tried) > 0 {
		tried = strings.Join(e.Tried, ", ")
	}
	return fmt.Sprintf("launch: authentication as %s on %s failed (tried %s)", e.User, e.Host, tried)
}
func (e *AuthFailedError) Unwrap() error { return e.Err }
func (e *AuthFailedError) Help() string {
	return fmt.Sprintf("The SSH server on %s did not accept any way Roam tried to log in as %q "+
		"(tried: %s; %d public keys offered). Check the user name (user@host or ssh_config's "+
		"User), that your key is in ~/.ssh/authorized_keys on the host and loaded in your agent "+
		"(ssh-add -l) or named by IdentityFile, or that the password is right. The server "+
		"reported: %v.", e.Host, e.User, strings.Join(e.Tried, ", "), e.Keys, e.Err)
}

// HostKeyChangedError: the host presented a key that differs from the one
// known_hosts lists. Nothing was sent to the host, not even credentials.
type HostKeyChangedError struct {
	Host        string // as known_hosts names it
	KeyType     string
	Fingerprint string   // the key the host presented now
	Known       []string // "file:line" of the entries it contradicts
	Err         *knownhosts.KeyError
}

func (e *HostKeyChangedError) Error() string {
	return fmt.Sprintf("launch: the host key of %s has changed (now %s %s); refusing to connect",
		e.Host, e.KeyType, e.Fingerprint)
}
func (e *HostKeyChangedError) Unwrap() error { return e.Err }
func (e *HostKeyChangedError) Help() string {
	return fmt.Sprintf("WARNING: the host key of %s is not the one recorded in %s. Someone may be "+
		"intercepting the connection (a man-in-the-middle attack), or the host was reinstalled "+
		"or its key replaced. Roam sent nothing and ran nothing. Ask the host's administrator "+
		"for its key fingerprint; only if it is %s, remove the old entry with "+
		"`ssh-keygen -R %s` and connect again.",
		e.Host, strings.Join(e.Known, ", "), e.Fingerprint, e.Host)
}

// HostKeyUnknownError: the host's key is in no known_hosts file and the
// user (or StrictHostKeyChecking yes) did not accept it.
type HostKeyUnknownError struct {
	Host, KeyType, Fingerprint string
	// Strict says StrictHostKeyChecking forbade asking.
	Strict bool
}

func (e *HostKeyUnknownError) Error() string {
	return fmt.Sprintf("launch: host key of %s (%s %s) is not trusted", e.Host, e.KeyType, e.Fingerprint)
}
func (e *HostKeyUnknownError) Help() string {
	why := "The host key was not accepted."
	if e.Strict {
		why = "StrictHostKeyChecking is yes in your ssh_config, so Roam may not ask."
	}
	return fmt.Sprintf("Roam does not know the host key of %s (%s %s) and will not connect to a "+
		"host it cannot recognise. %s Compare the fingerprint with the one the host's "+
		"administrator gives you (`ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` on the host), then "+
		"accept it, or add it with `ssh %s` once.", e.Host, e.KeyType, e.Fingerprint, why, e.Host)
}

// ServerNotFoundError: the host has no usable server and none was uploaded.
type ServerNotFoundError struct {
	Host string
	// Override is Target.Server, if it was given and did not run.
	Override string
	// Declined says the user refused the upload.
	Declined bool
	// Bundle says why no bundled server could be uploaded instead, if so.
	Bundle error
}

func (e *ServerNotFoundError) Error() string {
	switch {
	case e.Override != "":
		return fmt.Sprintf("launch: server %q not found on %s", e.Override, e.Host)
	case e.Declined:
		return fmt.Sprintf("launch: no mosh-server or roam-server on %s, and upload declined", e.Host)
	}
	return fmt.Sprintf("launch: no mosh-server or roam-server on %s: %v", e.Host, e.Bundle)
}
func (e *ServerNotFoundError) Help() string {
	switch {
	case e.Override != "":
		return fmt.Sprintf("The server command given with --server, %q, did not run on %s. Check "+
			"the path (it is run by your login shell there), or leave --server out to let Roam "+
			"find mosh-server or upload its own server.", e.Override, e.Host)
	case e.Declined:
		return fmt.Sprintf("%s has neither mosh-server nor a cached roam-server, and you chose not "+
			"to let Roam copy its server there. Install mosh on the host (for example "+
			"`sudo apt install mosh`), or connect again and allow the upload: Roam puts one "+
			"small static binary in ~/.cache/roam and nothing else.", e.Host)
	}
	return fmt.Sprintf("%s has neither mosh-server nor a cached roam-server, and this build of "+
		"Roam cannot upload one (%v). Install mosh on the host, or use a Roam build made with "+
		"`make build`, which bundles servers for Linux, macOS and FreeBSD.", e.Host, e.Bundle)
}

// UnsupportedPlatformError: the host runs a system Roam has no server for.
type UnsupportedPlatformError struct {
	Host string
	// System and Machine are the host's `uname -s` and `uname -m`.
	System, Machine string
}

func (e *UnsupportedPlatformError) Error() string {
	return fmt.Sprintf("launch: no Roam server for %s %s (on %s)", e.System, e.Machine, e.Host)
}
func (e *UnsupportedPlatformError) Help() string {
	return fmt.Sprintf("%s runs %s on %s, for which Roam has no server to upload (it bundles "+
		"Linux amd64/arm64/arm/386, macOS amd64/arm64 and FreeBSD amd64), and no mosh-server "+
		"was found there. Install mosh from the system's packages; Roam works with "+
		"mosh-server 1.4.", e.Host, e.System, e.Machine)
}

// LocaleError: the server refused to start for want of a UTF-8 locale,
// even with the C.UTF-8 fallback.
type LocaleError struct {
	Host   string
	Output string
}

func (e *LocaleError) Error() string {
	return fmt.Sprintf("launch: the server on %s found no UTF-8 locale", e.Host)
}
func (e *LocaleError) Help() string {
	return fmt.Sprintf("The server on %s needs a UTF-8 locale and found none, even with "+
		"LANG=C.UTF-8 and LC_ALL=C.UTF-8. Generate one on the host (Debian/Ubuntu: "+
		"`sudo locale-gen en_US.UTF-8`, or install the locales package), or set LANG to a UTF-8 "+
		"locale the host has. The server said:\n%s", e.Host, e.Output)
}

// ServerExitedError: the server ended without printing MOSH CONNECT.
type ServerExitedError struct {
	Host, Server string
	// ExitStatus is the remote command's status, or -1 if unknown.
	ExitStatus int
	// Output is the last of what the server and the login shell printed.
	Output string
}

func (e *ServerExitedError) Error() string {
	return fmt.Sprintf("launch: %s on %s exited (status %d) without starting a session", e.Server, e.Host, e.ExitStatus)
}
func (e *ServerExitedError) Help() string {
	return fmt.Sprintf("The server (%s) on %s stopped before it printed its MOSH CONNECT line, so "+
		"there is no session to join. Its output is below; common causes are a login script that "+
		"exits or reads input, no free UDP port in the requested range (-p), or a broken "+
		"installation.\n%s", e.Server, e.Host, e.Output)
}

// UploadError: copying the bundled server to the host failed.
type UploadError struct {
	Host, Path string
	Reason     string
	Output     string
}

func (e *UploadError) Error() string {
	return fmt.Sprintf("launch: uploading roam-server to %s:%s failed: %s", e.Host, e.Path, e.Reason)
}
func (e *UploadError) Help() string {
	return fmt.Sprintf("Roam could not install its server in %s on %s: %s. The upload needs "+
		"a writable home directory (or $XDG_CACHE_HOME), free disk space, and one of "+
		"sha256sum, shasum, sha256 or openssl to check the copy. The host said:\n%s",
		e.Path, e.Host, e.Reason, e.Output)
}

// UDPBlockedError is for the client session: the server started, but no
// datagram from it arrived within Waited. Connect never returns it.
type UDPBlockedError struct {
	Addr   netip.AddrPort
	Waited time.Duration
}

func (e *UDPBlockedError) Error() string {
	return fmt.Sprintf("launch: no reply from the server at UDP %s within %v", e.Addr, e.Waited)
}
func (e *UDPBlockedError) Help() string {
	return fmt.Sprintf("The server started on %s and listens on UDP port %d, but nothing came "+
		"back from it within %v: a firewall on the host, in its network or in yours is probably "+
		"dropping UDP. Open UDP port %d (mosh uses 60000-61000 by default) on the host's "+
		"firewall and any cloud security group, or choose a port that is open with -p PORT. "+
		"If the host is behind NAT or a jump host, --remote-ip may pick the wrong address.",
		e.Addr.Addr(), e.Addr.Port(), e.Waited, e.Addr.Port())
}
