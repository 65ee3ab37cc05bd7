package tty

import (
	"errors"
	"fmt"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/protocol/session"
	"github.com/roamterm/roam/server/launch"
	"github.com/roamterm/roam/vt/predict"
)

// Action is what a command line asks for.
type Action int

const (
	// ActionLocal runs a session with a roam-server started on this
	// machine (a bare "roam", or "roam --local [-- COMMAND...]").
	ActionLocal Action = iota
	// ActionConnect connects straight to a running server, as mosh-client
	// does: MOSH_KEY in the environment, a numeric IP and a port.
	ActionConnect
	// ActionSSH reaches a host over SSH and starts a server there.
	ActionSSH
	// ActionHelp prints the usage on stdout.
	ActionHelp
	// ActionVersion prints the version on stdout.
	ActionVersion
	// ActionColors prints the number of colours $TERM supports
	// (mosh-client -c, which the mosh wrapper asks before starting the
	// server).
	ActionColors
	// ActionListSessions lists the servers of the user left running on a
	// host (--list-sessions).
	ActionListSessions
	// ActionKillSessions ends servers of the user on a host
	// (--kill-sessions): those in PIDs, or all of them.
	ActionKillSessions
)

// Invocation is a parsed command line: what to run and how. A Key is
// present only for ActionConnect; it prints redacted.
type Invocation struct {
	Action Action
	// Program is the name the binary was invoked as (for messages).
	Program string
	// TTY runs the session in this terminal rather than in a window.
	// Every mosh-client form implies it.
	TTY bool

	// Server, Port and Key are the server to connect to (ActionConnect);
	// Port is as given, for messages.
	Server netip.AddrPort
	Port   string
	Key    datagram.Key

	// Destination is the [user@]host to reach (ActionSSH and the
	// session actions).
	Destination string
	// Command is the command to run instead of a login shell
	// (ActionLocal, ActionSSH); empty for the shell.
	Command []string
	// Target is what to ask the host for (ActionSSH, and the host and
	// SSH options of the session actions); its Host is Destination and
	// its Command is Command.
	Target launch.Target
	// PIDs are the servers ActionKillSessions ends; empty means all.
	PIDs []int

	// Options are the session's front-end options, from the environment.
	Options Options
}

// Options are mosh-client's environment settings.
type Options struct {
	Predict predict.Options // MOSH_PREDICTION_DISPLAY, MOSH_PREDICTION_OVERWRITE
	// PredictSet records that MOSH_PREDICTION_DISPLAY was given, so that
	// it overrides a front end's own setting.
	PredictSet bool
	Escape     session.EscapeKey // MOSH_ESCAPE_KEY
	// TitlePrefix goes before the window title: "[roam] ", or empty with
	// MOSH_TITLE_NOPREFIX.
	TitlePrefix string
	// NoTermInit keeps the terminal on its main screen (MOSH_NO_TERM_INIT).
	NoTermInit bool
	// HistoryLines bounds the scrollback kept (ROAM_HISTORY_LINES), as
	// session.ClientConfig.HistoryLines: 0 is the default, negative none.
	HistoryLines int
	// Verbose counts -v flags: the transport's log goes to stderr.
	Verbose int
}

// ExitError is a command-line error: Error is the whole message to print
// on stderr, Code the exit status.
type ExitError struct {
	Message string
	Code    int
}

func (e *ExitError) Error() string { return e.Message }

// mosh-client's name: invoked under it, roam is mosh-client.
const moshClientName = "mosh-client"

