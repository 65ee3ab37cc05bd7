//go:build !unix

package main

// execTerminalClient does nothing where processes cannot be replaced: the
// desktop binary runs the terminal front end itself.
func execTerminalClient() {}
