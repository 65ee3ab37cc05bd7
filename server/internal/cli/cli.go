package cli

import (
	"fmt"
	"strconv"
	"strings"
)

// Default UDP port range, as mosh's PORT_RANGE_LOW and PORT_RANGE_HIGH.
const (
	DefaultPortLow  = 60001
	DefaultPortHigh = 60999
)

// Action is what the command line asks for.
type Action int

const (
	// Run starts a server.
	Run Action = iota
	// Help prints the usage on stdout and exits 0.
	Help
	// Version prints the version banner on stdout and exits 0.
	Version
)

// Config is a parsed command line.
type Config struct {
	Action Action
	// IP is the local address to bind first, "" for any.
	IP string
	// PortLow and PortHigh are the UDP ports to try, in order. A single
	// port 0 asks the kernel to choose.
	PortLow, PortHigh int
	// Colors is the -c value; only 256 has an effect (TERM=xterm-256color).
	Colors int
	// Verbose counts -v flags.
	Verbose int
	// LocaleVars are the -l NAME=VALUE offers from the client.
	LocaleVars []string
	// Command is the argv after "--"; nil runs the user's login shell.
	Command []string
	// HistoryLines is how many scrolled-off lines the server keeps for
	// Roam clients: --history-lines N, else $ROAM_HISTORY_LINES, else
	// DefaultHistoryLines; 0 keeps none.
	HistoryLines int
}

// DefaultHistoryLines is the scrollback kept without --history-lines or
// ROAM_HISTORY_LINES (vt.DefaultHistoryLines; this package imports no vt).
const DefaultHistoryLines = 10000

// maxHistoryLines bounds --history-lines, so that a typo cannot reserve
// more memory than any scrollback needs.
const maxHistoryLines = 10_000_000

// UsageError is a fatal command-line error: mosh-server prints Msg, then
// the usage line, and exits 1.
type UsageError struct {
	Msg string
}

func (e *UsageError) Error() string { return e.Msg }

// Usage returns the usage line for program name argv0.
func Usage(argv0 string) string {
	return fmt.Sprintf("Usage: %s new [-s] [-v] [-i LOCALADDR] [-p PORT[:PORT2]] [-c COLORS] [-l NAME=VALUE] [--history-lines N] [-- COMMAND...]\n", argv0)
}

// Parse parses args (args[0] is the program name). getenv looks up
// SSH_CONNECTION for -s. It returns the configuration, warnings to print
// on stderr (in order), and a *UsageError for a fatal mistake.
func Parse(args []string, getenv func(string) string) (Config, []string, error) {
	cfg := Config{PortLow: DefaultPortLow, PortHigh: DefaultPortHigh, HistoryLines: DefaultHistoryLines}
	argv0 := "roam-server"
	if len(args) > 0 {
		argv0 = args[0]
		args = args[1:]
	}
	if v := getenv("ROAM_HISTORY_LINES"); v != "" {
		n, ok := parseHistoryLines(v)
		if !ok {
			return cfg, nil, &UsageError{fmt.Sprintf("%s: Bad ROAM_HISTORY_LINES (%s)", argv0, v)}
		}
		cfg.HistoryLines = n
	}

	// Like mosh-server, scan for --help/--version and split off the
	// command before any option parsing.
	for i, a := range args {
		switch a {
		case "--help", "-h":
			cfg.Action = Help
			return cfg, nil, nil
		case "--version":
			cfg.Action = Version
			return cfg, nil, nil
		}
		if a == "--" {
			if rest := args[i+1:]; len(rest) > 0 {
				cfg.Command = append([]string(nil), rest...)
			}
			args = args[:i]
			break
		}
	}

	var warnings []string
	var port string
	switch {
	case len(args) >= 1 && args[0] == "new":
		var err error
		port, warnings, err = parseOptions(&cfg, argv0, args[1:], getenv)
		if err != nil {
			return cfg, warnings, err
		}
	case len(args) == 0:
		// Legacy form: nothing to do.
	case len(args) == 1:
		cfg.IP = args[0]
	case len(args) == 2:
		cfg.IP, port = args[0], args[1]
	default:
		return cfg, nil, &UsageError{}
	}

	if port != "" {
		low, high, ok := ParsePortRange(port)
		if !ok {
			return cfg, warnings, &UsageError{fmt.Sprintf("%s: Bad UDP port range (%s)", argv0, port)}
		}
		cfg.PortLow, cfg.PortHigh = low, high
	}
	return cfg, warnings, nil
}