// ParseArgs parses roam's command line. argv0 is the name the binary was
// invoked as, args the rest, and getenv looks up the environment (pass
// os.LookupEnv). It is pure: the caller must unset MOSH_KEY afterwards,
// as mosh-client does, and run the Invocation. Errors are *ExitError.
func ParseArgs(argv0 string, args []string, getenv func(string) (string, bool)) (Invocation, error) {
	inv := Invocation{Program: filepath.Base(argv0)}
	moshClient := inv.Program == moshClientName

	// --help and --version win anywhere before "--", as in mosh-client.
	for _, a := range args {
		if a == "--" {
			break
		}
		switch a {
		case "--help", "-h":
			inv.Action = ActionHelp
			return inv, nil
		case "--version":
			inv.Action = ActionVersion
			return inv, nil
		}
	}

	var positional, command []string
	var so sshOptions
	local, clientForm, colors := false, moshClient, false
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := optionValue(a)
		switch {
		case a == "--":
			command = args[i+1:]
			i = len(args)
		case a == "--tty":
			inv.TTY = true
		case a == "--local":
			local = true
		case a == "-c":
			colors = true
		case a == "-v":
			inv.Options.Verbose++
			clientForm = true
		case a == "-#":
			// mosh passes the user's original command line here, for ps.
			if i+1 >= len(args) {
				return inv, usageError(inv.Program, "option requires an argument -- '#'")
			}
			i++
			clientForm = true
		case strings.HasPrefix(a, "-#"):
			clientForm = true
		case sshValueOptions[name]:
			if !hasValue {
				if i+1 >= len(args) {
					return inv, usageError(inv.Program, "option "+name+" requires an argument")
				}
				i++
				value = args[i]
			}
			if err := so.set(name, value); err != nil {
				return inv, usageError(inv.Program, err.Error())
			}
		case sshFlagOptions[a]:
			if err := so.set(a, ""); err != nil {
				return inv, usageError(inv.Program, err.Error())
			}
		case len(a) > 1 && a[0] == '-':
			return inv, usageError(inv.Program, "unknown option "+a)
		default:
			positional = append(positional, a)
		}
	}
	if colors {
		inv.Action = ActionColors
		return inv, nil
	}
	opts, err := parseEnv(getenv)
	if err != nil {
		return inv, err
	}
	opts.Verbose = inv.Options.Verbose
	so.apply(&opts)
	inv.Options = opts

	switch {
	case so.sessions != "":
		return inv, parseSessions(&inv, so, positional, command)
	case local || (len(positional) == 0 && !clientForm):
		if len(positional) > 0 {
			return inv, usageError(inv.Program, "--local takes no host; put the command after --")
		}
		if so.hostOnly != "" {
			return inv, usageError(inv.Program, so.hostOnly+" needs a host")
		}
		inv.Action, inv.Command = ActionLocal, command
		return inv, nil
	case clientForm || looksDirect(positional, getenv):
		if so.hostOnly != "" {
			return inv, usageError(inv.Program, so.hostOnly+" needs a host, not IP PORT")
		}
		inv.Action, inv.TTY = ActionConnect, true
		return inv, parseConnect(&inv, positional, getenv)
	}
	inv.Action = ActionSSH
	inv.Destination = positional[0]
	inv.Command = append(positional[1:len(positional):len(positional)], command...)
	inv.Target = so.target
	inv.Target.Host, inv.Target.Command = inv.Destination, inv.Command
	return inv, nil
}

// optionValue splits "--name=value" and "-pVALUE" into the option's name
// and its value.
func optionValue(a string) (name, value string, ok bool) {
	if strings.HasPrefix(a, "--") {
		return strings.Cut(a, "=")
	}
	if strings.HasPrefix(a, "-p") && len(a) > 2 {
		return "-p", a[2:], true
	}
	return a, "", false
}

