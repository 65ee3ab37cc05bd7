package datagram

import "errors"

// Reasons Open rejects a datagram. All of them mean "drop it": none is
// fatal to the session, and callers on the hot path should not log them per
// packet.
var (
	// ErrShort: the datagram is shorter than MinSize (nonce tail + tag).
	ErrShort = errors.New("datagram: datagram too short")
	// ErrOversize: the datagram is longer than MaxSize (mosh's receive buffer).
	ErrOversize = errors.New("datagram: oversize datagram")
	// ErrAuth: OCB authentication failed (wrong key, corruption, forgery).
	ErrAuth = errors.New("datagram: packet failed integrity check")
	// ErrNoTimestamps: the authentic plaintext is too short to hold the
	// two timestamps.
	ErrNoTimestamps = errors.New("datagram: plaintext too short for timestamps")
)
