// Package bookmark is Roam's saved connections: one small, human-editable
// TOML file per host with the extension ".roam", the directory that holds
// them (Store), the recent connections, an importer for ~/.ssh/config and
// a reader for ssh://user@host:port URLs.
//
// A bookmark file looks like this:
//
//	version = 1
//	name = "Build box"
//	host = "build.example.com"
//	user = "ci"
//	port = 2222
//	command = ["tmux", "new", "-A", "-s", "main"]
//	udp_port = "60001:60010"
//	predict = "adaptive"
//
// Files never hold passwords or keys: a field named like one is refused
// (ssh-agent and IdentityFile in ~/.ssh/config are the places for them).
// Fields this version does not know are kept when a bookmark is saved, so
// a file written by a newer Roam survives an edit in an older one.
// Comments, however, are not: saving rewrites the file from its values.
//
// A file that does not parse or validate gives an *Error naming the file,
// the line and the field; the store lists such a file with its error
// instead of dropping it, so one bad bookmark never hides the others.
//
// The package does not import Fyne (see vt/policy_test.go): it is the
// model the launcher window drives.
package bookmark