// parseOptions is getopt(3) with the string "@:i:p:c:svl:" as GNU libc
// runs it: options may be clustered (-sv) and take their argument
// attached (-p60001) or as the next word; words that are not options are
// skipped. It returns the -p value, if any.
func parseOptions(cfg *Config, argv0 string, args []string, getenv func(string) string) (port string, warnings []string, err error) {
	const withArg = "@ipcl"
	usage := func(msg string) {
		warnings = append(warnings, msg, strings.TrimSuffix(Usage(argv0), "\n"))
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if name, value, hasValue := strings.Cut(a, "="); name == "--history-lines" {
			// Roam's one long option (mosh-server has none).
			if !hasValue {
				if i+1 == len(args) {
					return port, warnings, &UsageError{fmt.Sprintf("%s: option '--history-lines' requires an argument", argv0)}
				}
				i++
				value = args[i]
			}
			n, ok := parseHistoryLines(value)
			if !ok {
				return port, warnings, &UsageError{fmt.Sprintf("%s: Bad number of history lines (%s)", argv0, value)}
			}
			cfg.HistoryLines = n
			continue
		}
		if len(a) < 2 || a[0] != '-' {
			continue
		}
	word:
		for j := 1; j < len(a); j++ {
			opt := a[j]
			var optarg string
			if strings.IndexByte(withArg, opt) >= 0 {
				switch {
				case j+1 < len(a):
					optarg = a[j+1:]
				case i+1 < len(args):
					i++
					optarg = args[i]
				default:
					usage(fmt.Sprintf("%s: option requires an argument -- '%c'", argv0, opt))
					break word
				}
				j = len(a) // the rest of the word was the argument
			}
			switch opt {
			case '@':
				// Swallows its argument, so wrappers can neutralise a
				// second "new".
			case 'i':
				cfg.IP = optarg
			case 'p':
				port = optarg
			case 's':
				ip, warn := SSHConnectionIP(getenv("SSH_CONNECTION"))
				if warn != "" {
					warnings = append(warnings, warn)
				}
				cfg.IP = ip
			case 'c':
				n, convErr := strconv.Atoi(optarg)
				if convErr != nil {
					return port, warnings, &UsageError{fmt.Sprintf("%s: Bad number of colors (%s)", argv0, optarg)}
				}
				cfg.Colors = n
			case 'v':
				cfg.Verbose++
			case 'l':
				cfg.LocaleVars = append(cfg.LocaleVars, optarg)
			default:
				// Unknown options print the usage but are not fatal.
				usage(fmt.Sprintf("%s: invalid option -- '%c'", argv0, opt))
			}
		}
	}
	return port, warnings, nil
}

// parseHistoryLines parses a history bound: a decimal count from 0 to
// maxHistoryLines.
func parseHistoryLines(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= maxHistoryLines
}

// SSHConnectionIP returns the server-side address of the SSH connection
// ($SSH_CONNECTION is "client_ip client_port server_ip server_port"),
// with a leading "::ffff:" stripped, or "" and a warning for mosh-server
// to print when it is missing or malformed.
func SSHConnectionIP(sshConnection string) (ip, warning string) {
	if sshConnection == "" {
		return "", "Warning: SSH_CONNECTION not found; binding to any interface."
	}
	f := strings.Fields(sshConnection)
	if len(f) < 3 {
		return "", "Warning: Could not parse SSH_CONNECTION; binding to any interface."
	}
	ip = f[2]
	const v4mapped = "::ffff:"
	if len(ip) > len(v4mapped) && strings.EqualFold(ip[:len(v4mapped)], v4mapped) {
		ip = ip[len(v4mapped):]
	}
	return ip, ""
}

// ParsePortRange parses "PORT" or "LOW:HIGH" as mosh's
// Connection::parse_portrange does: decimal ports 0..65535; a range needs
// a non-zero low port no greater than the high one.
func ParsePortRange(s string) (low, high int, ok bool) {
	lowStr, highStr, isRange := strings.Cut(s, ":")
	low, ok = parsePort(lowStr)
	if !ok {
		return 0, 0, false
	}
	if !isRange {
		return low, low, true
	}
	high, ok = parsePort(highStr)
	if !ok || low == 0 || low > high {
		return 0, 0, false
	}
	return low, high, true
}

func parsePort(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n <= 65535
}
