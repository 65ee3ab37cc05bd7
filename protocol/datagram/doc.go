// Package datagram seals and opens mosh 1.4 datagrams.
//
// A datagram on the wire is
//
//	offset  size  field
//	0       8     nonce tail: big-endian uint64 = direction<<63 | sequence
//	8       n     AES-128-OCB3 ciphertext of the plaintext
//	8+n     16    OCB authentication tag
//
// and its plaintext starts with two big-endian uint16 timestamps
// (timestamp, timestamp_reply; 65535 means "none") followed by the payload,
// which the transport fills with one fragment.
//
// The cipher is OCB3 as specified by RFC 7253 with AES-128, a 96-bit nonce
// (four zero bytes followed by the nonce tail) and a 128-bit tag, with no
// associated data. One key protects both directions; the direction bit keeps
// the two nonce spaces apart, so a sender must never reuse a sequence number.
//
// The package has no sockets and no clocks: callers pass sequence numbers
// and millisecond timestamps in. Package conn owns both.
//
// References: mosh src/network/network.cc (Packet), src/crypto/crypto.cc
// (Session, Base64Key), RFC 7253.
package datagram
