// Package faults proves that a Roam session survives what the network and
// the operating system do to it, and that it keeps its secrets. It has no
// API: everything is in its tests, which `make test` runs in short versions
// and `make soak` (ROAM_SOAK=1) in long ones.
//
// Every test runs Roam's own pair: roam-server, started the way an SSH
// session would start it, and roam (the mosh-client drop-in) drawing into a
// private tmux pane, with a linktest.Relay in between where the path is to
// be impaired (loss, delay, roaming, a dead link) and a passive packet
// sniffer on the loopback interface where datagrams are to be replayed.
// Each case runs the same commands straight in another tmux pane and ends
// by comparing the two screens cell by cell, so that a lost or duplicated
// byte shows as a difference.
//
// The cases: loss of 10, 30 and 50 % each way at 100 ms round trip; ten
// address changes during output over IPv4 and IPv6; client and server
// stopped (SIGSTOP) for a minute (an hour in the soak); the link down for
// 30 s (5 minutes in the soak); a server restart, which a session cannot
// survive by design and which the client must report; floods of garbage,
// replayed, wrong-key and truncated datagrams at both ends; escape-sequence
// bombs from the remote side; the remaining end-to-end cases of mosh's own
// suite (mosh-wire §9.2); and the secret checks: the session key on no
// command line, in no log, stack dump or screen, core dumps off, and the
// warning a server run as root prints.
package faults
