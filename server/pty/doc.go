// Package pty starts a child process on a new pseudo-terminal, the way
// mosh-server's forkpty does: the child is a session leader whose
// controlling terminal is the pty's slave side, the slave has IUTF8 set
// (where the platform has it) so that the line discipline erases whole
// UTF-8 characters, and the parent keeps the master side to read the
// child's output, write its input and change its window size.
//
// Only Unix systems have ptys; elsewhere Start returns ErrUnsupported.
package pty
