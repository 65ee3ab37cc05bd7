package fragment

import (
	"testing"

	"github.com/roamterm/roam/protocol/wire"
)

// FuzzAssembler reads the input as a sequence of length-prefixed fragments
// (one length byte, then that many bytes) and feeds them to one Assembler.
// Nothing may panic and the held data must stay within its bounds.
func FuzzAssembler(f *testing.F) {
	var fr Fragmenter
	frags, _ := fr.Make(&wire.Instruction{ProtocolVersion: 2, NewNum: 1, Diff: []byte("hello, world")}, 20)
	var seed []byte
	for _, x := range frags {
		b := x.Append(nil)
		seed = append(seed, byte(len(b)))
		seed = append(seed, b...)
	}
	f.Add(seed)
	f.Add([]byte{3, 0, 0, 0})
	f.Add([]byte{10, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, in []byte) {
		var a Assembler
		for len(in) > 0 {
			n := min(int(in[0]), len(in)-1)
			frag, err := Parse(in[1 : 1+n])
			in = in[1+n:]
			if err != nil {
				continue
			}
			inst, err := a.Add(frag)
			if err == nil && inst != nil && inst.AppendMarshal(nil) == nil {
				t.Fatal("decoded instruction does not marshal")
			}
			if a.size > MaxCompressedSize || len(a.frags) > MaxNum+1 || a.have > len(a.frags) {
				t.Fatalf("bounds exceeded: size %d, slots %d, have %d", a.size, len(a.frags), a.have)
			}
		}
	})
}
