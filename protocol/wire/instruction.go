package wire

import (
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// ProtocolVersion is MOSH_PROTOCOL_VERSION: it became 2 when echo acks were
// introduced. Receivers drop instructions carrying any other version.
const ProtocolVersion = 2

// Shutdown is the state number (uint64 −1) a side sends as new_num while it
// shuts down; acknowledging it completes the shutdown handshake.
const Shutdown = ^uint64(0)

// Field numbers of TransportBuffers.Instruction.
const (
	instructionProtocolVersion protowire.Number = 1
	instructionOldNum          protowire.Number = 2
	instructionNewNum          protowire.Number = 3
	instructionAckNum          protowire.Number = 4
	instructionThrowawayNum    protowire.Number = 5
	instructionDiff            protowire.Number = 6
	instructionChaff           protowire.Number = 7
)

// Instruction is TransportBuffers.Instruction, the unit of the state
// synchronisation protocol: "apply Diff to state OldNum to get state NewNum".
type Instruction struct {
	ProtocolVersion uint32
	OldNum          uint64 // state the diff is relative to
	NewNum          uint64 // state that results from applying Diff
	AckNum          uint64 // newest peer state received in order
	ThrowawayNum    uint64 // peer may discard its states numbered below this
	Diff            []byte // serialised UserMessage or HostMessage; may be empty
	Chaff           []byte // 0–16 random bytes that blur the length
}

// AppendMarshal appends the encoding of m to dst and returns the extended
// slice. All seven fields are written, in field order, even when zero: that
// is what mosh's proto2 senders do (every field is explicitly set), and the
// receiver reads a missing protocol_version as 0, a version mismatch.
func (m *Instruction) AppendMarshal(dst []byte) []byte {
	dst = appendVarintField(dst, instructionProtocolVersion, uint64(m.ProtocolVersion))
	dst = appendVarintField(dst, instructionOldNum, m.OldNum)
	dst = appendVarintField(dst, instructionNewNum, m.NewNum)
	dst = appendVarintField(dst, instructionAckNum, m.AckNum)
	dst = appendVarintField(dst, instructionThrowawayNum, m.ThrowawayNum)
	dst = appendBytesField(dst, instructionDiff, m.Diff)
	dst = appendBytesField(dst, instructionChaff, m.Chaff)
	return dst
}

// Unmarshal replaces m with the decoding of b. Absent fields read as zero;
// empty Diff and Chaff decode as nil.
func (m *Instruction) Unmarshal(b []byte) error {
	*m = Instruction{}
	err := forEachField(b, func(f field) error {
		switch {
		case f.num == instructionProtocolVersion && f.typ == protowire.VarintType:
			m.ProtocolVersion = uint32(f.varint)
		case f.num == instructionOldNum && f.typ == protowire.VarintType:
			m.OldNum = f.varint
		case f.num == instructionNewNum && f.typ == protowire.VarintType:
			m.NewNum = f.varint
		case f.num == instructionAckNum && f.typ == protowire.VarintType:
			m.AckNum = f.varint
		case f.num == instructionThrowawayNum && f.typ == protowire.VarintType:
			m.ThrowawayNum = f.varint
		case f.num == instructionDiff && f.typ == protowire.BytesType:
			m.Diff = nilIfEmpty(f.bytes)
		case f.num == instructionChaff && f.typ == protowire.BytesType:
			m.Chaff = nilIfEmpty(f.bytes)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("wire: instruction: %w", err)
	}
	return nil
}

// nilIfEmpty copies b, returning nil for an empty field so that a decoded
// Instruction compares equal to one built with nil slices.
func nilIfEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return cloneBytes(b)
}
