package fragment

import (
	"testing"

	"github.com/roamterm/roam/protocol/wire"
)

func benchInstruction() *wire.Instruction {
	diff := make([]byte, 2048) // a typical screen update
	for i := range diff {
		diff[i] = byte('a' + i*7%26)
	}
	return &wire.Instruction{ProtocolVersion: 2, OldNum: 10, NewNum: 11, AckNum: 5, ThrowawayNum: 10, Diff: diff}
}

func BenchmarkMake(b *testing.B) {
	for _, bc := range []struct {
		name string
		inst *wire.Instruction
	}{
		{"screen", benchInstruction()},
		// One keystroke of the user stream, or an acknowledgement.
		{"keystroke", &wire.Instruction{ProtocolVersion: 2, OldNum: 41, NewNum: 42, AckNum: 17, ThrowawayNum: 40, Diff: []byte{0x0a, 0x03, 0x12, 0x01, 'x'}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var f Fragmenter
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.Make(bc.inst, 1224); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAssemble(b *testing.B) {
	var f Fragmenter
	frags, err := f.Make(benchInstruction(), 1224)
	if err != nil {
		b.Fatal(err)
	}
	var a Assembler
	b.ReportAllocs()
	for b.Loop() {
		for _, fr := range frags {
			if _, err := a.Add(fr); err != nil {
				b.Fatal(err)
			}
		}
	}
}
