package datagram

import "encoding/binary"

// NoTimestamp is the reserved timestamp value meaning "none".
const NoTimestamp uint16 = 65535

// Timestamp16 returns the 16-bit wire timestamp for a millisecond clock
// reading: ms mod 65536, except that the reserved NoTimestamp becomes 0.
// Any monotonic millisecond origin works, because a peer only ever
// subtracts timestamps it produced itself.
func Timestamp16(ms int64) uint16 {
	ts := uint16(ms)
	if ts == NoTimestamp {
		return 0
	}
	return ts
}

// Packet is the decoded content of one datagram.
type Packet struct {
	Seq            uint64
	Dir            Direction
	Timestamp      uint16 // sender's clock at build time; NoTimestamp if absent
	TimestampReply uint16 // echoed peer timestamp, advanced by the hold time; NoTimestamp if none
	Payload        []byte // one fragment, for the transport
}

// SealPacket appends p as a datagram to dst and returns the extended slice.
// The same nonce rules and panics as Seal apply.
func (s *Session) SealPacket(dst []byte, p *Packet) []byte {
	plaintext := make([]byte, TimestampsSize, TimestampsSize+len(p.Payload))
	binary.BigEndian.PutUint16(plaintext[0:], p.Timestamp)
	binary.BigEndian.PutUint16(plaintext[2:], p.TimestampReply)
	plaintext = append(plaintext, p.Payload...)
	return s.Seal(dst, p.Dir, p.Seq, plaintext)
}

// OpenPacket opens datagram (see Open) and splits its plaintext. The
// payload does not alias datagram.
func (s *Session) OpenPacket(datagram []byte) (Packet, error) {
	dir, seq, plaintext, err := s.Open(nil, datagram)
	if err != nil {
		return Packet{}, err
	}
	return Packet{
		Seq:            seq,
		Dir:            dir,
		Timestamp:      binary.BigEndian.Uint16(plaintext[0:]),
		TimestampReply: binary.BigEndian.Uint16(plaintext[2:]),
		Payload:        plaintext[TimestampsSize:],
	}, nil
}
