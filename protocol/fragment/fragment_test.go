package fragment

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/roamterm/roam/protocol/wire"
)

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		hex     string
		want    Fragment
		wantErr error
	}{
		{name: "empty", hex: "", wantErr: ErrShort},
		{name: "nine bytes", hex: "000000000000000180", wantErr: ErrShort},
		{name: "header only", hex: "00000000000000018000", want: Fragment{ID: 1, Final: true, Data: []byte{}}},
		{name: "not final", hex: "0102030405060708" + "7fff" + "aa",
			want: Fragment{ID: 0x0102030405060708, Num: 0x7fff, Data: []byte{0xaa}}},
		{name: "final with number", hex: "ffffffffffffffff" + "8003" + "bbcc",
			want: Fragment{ID: ^uint64(0), Num: 3, Final: true, Data: []byte{0xbb, 0xcc}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := mustHex(t, tc.hex)
			got, err := Parse(b)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Parse error = %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse = %+v, want %+v", got, tc.want)
			}
			if back := got.Append(nil); !bytes.Equal(back, b) {
				t.Errorf("Append = %x, want %x", back, b)
			}
		})
	}
}

// TestWorkedVector decodes the client→server fragment of mosh-wire.md §2.6,
// compressed by real zlib (Make emits the same deflate data but for the
// header's level bits: see TestZlibLiteralsMatchRealZlib).
func TestWorkedVector(t *testing.T) {
	frag, err := Parse(mustHex(t, "0000000000000001"+"8000"+"789ce360126090605460d06030e2e0629362d1083090b0620000105301de"))
	if err != nil {
		t.Fatal(err)
	}
	var a Assembler
	inst, err := a.Add(frag)
	if err != nil || inst == nil {
		t.Fatalf("Add = %v, %v; want an instruction", inst, err)
	}
	if got, want := inst.AppendMarshal(nil), mustHex(t, "0802100018012000280032080a061a04285030183a00"); !bytes.Equal(got, want) {
		t.Errorf("instruction = %x, want %x", got, want)
	}
}

func TestFragmenterIDs(t *testing.T) {
	base := wire.Instruction{ProtocolVersion: 2, OldNum: 1, NewNum: 2, AckNum: 3, Diff: []byte("diff")}
	with := func(change func(*wire.Instruction)) *wire.Instruction {
		inst := base
		change(&inst)
		return &inst
	}
	steps := []struct {
		name       string
		inst       *wire.Instruction
		maxPayload int
		wantID     uint64
	}{
		{"first instruction gets id 1", &base, 1000, 1},
		{"identical resend keeps the id", &base, 1000, 1},
		{"new max payload", &base, 500, 2},
		{"new chaff", with(func(i *wire.Instruction) { i.Chaff = []byte{1} }), 500, 3},
		{"back to the old bytes is still a new instruction", &base, 500, 4},
		{"new ack", with(func(i *wire.Instruction) { i.AckNum = 4 }), 500, 5},
		{"new throwaway", with(func(i *wire.Instruction) { i.AckNum = 4; i.ThrowawayNum = 1 }), 500, 6},
		{"different diff with the same numbers", with(func(i *wire.Instruction) {
			i.AckNum = 4
			i.ThrowawayNum = 1
			i.Diff = []byte("other")
		}), 500, 7},
	}
	var f Fragmenter
	for _, s := range steps {
		frags, err := f.Make(s.inst, s.maxPayload)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		for _, fr := range frags {
			if fr.ID != s.wantID {
				t.Errorf("%s: id %d, want %d", s.name, fr.ID, s.wantID)
			}
		}
	}
}