// parseSessions fills in --list-sessions HOST and --kill-sessions HOST
// [PID...].
func parseSessions(inv *Invocation, so sshOptions, positional, command []string) error {
	if len(positional) == 0 || len(command) > 0 {
		return usageError(inv.Program, so.sessions+" takes a host")
	}
	inv.Destination = positional[0]
	inv.Target = so.target
	inv.Target.Host = inv.Destination
	if so.sessions == "--list-sessions" {
		if len(positional) > 1 {
			return usageError(inv.Program, "--list-sessions takes a host only")
		}
		inv.Action = ActionListSessions
		return nil
	}
	inv.Action = ActionKillSessions
	for _, p := range positional[1:] {
		pid, err := strconv.Atoi(p)
		if err != nil || pid <= 1 {
			return usageError(inv.Program, fmt.Sprintf("%q is not a process id", p))
		}
		inv.PIDs = append(inv.PIDs, pid)
	}
	return nil
}

// looksDirect reports whether positional is mosh-client's "IP PORT" with
// a key in the environment; anything else names a host.
func looksDirect(positional []string, getenv func(string) (string, bool)) bool {
	if len(positional) != 2 || !allDigits(positional[1]) {
		return false
	}
	if _, err := netip.ParseAddr(positional[0]); err != nil {
		return false
	}
	_, ok := getenv("MOSH_KEY")
	return ok
}

// parseConnect fills in the server and key of mosh-client's form.
func parseConnect(inv *Invocation, positional []string, getenv func(string) (string, bool)) error {
	if len(positional) != 2 {
		return usageError(inv.Program, "")
	}
	ip, port := positional[0], positional[1]
	if !allDigits(port) {
		return usageError(inv.Program, fmt.Sprintf("Bad UDP port (%s)", port))
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil || n == 0 {
		return usageError(inv.Program, fmt.Sprintf("Bad UDP port (%s)", port))
	}
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return &ExitError{Message: fmt.Sprintf("%s: %s is not a numeric IP address", inv.Program, ip), Code: 1}
	}
	keyText, ok := getenv("MOSH_KEY")
	if !ok {
		return &ExitError{Message: "MOSH_KEY environment variable not found.", Code: 1}
	}
	key, err := datagram.ParseKey(keyText)
	if err != nil {
		return &ExitError{Message: fmt.Sprintf("%s: %v", inv.Program, err), Code: 1}
	}
	inv.Server, inv.Port, inv.Key = netip.AddrPortFrom(addr, uint16(n)), port, key
	return nil
}

// parseEnv reads mosh-client's environment settings.
func parseEnv(getenv func(string) (string, bool)) (Options, error) {
	var o Options
	if mode, ok := getenv("MOSH_PREDICTION_DISPLAY"); ok {
		o.PredictSet = true
		switch mode {
		case "adaptive":
			o.Predict.Display = predict.Adaptive
		case "always":
			o.Predict.Display = predict.Always
		case "never":
			o.Predict.Display = predict.Never
		case "experimental":
			o.Predict.Display = predict.Experimental
		default:
			return o, &ExitError{Message: fmt.Sprintf("Unknown prediction mode %s.", mode), Code: 1}
		}
	}
	if v, _ := getenv("MOSH_PREDICTION_OVERWRITE"); v == "yes" {
		o.Predict.Overwrite = true
	}
	o.Escape = session.ParseEscapeKey(getenv("MOSH_ESCAPE_KEY"))
	if _, ok := getenv("MOSH_TITLE_NOPREFIX"); !ok {
		o.TitlePrefix = "[roam] "
	}
	_, o.NoTermInit = getenv("MOSH_NO_TERM_INIT")
	if v, ok := getenv("ROAM_HISTORY_LINES"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return o, &ExitError{Message: fmt.Sprintf("Bad ROAM_HISTORY_LINES (%s).", v), Code: 1}
		}
		o.HistoryLines = n
		if n == 0 {
			o.HistoryLines = -1
		}
	}
	return o, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// usageError is a complaint followed by the usage, exit status 1.
func usageError(program, complaint string) error {
	msg := Usage(program)
	if complaint != "" {
		msg = program + ": " + complaint + "\n\n" + msg
	}
	return &ExitError{Message: strings.TrimRight(msg, "\n"), Code: 1}
}

