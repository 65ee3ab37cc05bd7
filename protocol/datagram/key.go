package datagram

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
)

// KeySize is the length of a session key in bytes (AES-128).
const KeySize = 16

// printableKeyLen is the length of Key.Printable: 16 bytes in standard
// base64 are 24 characters, the last two always "==", which mosh drops.
const printableKeyLen = 22

// Errors returned by ParseKey. They never contain the key text.
var (
	ErrKeyLength = errors.New("datagram: key must be 22 letters long")
	ErrKeyBase64 = errors.New("datagram: key must be well-formed base64")
	ErrKeyBits   = errors.New("datagram: base64 key was not an encoded 128-bit key")
)

// Key is a 16-byte AES-128 session key shared by client and server.
//
// Key deliberately prints as "datagram.Key(redacted)" under every fmt verb,
// so it cannot leak through logs or error messages by accident; use
// Printable for the one place that must show it (the MOSH CONNECT line).
// Do not embed a Key in a struct that may be printed: fmt cannot call the
// methods of unexported fields and would print their bytes.
type Key [KeySize]byte

const redactedKey = "datagram.Key(redacted)"

// NewKey returns a fresh random key from crypto/rand.
func NewKey() (Key, error) {
	var k Key
	if _, err := io.ReadFull(rand.Reader, k[:]); err != nil {
		return Key{}, fmt.Errorf("datagram: generating key: %w", err)
	}
	return k, nil
}

// ParseKey decodes the 22-character printable form used by mosh
// (MOSH_KEY, the MOSH CONNECT line): standard base64 without the "=="
// padding. Like mosh's Base64Key it is strict: only the standard alphabet,
// exactly 22 characters, and the four unused low bits of the last character
// must be zero (so it is one of A, Q, g, w).
func ParseKey(s string) (Key, error) {
	if len(s) != printableKeyLen {
		return Key{}, ErrKeyLength
	}
	for i := 0; i < len(s); i++ {
		if !isBase64Std(s[i]) {
			// Checked by hand because encoding/base64 skips \r and \n.
			return Key{}, ErrKeyBase64
		}
	}
	var k Key
	n, err := base64.StdEncoding.Strict().Decode(k[:], []byte(s+"=="))
	if err != nil {
		// With the alphabet and length already checked, the only way left
		// to fail is non-zero padding bits in the last character.
		return Key{}, ErrKeyBits
	}
	if n != KeySize {
		return Key{}, ErrKeyBits
	}
	return k, nil
}

func isBase64Std(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/'
}

// Printable returns the key in mosh's 22-character form, the inverse of
// ParseKey. It is the only method that reveals the key.
func (k Key) Printable() string {
	return base64.StdEncoding.EncodeToString(k[:])[:printableKeyLen]
}

// String returns a redacted placeholder, never the key.
func (k Key) String() string { return redactedKey }

// GoString returns a redacted placeholder, never the key.
func (k Key) GoString() string { return redactedKey }

// Format prints a redacted placeholder for every verb (%v, %s, %x, %q, ...),
// so that no formatting path reaches the key bytes.
func (k Key) Format(f fmt.State, verb rune) { io.WriteString(f, redactedKey) }
