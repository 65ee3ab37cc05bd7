package fragment

import "hash/adler32"

// appendZlibLiterals appends to dst a zlib stream (RFC 1950) of b made of
// one final deflate block with the fixed Huffman codes (RFC 1951 §3.2.6)
// and literals only.
//
// Why: a keystroke, an acknowledgement or a heartbeat serialises to a few
// dozen bytes without repeats worth a match, for which this is as short
// as what a compressor finds, but a flate writer still builds and sizes
// its Huffman trees for them and walks tables that a process idle
// between keystrokes no longer has in its caches: in a client's profile
// that was a tenth of the cost of sending a keystroke.
func appendZlibLiterals(dst, b []byte) []byte {
	// CMF 0x78: deflate with a 32 KB window; FLG 0x01: fastest, and the
	// check bits that make CMF*256+FLG a multiple of 31.
	dst = append(dst, 0x78, 0x01)
	w := bitWriter{dst: dst}
	w.put(0b011, 3) // BFINAL 1, BTYPE 01 (fixed Huffman), LSB first
	for _, c := range b {
		code := fixedLiteralCodes[c]
		w.put(uint64(code.bits), uint(code.len))
	}
	w.put(0, 7) // end of block: code 256, seven zero bits
	dst = w.flush()
	sum := adler32.Checksum(b)
	return append(dst, byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum))
}

// bitWriter packs codes into bytes least significant bit first, as
// deflate stores them.
type bitWriter struct {
	dst  []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) put(bits uint64, n uint) {
	w.acc |= bits << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.dst = append(w.dst, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// flush writes the last partial byte, zero-padded, and returns the bytes.
func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.dst = append(w.dst, byte(w.acc))
	}
	w.acc, w.nacc = 0, 0
	return w.dst
}

// fixedCode is a literal's fixed Huffman code, bit-reversed so that it
// can be written least significant bit first (Huffman codes are defined
// most significant bit first).
type fixedCode struct {
	bits uint16
	len  uint8
}

// fixedLiteralCodes holds the codes of literals 0–255: 0–143 are the
// eight-bit codes 00110000 upwards, 144–255 the nine-bit codes 110010000
// upwards.
var fixedLiteralCodes = func() (t [256]fixedCode) {
	for c := range t {
		code, n := 0x30+c, uint8(8)
		if c >= 144 {
			code, n = 0x190+c-144, 9
		}
		t[c] = fixedCode{bits: reverseBits(uint16(code), n), len: n}
	}
	return t
}()

func reverseBits(v uint16, n uint8) uint16 {
	var r uint16
	for range n {
		r = r<<1 | v&1
		v >>= 1
	}
	return r
}
