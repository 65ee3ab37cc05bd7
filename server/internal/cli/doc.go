// Package cli parses roam-server's command line, which is mosh-server's:
//
//	roam-server new [-s] [-v] [-i LOCALADDR] [-p PORT[:PORT2]] [-c COLORS] [-l NAME=VALUE] [-- COMMAND...]
//
// plus --help/-h and --version anywhere before "--", and the legacy forms
// with no arguments, "IP" or "IP PORT". Parsing is pure: warnings that
// mosh-server prints (a missing SSH_CONNECTION, unknown options) are
// returned for the caller to print.
package cli
