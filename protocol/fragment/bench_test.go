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
	var f Fragmenter
	inst := benchInstruction()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Make(inst, 1224); err != nil {
			b.Fatal(err)
		}
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
