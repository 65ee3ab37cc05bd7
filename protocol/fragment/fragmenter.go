package fragment

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"

	"github.com/roamterm/roam/protocol/wire"
)

// Fragmenter compresses instructions and cuts them into fragments. The zero
// value is ready to use. It is not safe for concurrent use.
type Fragmenter struct {
	// LiteralMax is the largest serialised instruction sent as literals,
	// without a compressor; below tinyInstruction (and when zero) it is
	// tinyInstruction. A client sets ClientLiteralMax.
	LiteralMax int

	id         uint64 // id of the last instruction; the first one gets 1
	last       []byte // serialised last instruction
	lastMax    int    // maxPayload of the last instruction
	serialised []byte // scratch buffer for the next instruction
	compressed bytes.Buffer
	zw         [2]*zlib.Writer // by size class (see compress)
}

// ErrTooLarge is returned when an instruction would need more than MaxNum+1
// fragments.
var ErrTooLarge = errors.New("fragment: instruction needs more than 32768 fragments")

// Make serialises inst, compresses it and returns its fragments, each at
// most maxPayload bytes long including the 10-byte header.
//
// mosh's sender takes a new id whenever a header field, the chaff or the MTU
// changes, and asserts the diff is then unchanged. Make compares the whole
// serialised instruction instead, so an id is reused only for an exact
// resend: the real peer aborts when a fragment it already holds arrives
// again with different bytes, and compares nothing else.
func (f *Fragmenter) Make(inst *wire.Instruction, maxPayload int) ([]Fragment, error) {
	if maxPayload <= HeaderLen {
		return nil, fmt.Errorf("fragment: max payload %d leaves no room for data", maxPayload)
	}
	f.serialised = inst.AppendMarshal(f.serialised[:0])
	if f.id == 0 || maxPayload != f.lastMax || !bytes.Equal(f.serialised, f.last) {
		f.id++
		f.last = append(f.last[:0], f.serialised...)
		f.lastMax = maxPayload
	}

	if err := f.compress(f.serialised); err != nil {
		return nil, err
	}
	payload := f.compressed.Bytes()
	dataMax := maxPayload - HeaderLen
	count := (len(payload) + dataMax - 1) / dataMax
	if count > MaxNum+1 {
		return nil, ErrTooLarge
	}
	// The slices share one buffer that the next call overwrites, so copy it.
	payload = bytes.Clone(payload)
	frags := make([]Fragment, 0, count)
	for num := 0; len(payload) > 0; num++ {
		n := min(len(payload), dataMax)
		frags = append(frags, Fragment{ID: f.id, Num: uint16(num), Final: n == len(payload), Data: payload[:n]})
		payload = payload[n:]
	}
	return frags, nil
}

// compress writes the zlib stream of b into f.compressed, reusing the
// compressors between calls: a flate writer allocates several hundred
// kilobytes.
//
// Instructions up to tinyInstruction bytes (keystrokes, acknowledgements,
// heartbeats, most echoes), or LiteralMax, go as literals in one
// fixed-Huffman block (appendZlibLiterals), without a compressor. Those up
// to smallInstruction bytes (most screen updates) are compressed at zlib's
// fastest level, the rest at its default level, as mosh's compress()
// does. Any of these decodes the same; on a few hundred bytes the levels
// find the same matches, but resetting the default level's compressor
// clears its 640 KB of hash chains, which cost more than all the rest of
// sending a keystroke.
func (f *Fragmenter) compress(b []byte) error {
	f.compressed.Reset()
	if len(b) <= max(tinyInstruction, f.LiteralMax) {
		f.compressed.Write(appendZlibLiterals(f.compressed.AvailableBuffer(), b))
		return nil
	}
	class, level := 0, zlib.BestSpeed
	if len(b) > smallInstruction {
		class, level = 1, zlib.DefaultCompression
	}
	zw := f.zw[class]
	if zw == nil {
		var err error
		if zw, err = zlib.NewWriterLevel(&f.compressed, level); err != nil {
			return fmt.Errorf("fragment: compress: %w", err)
		}
		f.zw[class] = zw
	} else {
		zw.Reset(&f.compressed)
	}
	if _, err := zw.Write(b); err != nil {
		return fmt.Errorf("fragment: compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("fragment: compress: %w", err)
	}
	return nil
}

// Size classes of compress. tinyInstruction is the largest serialised
// instruction sent as literals: up to there a compressor's matches rarely
// save the eight bytes by which its output (a block and the empty block
// that ends the stream) is longer. smallInstruction is the largest
// compressed at the fastest level.
const (
	tinyInstruction  = 64
	smallInstruction = 1024
)

// ClientLiteralMax is LiteralMax for a client. What a client sends above
// tinyInstruction bytes and up to this size is a burst of typing or a
// short paste: as literals (at most 9 bits a byte, so well under the
// 1,200-odd bytes of a fragment) it still goes in one datagram, while a
// compressor for it would be the client's largest allocation, over 1 MB,
// and brought its first garbage collection forward into a flood of
// output.
const ClientLiteralMax = smallInstruction
