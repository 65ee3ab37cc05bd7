package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/roamterm/roam/server/internal/daemon"
	"github.com/roamterm/roam/server/internal/locale"
	"github.com/roamterm/roam/server/pty"
)

// reportTimeout bounds the wait for the detached server to bind its
// socket.
const reportTimeout = 20 * time.Second

// runParent is the process ssh started: it checks the command line and
// the locale, starts the detached server, prints MOSH CONNECT and the
// banner, and exits so that ssh returns.
func runParent(args []string, stdout, stderr io.Writer) int {
	cfg, warnings, exit, done := parseArgs(args, stdout, stderr)
	if done {
		return exit
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, w)
	}
	// Check the locale here, not in the daemon, so the user sees the
	// refusal; the daemon and the shell inherit the resolved environment.
	env, err := locale.Resolve(os.Environ(), cfg.LocaleVars)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if os.Geteuid() == 0 {
		fmt.Fprintln(stderr, "Warning: roam-server is running as root.")
	}
	for _, w := range timeoutWarnings(os.Getenv) {
		fmt.Fprintln(stderr, w)
	}

	width, height := initialSize(os.Stdin)
	pid, report, err := daemon.Spawn(args, env, fmt.Sprintf("%dx%d", width, height), cfg.Verbose > 0)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer report.Close()
	rep, err := daemon.ReadReport(report, reportTimeout)
	for _, w := range rep.Warnings {
		fmt.Fprintln(stderr, w)
	}
	switch {
	case err != nil:
		fmt.Fprintln(stderr, err)
		return 1
	case rep.Err != "":
		fmt.Fprintln(stderr, rep.Err)
		return 1
	}

	if isTerminal(os.Stdin) {
		// mosh's bodge: typeahead echoed by the tty must not glue onto
		// the CONNECT line (puts("\r\n") writes "\r\n\n").
		fmt.Fprint(stdout, "\r\n\n")
	}
	fmt.Fprintf(stdout, "MOSH CONNECT %d %s\n", rep.Port, rep.Key)
	fmt.Fprintf(stderr, "\n%s\n[mosh-server detached, pid = %d]\n", strings.TrimSuffix(banner(), "\n"), pid)
	if !pty.HasIUTF8 {
		fmt.Fprint(stderr, "\nWarning: termios IUTF8 flag not defined.\n"+
			"Character-erase of multibyte character sequence\n"+
			"probably does not work properly on this platform.\n")
	}
	return 0
}