// Usage returns the usage text for program.
func Usage(program string) string {
	if program == moshClientName {
		return fmt.Sprintf("Usage: %[1]s [-# 'ARGS'] [-v] IP PORT\n       %[1]s -c\n", program)
	}
	return fmt.Sprintf(`Usage: %[1]s [--tty]                       a shell on this machine, through a local roam-server
       %[1]s [--tty] --local [-- COMMAND...]   the same, running COMMAND
       %[1]s [options] [user@]host [-- COMMAND...]
                                         a shell (or COMMAND) on host, reached over SSH
       %[1]s [options] --list-sessions [user@]host
                                         list your servers left running on host
       %[1]s [options] --kill-sessions [user@]host [PID...]
                                         end them (the PIDs given, else all)
       MOSH_KEY=KEY %[1]s [--tty] [-# 'ARGS'] [-v] IP PORT
                                         connect to a running mosh-server or
                                         roam-server (a drop-in for mosh-client)
       %[1]s -c                            print the number of colours of $TERM
       %[1]s --help | --version

Connecting to a host (as mosh):
  --ssh-port=PORT          SSH port (default: ssh_config's Port, else 22)
  -p, --port=PORT[:PORT2]  the server's UDP port or port range
  --server=COMMAND         run COMMAND on the host as the server (default:
                           a cached roam-server of this version, else
                           mosh-server, else upload Roam's server, if you agree)
  --prefer-roam-server     use (uploading it if needed) Roam's server even
                           where mosh-server is installed
  --family=inet|inet6|auto address family for SSH and UDP (-4, -6)
  --bind-server=ssh|any|IP the server's UDP address: where SSH arrived (ssh,
                           the default), every address (any), or IP
  --experimental-remote-ip=proxy|local|remote
                           where to send UDP: the address SSH reached (proxy,
                           default), the host name resolved here (local), or
                           $SSH_CONNECTION on the host (remote); --remote-ip
                           is the same
  SSH itself is Roam's own client: it reads ~/.ssh/config (Host, HostName,
  User, Port, IdentityFile, ProxyJump, ProxyCommand, known_hosts files, ...),
  uses ssh-agent and key files, and asks on this terminal for passphrases,
  passwords, unknown host keys and consent to upload.

Session:
  --predict=adaptive|always|never|experimental
                           local echo (default adaptive); -a is always, -n never
  -o, --predict-overwrite  typed characters overwrite rather than insert
  --no-init                stay on the terminal's main screen
  --tty                    run in this terminal rather than in a window (a
                           host or IP PORT always does, and so does anything
                           without a display)
  --local                  start roam-server on this machine (127.0.0.1) and
                           connect to it
  -# ARGS                  ignored; the mosh wrapper passes its command line here
  -v                       log the transport to stderr
  -c                       print the colour count of $TERM and exit
  --help                   print this help
  --version                print the version and the bundled server platforms

Environment (as mosh-client; the options above override it):
  MOSH_KEY                   the session key (read, then removed)
  MOSH_PREDICTION_DISPLAY    adaptive (default), always, never, experimental
  MOSH_PREDICTION_OVERWRITE  "yes": typed characters overwrite rather than insert
  MOSH_ESCAPE_KEY            escape key (default Ctrl-^; empty disables it)
  MOSH_TITLE_NOPREFIX        do not prefix the window title with "[roam] "
  MOSH_NO_TERM_INIT          stay on the terminal's main screen
  ROAM_HISTORY_LINES         scrollback lines to keep (default 10000; 0: none)

Escape key commands: Ctrl-^ . quits, Ctrl-^ Ctrl-Z suspends, Ctrl-^ ^ types Ctrl-^.
Invoked as mosh-client, %[1]s behaves as mosh-client.
`, program)
}

// IsExit returns the *ExitError in err's chain, if any.
func IsExit(err error) (*ExitError, bool) {
	var e *ExitError
	ok := errors.As(err, &e)
	return e, ok
}
