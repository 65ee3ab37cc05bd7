// Package daemon detaches roam-server from the SSH session that started
// it.
//
// mosh-server forks: the parent prints the banner and exits, so that ssh
// returns, and the child goes on serving. A Go program cannot fork, so
// Spawn re-executes the running binary in a new session (setsid) with its
// stdio on /dev/null, marked by an environment variable that Detached
// recognises and removes. The child binds the UDP socket and makes the
// session key itself, then sends the parent a Report over a pipe (file
// descriptor 3): the port and key for the MOSH CONNECT line, warnings, or
// the error that stopped it. So the key never appears in an argument list
// or in anyone's environment, and the port printed is the port in use.
package daemon
