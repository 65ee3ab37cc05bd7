// Package tty is Roam's terminal front end and its command line: it
// parses roam's arguments (ParseArgs, without starting any GUI toolkit, so
// --tty, --help and --version never open a window) and runs a session in
// the current terminal (Run), as mosh-client does.
//
// In the terminal, the session's frames are drawn as display diffs
// (vt.AppendDisplayDiff) from what was drawn last, with the predictions
// underlined while unconfirmed and the notification bar on the top row,
// on the alternate screen unless MOSH_NO_TERM_INIT is set. The terminal
// is in raw mode; the escape key (Ctrl-^ by default) then "." quits and
// then Ctrl-Z suspends; Ctrl-L repaints.
//
// Invoked as mosh-client, or with MOSH_KEY set and a numeric IP and port,
// roam is a drop-in for mosh-client: the mosh wrapper can use it with
// --client, and it honours mosh-client's environment (MOSH_KEY, which is
// removed from the environment once read, MOSH_PREDICTION_DISPLAY,
// MOSH_PREDICTION_OVERWRITE, MOSH_ESCAPE_KEY, MOSH_TITLE_NOPREFIX,
// MOSH_NO_TERM_INIT), its messages and its exit status.
//
// "roam [options] [user@]host [-- COMMAND]" takes mosh's options and
// reaches the host with package launch: its questions (unknown host key,
// passphrase, password, upload consent) are asked on this terminal,
// secrets without echo; its diagnoses are printed with their explanation
// and fix. The session then starts in this terminal with the key held only
// in memory; if nothing comes back from the server within
// FirstContactTimeout, UDP is taken to be blocked and the session ends
// with launch.UDPBlockedError's explanation. --list-sessions and
// --kill-sessions show and end the servers left running on a host.
//
// A bare "roam", or "roam --local [-- COMMAND]", starts roam-server on
// 127.0.0.1 (found beside the roam binary or on PATH) and connects to
// it; the key travels over a pipe, never on a command line.
//
// This package must not import Fyne: it is the code path of a machine
// without a display (see vt/policy_test.go).
package tty
