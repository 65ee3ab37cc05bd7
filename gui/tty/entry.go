package tty

import "os"

// Main runs the terminal front end for a process's whole command line
// (argv[0] included, so that a binary named mosh-client acts as one) and
// returns the exit status. Both `roam-tty` and the desktop app's terminal
// path use it.
func Main(argv []string) int {
	inv, err := ParseArgs(argv[0], argv[1:], os.LookupEnv)
	// As mosh-client: the key must not linger where child processes and
	// /proc/PID/environ can see it.
	os.Unsetenv("MOSH_KEY")
	if err != nil {
		return Fail(err)
	}
	return Run(inv)
}
