package datagram

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"fmt"

	"github.com/ProtonMail/go-crypto/ocb"
)

// Sizes of a datagram's parts, in bytes.
const (
	NonceTailSize  = 8                                        // big-endian direction<<63 | seq
	TagSize        = 16                                       // OCB tag
	TimestampsSize = 4                                        // timestamp, timestamp_reply
	MinSize        = NonceTailSize + TagSize                  // shortest datagram Open considers
	MaxSize        = 2048                                     // mosh's receive buffer; longer datagrams are rejected
	Overhead       = NonceTailSize + TimestampsSize + TagSize // datagram size minus payload size
	ocbNonceSize   = 12                                       // 4 zero bytes + nonce tail
)

// MaxSeq is the largest sequence number: the top bit of the nonce tail
// belongs to the direction.
const MaxSeq = 1<<63 - 1

const directionBit = 1 << 63

// Direction says which way a datagram travels. It is the top bit of the
// nonce, so the two sides never share a nonce although they share the key.
type Direction uint8

const (
	ToServer Direction = 0 // client → server
	ToClient Direction = 1 // server → client
)

func (d Direction) String() string {
	switch d {
	case ToServer:
		return "ToServer"
	case ToClient:
		return "ToClient"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// Session seals and opens datagrams under one key.
//
// A Session is not safe for concurrent use: the OCB implementation caches
// per-nonce state between calls. Each connection owns one and uses it from
// a single goroutine.
type Session struct {
	aead cipher.AEAD
}

// NewSession returns a Session for key.
func NewSession(key Key) (*Session, error) {
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, fmt.Errorf("datagram: %w", err)
	}
	aead, err := ocb.NewOCBWithNonceAndTagSize(block, ocbNonceSize, TagSize)
	if err != nil {
		return nil, fmt.Errorf("datagram: %w", err)
	}
	return &Session{aead: aead}, nil
}

func nonceTail(dir Direction, seq uint64) uint64 {
	tail := seq
	if dir == ToClient {
		tail |= directionBit
	}
	return tail
}

// Seal appends to dst the datagram carrying plaintext with the given
// direction and sequence number, and returns the extended slice.
//
// The caller guarantees that (dir, seq) is never used twice under the same
// key; reusing a nonce breaks OCB's confidentiality and authenticity.
// Seal panics if seq > MaxSeq, which only a caller bug can cause.
func (s *Session) Seal(dst []byte, dir Direction, seq uint64, plaintext []byte) []byte {
	if seq > MaxSeq {
		panic("datagram: sequence number overflows 63 bits")
	}
	var nonce [ocbNonceSize]byte
	binary.BigEndian.PutUint64(nonce[4:], nonceTail(dir, seq))
	dst = append(dst, nonce[4:]...)
	return s.aead.Seal(dst, nonce[:], plaintext, nil)
}

// Open authenticates and decrypts datagram, appends the plaintext to dst and
// returns it with the datagram's direction and sequence number. It rejects,
// with one of the package's sentinel errors, datagrams shorter than MinSize
// or longer than MaxSize, forged or corrupted ones, and authentic ones whose
// plaintext cannot hold the timestamps. It never panics.
//
// The plaintext does not alias datagram.
func (s *Session) Open(dst, datagram []byte) (dir Direction, seq uint64, plaintext []byte, err error) {
	switch {
	case len(datagram) < MinSize:
		return 0, 0, nil, ErrShort
	case len(datagram) > MaxSize:
		return 0, 0, nil, ErrOversize
	}
	var nonce [ocbNonceSize]byte
	copy(nonce[4:], datagram[:NonceTailSize])
	tail := binary.BigEndian.Uint64(nonce[4:])
	plaintext, err = s.aead.Open(dst, nonce[:], datagram[NonceTailSize:], nil)
	if err != nil {
		return 0, 0, nil, ErrAuth
	}
	if len(plaintext)-len(dst) < TimestampsSize {
		return 0, 0, nil, ErrNoTimestamps
	}
	if tail&directionBit != 0 {
		dir = ToClient
	}
	return dir, tail &^ directionBit, plaintext, nil
}