func TestFragmenterSplitsAndAssemblerRejoins(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	incompressible := make([]byte, 5000)
	for i := range incompressible {
		incompressible[i] = byte(rng.Uint32())
	}
	inst := &wire.Instruction{ProtocolVersion: 2, OldNum: 7, NewNum: 8, Diff: incompressible, Chaff: []byte{9}}
	for _, maxPayload := range []int{11, 100, 1252 - 28, 1216 - 28, 500 - 28, 1 << 20} {
		var f Fragmenter
		frags, err := f.Make(inst, maxPayload)
		if err != nil {
			t.Fatalf("maxPayload %d: %v", maxPayload, err)
		}
		for i, fr := range frags {
			if size := len(fr.Append(nil)); size > maxPayload {
				t.Errorf("maxPayload %d: fragment %d is %d bytes", maxPayload, i, size)
			}
			if int(fr.Num) != i || fr.Final != (i == len(frags)-1) {
				t.Errorf("maxPayload %d: fragment %d has num %d final %v", maxPayload, i, fr.Num, fr.Final)
			}
		}
		// Deliver in reverse with a duplicate: order within an instruction
		// does not matter.
		var a Assembler
		var got *wire.Instruction
		for i := len(frags) - 1; i >= 0; i-- {
			for range 2 {
				wireBytes := frags[i].Append(nil)
				fr, err := Parse(wireBytes)
				if err != nil {
					t.Fatal(err)
				}
				inst, err := a.Add(fr)
				if err != nil {
					t.Fatalf("maxPayload %d: Add: %v", maxPayload, err)
				}
				if inst != nil {
					got = inst
				}
				clear(wireBytes) // the Assembler must have copied the data
			}
		}
		if !reflect.DeepEqual(got, inst) {
			t.Errorf("maxPayload %d: reassembled %+v", maxPayload, got)
		}
	}
}

func TestFragmenterRejectsTinyPayload(t *testing.T) {
	var f Fragmenter
	if _, err := f.Make(&wire.Instruction{}, HeaderLen); err == nil {
		t.Error("Make with no room for data succeeded")
	}
}

func zlibBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestAssembler(t *testing.T) {
	valid := zlibBytes(t, (&wire.Instruction{ProtocolVersion: 2, NewNum: 1}).AppendMarshal(nil))
	tests := []struct {
		name    string
		frags   []Fragment
		want    []bool // per fragment: does Add return an instruction
		wantErr error  // expected on the last fragment
	}{
		{
			name:  "single fragment",
			frags: []Fragment{{ID: 1, Final: true, Data: valid}},
			want:  []bool{true},
		},
		{
			name: "new id discards the partial instruction",
			frags: []Fragment{
				{ID: 1, Num: 0, Data: valid[:5]},
				{ID: 2, Num: 1, Final: true, Data: valid[5:]},
				{ID: 1, Num: 1, Final: true, Data: valid[5:]},
			},
			want: []bool{false, false, false},
		},
		{
			name: "two fragments complete",
			frags: []Fragment{
				{ID: 1, Num: 1, Final: true, Data: valid[5:]},
				{ID: 1, Num: 0, Data: valid[:5]},
			},
			want: []bool{false, true},
		},
		{
			name: "duplicate fragment ignored even if different",
			frags: []Fragment{
				{ID: 1, Num: 0, Data: valid[:5]},
				{ID: 1, Num: 0, Data: []byte("junk!")},
				{ID: 1, Num: 1, Final: true, Data: valid[5:]},
			},
			want: []bool{false, false, true},
		},
		{
			name: "late duplicate of a completed instruction is delivered again",
			frags: []Fragment{
				{ID: 1, Final: true, Data: valid},
				{ID: 1, Final: true, Data: valid},
			},
			want: []bool{true, true},
		},
		{
			name: "final below a received fragment",
			frags: []Fragment{
				{ID: 1, Num: 3, Data: []byte{1}},
				{ID: 1, Num: 1, Final: true, Data: []byte{1}},
			},
			want:    []bool{false, false},
			wantErr: ErrInconsistent,
		},
		{
			name: "fragment beyond the final",
			frags: []Fragment{
				{ID: 1, Num: 1, Final: true, Data: []byte{1}},
				{ID: 1, Num: 2, Data: []byte{1}},
			},
			want:    []bool{false, false},
			wantErr: ErrInconsistent,
		},
		{
			name:    "corrupt zlib",
			frags:   []Fragment{{ID: 1, Final: true, Data: []byte("not zlib at all")}},
			want:    []bool{false},
			wantErr: errAny,
		},
		{
			name:    "bad checksum",
			frags:   []Fragment{{ID: 1, Final: true, Data: append(bytes.Clone(valid[:len(valid)-1]), valid[len(valid)-1]^1)}},
			want:    []bool{false},
			wantErr: errAny,
		},
		{
			name:    "decompresses to bad protobuf",
			frags:   []Fragment{{ID: 1, Final: true, Data: zlibBytes(t, []byte{0x08})}},
			want:    []bool{false},
			wantErr: errAny,
		},
		{
			name:    "decompression bomb",
			frags:   []Fragment{{ID: 1, Final: true, Data: zlibBytes(t, make([]byte, MaxInstructionSize+1))}},
			want:    []bool{false},
			wantErr: ErrOversize,
		},
		{
			name:  "exactly the size limit is accepted",
			frags: []Fragment{{ID: 1, Final: true, Data: zlibBytes(t, paddedInstruction(MaxInstructionSize))}},
			want:  []bool{true},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a Assembler
			for i, fr := range tc.frags {
				inst, err := a.Add(fr)
				last := i == len(tc.frags)-1
				switch {
				case last && tc.wantErr == errAny:
					if err == nil {
						t.Fatalf("fragment %d: no error", i)
					}
				case last && tc.wantErr != nil:
					if !errors.Is(err, tc.wantErr) {
						t.Fatalf("fragment %d: error %v, want %v", i, err, tc.wantErr)
					}
				case err != nil:
					t.Fatalf("fragment %d: %v", i, err)
				}
				if (inst != nil) != tc.want[i] {
					t.Errorf("fragment %d: instruction %v, want one: %v", i, inst, tc.want[i])
				}
			}
		})
	}
}

