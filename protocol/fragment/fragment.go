package fragment

import (
	"encoding/binary"
	"errors"
)

// HeaderLen is the size of the fragment header that precedes the data.
const HeaderLen = 10

// MaxNum is the largest fragment number: the number shares 16 bits with the
// final flag, and the real peer aborts on a number with the top bit set.
const MaxNum = 0x7fff

const finalBit = 0x8000

// ErrShort is returned by Parse for input shorter than HeaderLen. The real
// mosh aborts on such a fragment; we drop it.
var ErrShort = errors.New("fragment: shorter than the 10-byte header")

// Fragment is one piece of a compressed instruction.
type Fragment struct {
	ID    uint64 // instruction id, shared by all fragments of an instruction
	Num   uint16 // position of Data in the compressed stream, 0 ≤ Num ≤ MaxNum
	Final bool   // set on the last fragment of the instruction only
	Data  []byte // slice of the zlib stream
}

// Parse decodes a fragment. Data aliases b.
func Parse(b []byte) (Fragment, error) {
	if len(b) < HeaderLen {
		return Fragment{}, ErrShort
	}
	numAndFinal := binary.BigEndian.Uint16(b[8:10])
	return Fragment{
		ID:    binary.BigEndian.Uint64(b[0:8]),
		Num:   numAndFinal &^ finalBit,
		Final: numAndFinal&finalBit != 0,
		Data:  b[HeaderLen:],
	}, nil
}

// Append appends the encoding of f (header, then data) to dst. Num must not
// exceed MaxNum; its top bit would be read as the final flag.
func (f Fragment) Append(dst []byte) []byte {
	numAndFinal := f.Num &^ finalBit
	if f.Final {
		numAndFinal |= finalBit
	}
	dst = binary.BigEndian.AppendUint64(dst, f.ID)
	dst = binary.BigEndian.AppendUint16(dst, numAndFinal)
	return append(dst, f.Data...)
}
