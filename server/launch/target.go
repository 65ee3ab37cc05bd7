package launch

import (
	"fmt"
	"net/netip"
	"os"
	"strings"

	"github.com/roamterm/roam/protocol/datagram"
)

// Target is what the user asked to connect to: mosh's command line.
type Target struct {
	// Host is "[user@]host" as typed; host may be an ssh_config alias.
	Host string
	// User and Port override ssh_config and the user@ prefix (--ssh-port).
	User string
	Port int
	// Command is run instead of the login shell (words after "--").
	Command []string

	// Server overrides the server command (--server=PATH). Like mosh's,
	// it is inserted into the remote command line unquoted, so it may be
	// "~/bin/mosh-server" or carry environment assignments.
	Server string
	// PreferRoamServer skips mosh-server: a cached or uploaded roam-server
	// is used even if mosh-server is installed.
	PreferRoamServer bool

	// PortRange is the server's UDP port or range, "PORT" or "LOW:HIGH"
	// (-p/--port); empty lets the server choose.
	PortRange string
	// BindServer is mosh's --bind-server: "" or "ssh" binds the server to
	// the address the SSH connection arrived on (-s), "any" to every
	// address, anything else is an IP for -i.
	BindServer string
	// Colors is the colour count passed with -c; 0 means 256.
	Colors int
	// Locale is the NAME=VALUE pairs offered with -l; nil means the locale
	// variables of this process's environment, as mosh does, or
	// LANG=C.UTF-8 if none is set.
	Locale []string

	// RemoteIP chooses the UDP address (mosh's --experimental-remote-ip).
	RemoteIP RemoteIP
	// Family restricts name resolution and the SSH connection (--family).
	Family Family
}

// RemoteIP says how the UDP address of the server is found.
type RemoteIP string

const (
	// RemoteIPProxy (the default) uses the address the SSH connection
	// reached. Through ProxyJump or ProxyCommand the client never sees that
	// address, so the final host's name is resolved here instead.
	RemoteIPProxy RemoteIP = "proxy"
	// RemoteIPLocal resolves the host name here and connects SSH to the
	// address found.
	RemoteIPLocal RemoteIP = "local"
	// RemoteIPRemote takes the server's address from $SSH_CONNECTION on the
	// host: right behind NAT-less jump hosts, wrong behind NAT.
	RemoteIPRemote RemoteIP = "remote"
)

// Family restricts name resolution to one address family.
type Family string

const (
	FamilyAuto  Family = "auto"
	FamilyInet  Family = "inet"
	FamilyInet6 Family = "inet6"
)

// network returns the Go network name ("tcp4", …) for prefix "tcp" or "ip".
func (f Family) network(prefix string) string {
	switch f {
	case FamilyInet:
		return prefix + "4"
	case FamilyInet6:
		return prefix + "6"
	}
	return prefix
}

func (t Target) validate() error {
	switch t.RemoteIP {
	case "", RemoteIPProxy, RemoteIPLocal, RemoteIPRemote:
	default:
		return fmt.Errorf("launch: unknown remote-ip mode %q (want proxy, local or remote)", t.RemoteIP)
	}
	switch t.Family {
	case "", FamilyAuto, FamilyInet, FamilyInet6:
	default:
		return fmt.Errorf("launch: unknown address family %q (want inet, inet6 or auto)", t.Family)
	}
	if _, host := splitUserHost(t.Host); host == "" {
		return fmt.Errorf("launch: no host given")
	}
	if t.Port < 0 || t.Port > 65535 {
		return fmt.Errorf("launch: bad SSH port %d", t.Port)
	}
	return nil
}

// splitUserHost splits "user@host"; the last @ separates, as in ssh.
func splitUserHost(s string) (user, host string) {
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}

// localeVars are the variables mosh.pl passes on with -l.
var localeVars = []string{"LANG", "LANGUAGE", "LC_CTYPE", "LC_NUMERIC", "LC_TIME",
	"LC_COLLATE", "LC_MONETARY", "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS",
	"LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION", "LC_ALL"}

// fallbackLocale is offered when the host cannot use the client's locale.
var fallbackLocale = []string{"LANG=C.UTF-8", "LC_ALL=C.UTF-8"}

func (t Target) locale() []string {
	if t.Locale != nil {
		return t.Locale
	}
	var l []string
	for _, name := range localeVars {
		if v, ok := os.LookupEnv(name); ok {
			l = append(l, name+"="+v)
		}
	}
	if l == nil {
		l = []string{"LANG=C.UTF-8"}
	}
	return l
}

// serverArgs is the server's command line after its name, in mosh.pl's
// order: new, -c, bind, -p, -l pairs, then -- and the command.
func (t Target) serverArgs(locale []string) []string {
	colors := t.Colors
	if colors == 0 {
		colors = 256
	}
	args := []string{"new", "-c", fmt.Sprint(colors)}
	switch t.BindServer {
	case "", "ssh":
		args = append(args, "-s")
	case "any":
	default:
		args = append(args, "-i", t.BindServer)
	}
	if t.PortRange != "" {
		args = append(args, "-p", t.PortRange)
	}
	for _, l := range locale {
		args = append(args, "-l", l)
	}
	if len(t.Command) > 0 {
		args = append(append(args, "--"), t.Command...)
	}
	return args
}

// Result is a started server, ready for the client session.
type Result struct {
	// Addr is where to send datagrams: the server's UDP port at the
	// address chosen by Target.RemoteIP.
	Addr netip.AddrPort
	// Key is the session key. It prints as "datagram.Key(redacted)".
	Key datagram.Key
	// Server is the server program that was started, as the remote shell
	// found it; Roam tells whether it was a roam-server.
	Server string
	Roam   bool
	// PID is the detached server's process id on the host, from its
	// "[mosh-server detached, pid = N]" line, or 0.
	PID int
	// Uploaded says this connect uploaded the bundled roam-server.
	Uploaded bool
}
