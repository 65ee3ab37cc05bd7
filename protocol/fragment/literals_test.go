package fragment

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"testing"
)

// TestZlibLiteralsMatchRealZlib compares the stream with the one real zlib
// made of the instruction of mosh-wire.md §2.6 (TestWorkedVector): zlib
// found no match in it and chose the same fixed-Huffman block, so only
// the header's level bits differ.
func TestZlibLiteralsMatchRealZlib(t *testing.T) {
	inst := mustHex(t, "0802100018012000280032080a061a04285030183a00")
	want := mustHex(t, "7801"+"e360126090605460d06030e2e0629362d1083090b0620000105301de")
	if got := appendZlibLiterals(nil, inst); !bytes.Equal(got, want) {
		t.Errorf("stream = %x\nwant     %x", got, want)
	}
}

// TestZlibLiteralsRoundTrip decodes streams of inputs of every length up
// to beyond tinyInstruction, of every byte value, with compress/zlib.
func TestZlibLiteralsRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 9))
	inputs := [][]byte{nil, {0}, {143}, {144}, {255}}
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	inputs = append(inputs, all)
	for n := range 2 * tinyInstruction {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		inputs = append(inputs, b)
	}
	for _, in := range inputs {
		stream := appendZlibLiterals([]byte("prefix"), in)
		if !bytes.HasPrefix(stream, []byte("prefix")) {
			t.Fatalf("%x: prefix lost", in)
		}
		stream = stream[len("prefix"):]
		r, err := zlib.NewReader(bytes.NewReader(stream))
		if err != nil {
			t.Fatalf("%x: %v", in, err)
		}
		out, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(out, in) {
			t.Fatalf("%x: decoded %x, %v", in, out, err)
		}
		// 3 header bits, 8 or 9 per literal, 7 for the end of block.
		bits := 10
		for _, c := range in {
			bits += 8
			if c >= 144 {
				bits++
			}
		}
		if want := 2 + (bits+7)/8 + 4; len(stream) != want {
			t.Errorf("%x: %d bytes, want %d", in, len(stream), want)
		}
	}
}
