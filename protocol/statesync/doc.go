// Package statesync holds the two objects the state-synchronisation
// protocol (SSP) keeps in step between client and server, as mosh's
// src/statesync does:
//
//   - UserStream, the client's state: the append-only log of what the user
//     typed and how the window was resized. Its diffs are wire.UserMessages.
//   - Complete, the server's state: the terminal emulator's screen plus the
//     echo acknowledgement. Its diffs are wire.HostMessages whose HostBytes
//     are vt.DisplayDiff output.
//
// Both satisfy transport.State structurally; this package does not import
// the transport, which in turn knows nothing of terminals. It is the only
// protocol package that imports vt.
//
// KeyTranslator is the server's per-connection rewrite of the cursor keys
// the real mosh-client sends (mosh's Terminal::UserInput).
//
// Nothing here is safe for concurrent use; one session goroutine owns the
// states. Clones that are no longer written may be read anywhere.
package statesync
