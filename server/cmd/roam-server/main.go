// Command roam-server is Roam's server, a drop-in for mosh-server: it takes
// the same command line, prints the same MOSH CONNECT line, detaches from
// the SSH session and serves one terminal session over mosh's protocol.
//
//	roam-server new [-s] [-v] [-i LOCALADDR] [-p PORT[:PORT2]] [-c COLORS] [-l NAME=VALUE] [-- COMMAND...]
//
// Environment: MOSH_SERVER_NETWORK_TMOUT and MOSH_SERVER_SIGNAL_TMOUT
// (seconds) end the session after that long without client contact,
// unconditionally or on SIGUSR1.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/roamterm/roam/server/internal/cli"
	"github.com/roamterm/roam/server/internal/daemon"
	"github.com/roamterm/roam/server/version"
)

func main() {
	disableCoreDumps()
	if arg, rep, ok := daemon.Detached(); ok {
		os.Exit(runDetached(os.Args, arg, rep))
	}
	os.Exit(runParent(os.Args, os.Stdout, os.Stderr))
}

// banner is what --version prints and the parent shows before detaching.
func banner() string {
	return fmt.Sprintf("roam-server (Roam %s)\n", version.Version)
}

// parseArgs parses the command line; for --help, --version and usage
// errors it prints what mosh-server prints and returns the exit status.
func parseArgs(args []string, stdout, stderr io.Writer) (cfg cli.Config, warnings []string, exit int, done bool) {
	cfg, warnings, err := cli.Parse(args, os.Getenv)
	argv0 := "roam-server"
	if len(args) > 0 {
		argv0 = args[0]
	}
	if err != nil {
		for _, w := range warnings {
			fmt.Fprintln(stderr, w)
		}
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, msg)
		}
		fmt.Fprint(stderr, cli.Usage(argv0))
		return cfg, nil, 1, true
	}
	switch cfg.Action {
	case cli.Help:
		fmt.Fprint(stdout, cli.Usage(argv0))
		return cfg, nil, 0, true
	case cli.Version:
		fmt.Fprint(stdout, banner())
		return cfg, nil, 0, true
	}
	return cfg, warnings, 0, false
}
