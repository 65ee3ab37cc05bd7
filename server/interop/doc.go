// Package interop proves, against Debian's real mosh 1.4 programs, that
// roam-server is a drop-in mosh-server. It has no API: everything is in its
// tests, which `make test` runs.
//
// Every test starts roam-server (built once by TestMain) the way an SSH
// session would, runs the real mosh-client in a private tmux pane and looks
// at the pane: mosh's end-to-end stimuli (src/tests/, mosh-wire §9.2) must
// draw the same screen through mosh-client and roam-server as straight in
// tmux; resizing, exiting, 100 back-to-back sessions, the no-diff CPU bound,
// the `mosh` wrapper over a real sshd, hostile datagrams, roaming and a
// lossy, slow link must all behave as with mosh-server; and what Roam sends
// beyond mosh 1.4 (faint, strikethrough, OSC 8) must be harmless to the real
// client, while no terminal query ever reaches it.
//
// The network path between client and server is either direct (127.0.0.1),
// a linktest.Relay (loss, delay, roaming) or a small recording tap of the
// tests' own (hostile datagrams replayed from a real session).
package interop
