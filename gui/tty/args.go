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

	// Destination is the [user@]host to reach (ActionSSH).
	Destination string
	// Command is the command to run instead of a login shell
	// (ActionLocal, ActionSSH); empty for the shell.
	Command []string

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

// ErrSSHNotImplemented is what an SSH destination gets until the SSH
// bootstrap exists.
var ErrSSHNotImplemented = &ExitError{
	Message: "roam: connecting over SSH is not implemented yet; start a server yourself and run " +
		"MOSH_KEY=KEY roam --tty IP PORT, or use mosh --client=roam HOST",
	Code: 2,
}

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
	local, clientForm, colors := false, moshClient, false
	for i := 0; i < len(args); i++ {
		a := args[i]
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
	inv.Options = opts

	switch {
	case local || (len(positional) == 0 && !clientForm):
		if len(positional) > 0 {
			return inv, usageError(inv.Program, "--local takes no host; put the command after --")
		}
		inv.Action, inv.Command = ActionLocal, command
		return inv, nil
	case clientForm || looksDirect(positional, getenv):
		inv.Action, inv.TTY = ActionConnect, true
		return inv, parseConnect(&inv, positional, getenv)
	}
	inv.Action = ActionSSH
	inv.Destination = positional[0]
	inv.Command = append(positional[1:len(positional):len(positional)], command...)
	return inv, nil
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
       %[1]s [--tty] [user@]host [-- COMMAND...]
                                         a host over SSH (not implemented yet)
       MOSH_KEY=KEY %[1]s [--tty] [-# 'ARGS'] [-v] IP PORT
                                         connect to a running mosh-server or
                                         roam-server (a drop-in for mosh-client)
       %[1]s -c                            print the number of colours of $TERM
       %[1]s --help | --version

Options:
  --tty       run a local session in this terminal rather than in a window
              (without a display it always runs in the terminal; the other
              forms always do)
  --local     start roam-server on this machine (127.0.0.1) and connect to it
  -# ARGS     ignored; the mosh wrapper passes its command line here
  -v          log the transport to stderr
  -c          print the colour count of $TERM and exit
  --help      print this help
  --version   print the version

Environment (as mosh-client):
  MOSH_KEY                   the session key (read, then removed)
  MOSH_PREDICTION_DISPLAY    adaptive (default), always, never, experimental
  MOSH_PREDICTION_OVERWRITE  "yes": typed characters overwrite rather than insert
  MOSH_ESCAPE_KEY            escape key (default Ctrl-^; empty disables it)
  MOSH_TITLE_NOPREFIX        do not prefix the window title with "[roam] "
  MOSH_NO_TERM_INIT          stay on the terminal's main screen

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
