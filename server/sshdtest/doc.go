// Package sshdtest runs a private OpenSSH sshd for end-to-end tests.
//
// Start launches Debian's /usr/sbin/sshd in the foreground on 127.0.0.1 with
// a kernel-chosen port. Everything it needs is generated in a temporary
// directory: an ed25519 host key, a user key pair, authorized_keys, a
// known_hosts file naming the host key as [127.0.0.1]:PORT, and an ssh_config
// with a Host alias for OpenSSH's client. Nothing touches ~/.ssh or the
// system's sshd. The test owns the process: it is killed on Cleanup.
//
// The harness can also set up the situations an SSH bootstrap must handle:
// a changed host key (Server.ChangeHostKey), password logins for throwaway
// users (AddUser, Options.PasswordAuthentication), a passphrase-protected key
// (Options.KeyPassphrase), a jump host (ProxyJumpConfig), and a remote host
// where a program is missing (Options.Hide, which runs sshd in a private
// mount namespace where the path does not exist).
//
// Tests that use this package run as root on the CI machine: sshd needs its
// privilege-separation directory /run/sshd, and AddUser, Hide and BindMounts
// need root. Missing tools are fatal, with the package to install.
package sshdtest
