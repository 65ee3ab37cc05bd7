package servertest

import (
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ExitStatusPrefix starts the line a ClientScript prints when the client
// exits, followed by the status and " @@@" (mosh's print-exitstatus).
const ExitStatusPrefix = "@@@ exitstatus: "

// ExitStatusLine is the line a ClientScript prints for exit status n.
func ExitStatusLine(n int) string { return fmt.Sprintf("%s%d @@@", ExitStatusPrefix, n) }

// ClientOptions configure a ClientScript.
type ClientOptions struct {
	// Addr is where the client sends its datagrams; the zero value means
	// 127.0.0.1 at the server's port. Set it to a relay's address to put
	// the path between client and server under the test's control.
	Addr netip.AddrPort
	// Env lists extra KEY=VALUE variables for the client, such as
	// MOSH_PREDICTION_DISPLAY=never.
	Env []string
}

// ClientScript writes, in a new temporary directory, the session key to a
// 0600 file and a /bin/sh wrapper that reads and deletes it, runs the real
// mosh-client with MOSH_KEY in its environment, prints ExitStatusLine for
// its exit status and then sleeps, so that the pane keeps the final
// screen. It returns the wrapper's path, to be a tmux pane's command.
//
// The client runs with LANG=C.UTF-8 and MOSH_TITLE_NOPREFIX=1, so that a
// window title set in the session reaches tmux unchanged (vttest's
// PlayCommand signals the end of a stimulus with one).
func (s *Server) ClientScript(tb testing.TB, opt ClientOptions) string {
	tb.Helper()
	client, err := exec.LookPath("mosh-client")
	if err != nil {
		tb.Fatal(MoshInstallHint)
	}
	addr := opt.Addr
	if !addr.IsValid() {
		addr = netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(s.Port))
	}
	dir := tb.TempDir()
	keyFile, err := s.writeKey(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var env strings.Builder
	for _, kv := range append([]string{"LANG=C.UTF-8", "MOSH_TITLE_NOPREFIX=1"}, opt.Env...) {
		fmt.Fprintf(&env, "export %s\n", ShellQuote(kv))
	}
	script := fmt.Sprintf(`#!/bin/sh
MOSH_KEY=$(cat %[1]s) || exit 1
rm -f %[1]s
export MOSH_KEY
%[2]s%[3]s %[4]s %[5]d
echo "%[6]s$? @@@"
exec sleep 86400
`, ShellQuote(keyFile), env.String(), ShellQuote(client), addr.Addr(), addr.Port(), ExitStatusPrefix)
	path := filepath.Join(dir, "client.sh")
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		tb.Fatal(err)
	}
	return path
}

// ShellQuote quotes s for /bin/sh.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
