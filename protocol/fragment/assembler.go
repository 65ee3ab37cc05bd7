package fragment

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"

	"github.com/roamterm/roam/protocol/wire"
)

// MaxInstructionSize bounds a decompressed instruction: mosh uncompress()es
// into a 2048×2048-byte buffer and rejects anything larger.
const MaxInstructionSize = 4 << 20

// MaxCompressedSize bounds the compressed bytes held for one instruction,
// so that a peer cannot make the Assembler buffer without limit.
const MaxCompressedSize = 4 << 20

// Errors returned by Assembler.Add. Each one drops the instruction being
// assembled; the session carries on with the next.
var (
	ErrInconsistent = errors.New("fragment: fragments of one instruction disagree on its length")
	ErrOversize     = errors.New("fragment: instruction exceeds the size limit")
)

// Assembler rebuilds instructions from fragments. Like mosh's
// FragmentAssembly it keeps one instruction at a time: a fragment with
// another id discards the partial one, so reordering across instructions
// loses the older instruction (the state sync protocol resends). The zero
// value is ready to use. It is not safe for concurrent use.
type Assembler struct {
	active bool     // id is meaningful
	id     uint64   // instruction being assembled
	frags  [][]byte // data by fragment number; nil = not yet received
	have   int      // number of non-nil entries in frags
	total  int      // number of fragments once the final one is known, else 0
	size   int      // sum of the data lengths held

	zr  io.ReadCloser // reused zlib reader (a zlib.Resetter)
	out bytes.Buffer  // reused decompression buffer
}

// Add records f. It returns the decoded instruction when f completes one,
// nil when more fragments are needed or f duplicates one already held, and
// an error when the instruction is malformed, too large or fails to
// decompress or parse. f.Data is copied; the caller may reuse it.
func (a *Assembler) Add(f Fragment) (*wire.Instruction, error) {
	if !a.active || f.ID != a.id {
		a.reset()
		a.active, a.id = true, f.ID
	}
	num := int(f.Num)
	if num < len(a.frags) && a.frags[num] != nil {
		return nil, nil // duplicate: mosh asserts it is identical; we keep the first
	}
	if a.total != 0 && num >= a.total {
		a.reset()
		return nil, fmt.Errorf("%w: fragment %d after final fragment %d", ErrInconsistent, num, a.total-1)
	}
	if f.Final {
		if len(a.frags) > num+1 {
			a.reset()
			return nil, fmt.Errorf("%w: final fragment %d below a received one", ErrInconsistent, num)
		}
		a.total = num + 1
	}
	if a.size+len(f.Data) > MaxCompressedSize {
		a.reset()
		return nil, fmt.Errorf("%w: more than %d compressed bytes", ErrOversize, MaxCompressedSize)
	}
	if num >= len(a.frags) {
		a.frags = append(a.frags, make([][]byte, num+1-len(a.frags))...)
	}
	a.frags[num] = append([]byte{}, f.Data...)
	a.have++
	a.size += len(f.Data)
	if a.have != a.total {
		return nil, nil
	}

	compressed := make([]byte, 0, a.size)
	for _, data := range a.frags {
		compressed = append(compressed, data...)
	}
	// Keep the id, as mosh does: a late duplicate of a completed
	// instruction starts a fresh assembly of the same id.
	a.reset()
	a.active = true

	plain, err := a.decompress(compressed)
	if err != nil {
		return nil, err
	}
	inst := new(wire.Instruction)
	if err := inst.Unmarshal(plain); err != nil {
		return nil, fmt.Errorf("fragment: %w", err)
	}
	return inst, nil
}

func (a *Assembler) reset() {
	clear(a.frags)
	a.frags = a.frags[:0]
	a.have, a.total, a.size = 0, 0, 0
	a.active = false
}

// decompress inflates one zlib stream, refusing output beyond
// MaxInstructionSize. The returned slice is valid until the next call.
func (a *Assembler) decompress(b []byte) ([]byte, error) {
	var err error
	if a.zr == nil {
		a.zr, err = zlib.NewReader(bytes.NewReader(b))
	} else {
		err = a.zr.(zlib.Resetter).Reset(bytes.NewReader(b), nil)
	}
	if err != nil {
		return nil, fmt.Errorf("fragment: decompress: %w", err)
	}
	a.out.Reset()
	n, err := a.out.ReadFrom(io.LimitReader(a.zr, MaxInstructionSize+1))
	if err != nil {
		return nil, fmt.Errorf("fragment: decompress: %w", err)
	}
	if n > MaxInstructionSize {
		return nil, fmt.Errorf("%w: more than %d decompressed bytes", ErrOversize, MaxInstructionSize)
	}
	return a.out.Bytes(), nil
}
