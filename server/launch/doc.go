// Package launch gets a user from a host name to a running mosh-compatible
// server: it connects with an embedded SSH client, finds or uploads a server
// on the host, starts it the way mosh does, and returns the UDP address and
// session key the client then uses. The SSH connection is closed before
// Connect returns; the session itself never touches SSH.
//
// SSH follows OpenSSH's configuration (~/.ssh/config and /etc/ssh/ssh_config:
// Host patterns, HostName, User, Port, IdentityFile, IdentitiesOnly,
// IdentityAgent, ProxyJump, ProxyCommand, UserKnownHostsFile,
// GlobalKnownHostsFile, StrictHostKeyChecking, HashKnownHosts, HostKeyAlias,
// ConnectTimeout) and authenticates with the agent, key files, keyboard-
// interactive and passwords. Host keys are checked against known_hosts: an
// unknown key is shown to the user through Callbacks.UnknownHost and never
// accepted silently; a changed key is refused with *HostKeyChangedError
// before anything runs on the host.
//
// The server is started through the user's login shell (so PATH set in
// .profile or .zprofile applies) in this order: the --server override if
// given; else a roam-server of this exact version cached under
// ${XDG_CACHE_HOME:-~/.cache}/roam/<version>/ whose SHA-256 still matches;
// else mosh-server on PATH or in the usual places. If none is found, and the
// user agrees once per host, the bundled roam-server for the host's platform
// (package bundle) is uploaded, checked and cached, then started. The
// command line is mosh.pl's: each argument single-quoted, under a pty.
//
// Every failure a user can fix is a typed error with a Help paragraph that
// explains it and names the fix (see Diagnosis). Secrets stay in memory: the
// session key is a datagram.Key, which never prints.
package launch