// errAny marks a test case that expects some error.
var errAny = errors.New("any error")

// paddedInstruction is a serialised Instruction of exactly n bytes.
func paddedInstruction(n int) []byte {
	b := (&wire.Instruction{ProtocolVersion: 2, Diff: make([]byte, n-32)}).AppendMarshal(nil)
	if (n-len(b))%2 == 1 {
		b = append(b, 0x40, 0x80, 0x00) // unknown field 8, non-minimal varint 0
	}
	for len(b) < n {
		b = append(b, 0x40, 0x00) // unknown field 8, value 0
	}
	return b
}

func TestAssemblerBoundsCompressedSize(t *testing.T) {
	var a Assembler
	chunk := make([]byte, 1200)
	var err error
	for num := 0; num <= MaxNum && err == nil; num++ {
		_, err = a.Add(Fragment{ID: 9, Num: uint16(num), Data: chunk})
		if a.size > MaxCompressedSize {
			t.Fatalf("holding %d bytes", a.size)
		}
	}
	if !errors.Is(err, ErrOversize) {
		t.Fatalf("error %v, want %v", err, ErrOversize)
	}
}

// TestFragmenterLiteralMax: up to LiteralMax serialised bytes an
// instruction goes without a compressor, and the largest a client sends
// so, of bytes that cost 9 bits each, still fits one fragment at the MTUs
// of IPv4 and IPv6; above it, and without LiteralMax above
// tinyInstruction, a compressor is made.
func TestFragmenterLiteralMax(t *testing.T) {
	// An instruction that serialises to exactly size bytes, all of its
	// diff bytes among the literals with 9-bit codes.
	sized := func(size int) *wire.Instruction {
		inst := &wire.Instruction{ProtocolVersion: 2, OldNum: 7, NewNum: 8}
		for n := size; n > 0; n-- {
			inst.Diff = bytes.Repeat([]byte{0xe9}, n)
			if got := len(inst.AppendMarshal(nil)); got == size {
				return inst
			}
		}
		t.Fatalf("no instruction of %d bytes", size)
		return nil
	}
	tests := []struct {
		literalMax, size int
		compressor       bool
	}{
		{0, tinyInstruction, false},
		{0, tinyInstruction + 1, true},
		{ClientLiteralMax, tinyInstruction + 1, false},
		{ClientLiteralMax, ClientLiteralMax, false},
		{ClientLiteralMax, ClientLiteralMax + 1, true},
	}
	for _, tt := range tests {
		inst := sized(tt.size)
		for _, maxPayload := range []int{1252 - 28, 1216 - 28} {
			f := Fragmenter{LiteralMax: tt.literalMax}
			frags, err := f.Make(inst, maxPayload)
			if err != nil {
				t.Fatal(err)
			}
			if made := f.zw[0] != nil || f.zw[1] != nil; made != tt.compressor {
				t.Errorf("LiteralMax %d, %d bytes: compressor made %v, want %v", tt.literalMax, tt.size, made, tt.compressor)
			}
			if !tt.compressor && len(frags) != 1 {
				t.Errorf("LiteralMax %d, %d bytes, max payload %d: %d fragments, want 1", tt.literalMax, tt.size, maxPayload, len(frags))
			}
			var a Assembler
			var got *wire.Instruction
			for _, fr := range frags {
				if got, err = a.Add(fr); err != nil {
					t.Fatal(err)
				}
			}
			if !reflect.DeepEqual(got, inst) {
				t.Errorf("LiteralMax %d, %d bytes: reassembled another instruction", tt.literalMax, tt.size)
			}
		}
	}
}
