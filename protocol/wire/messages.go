package wire

import (
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// Field numbers shared by ClientBuffers and HostBuffers. The numbers of the
// extensions of Instruction are the ones mosh registers ("extensions 2 to
// max"); a future Roam extension takes a new number here.
const (
	messageInstruction protowire.Number = 1 // repeated Instruction instruction = 1

	extKeystroke protowire.Number = 2 // ClientBuffers.keystroke
	extHostBytes protowire.Number = 2 // HostBuffers.hostbytes
	extResize    protowire.Number = 3 // ClientBuffers.resize, HostBuffers.resize
	extEchoAck   protowire.Number = 7 // HostBuffers.echoack

	keystrokeKeys     protowire.Number = 4 // Keystroke.keys
	hostBytesString   protowire.Number = 4 // HostBytes.hoststring
	resizeWidth       protowire.Number = 5 // ResizeMessage.width
	resizeHeight      protowire.Number = 6 // ResizeMessage.height
	echoAckEchoAckNum protowire.Number = 8 // EchoAck.echo_ack_num
)

// Resize is ResizeMessage, identical in ClientBuffers and HostBuffers.
// The real peer aborts on a width or height ≤ 0, so senders must check.
type Resize struct {
	Width, Height int32
}

func (r *Resize) appendBody(dst []byte) []byte {
	// int32 is encoded as a sign-extended varint, as protobuf does.
	dst = appendVarintField(dst, resizeWidth, uint64(int64(r.Width)))
	return appendVarintField(dst, resizeHeight, uint64(int64(r.Height)))
}

func (r *Resize) unmarshal(b []byte) error {
	return forEachField(b, func(f field) error {
		switch {
		case f.num == resizeWidth && f.typ == protowire.VarintType:
			r.Width = int32(f.varint)
		case f.num == resizeHeight && f.typ == protowire.VarintType:
			r.Height = int32(f.varint)
		}
		return nil
	})
}

// UserMessage is ClientBuffers.UserMessage, the client's diff: the user
// events (keystrokes, window resizes) the server has not seen yet.
type UserMessage struct {
	Instructions []UserInstruction
}

// UserInstruction is ClientBuffers.Instruction. Senders set exactly one
// part; a decoded instruction with none of the known parts is kept (empty)
// and receivers ignore it.
type UserInstruction struct {
	Keys   []byte  // keystroke extension (2), Keystroke.keys; nil when absent
	Resize *Resize // resize extension (3); nil when absent
}

// HostMessage is HostBuffers.HostMessage, the server's diff of its
// terminal state.
type HostMessage struct {
	Instructions []HostInstruction
}

// HostInstruction is HostBuffers.Instruction. Senders set exactly one part;
// a decoded instruction with none of the known parts is kept (empty) and
// receivers ignore it.
type HostInstruction struct {
	HostBytes []byte  // hostbytes extension (2), HostBytes.hoststring; nil when absent
	Resize    *Resize // resize extension (3); nil when absent
	EchoAck   *uint64 // echoack extension (7), EchoAck.echo_ack_num; nil when absent
}

// AppendMarshal appends the encoding of m to dst.
func (m *UserMessage) AppendMarshal(dst []byte) []byte {
	for i := range m.Instructions {
		dst = appendMessageField(dst, messageInstruction, m.Instructions[i].appendBody)
	}
	return dst
}

// Marshal returns the encoding of m.
func (m *UserMessage) Marshal() []byte { return m.AppendMarshal(nil) }

// Unmarshal replaces m with the decoding of b.
func (m *UserMessage) Unmarshal(b []byte) error {
	*m = UserMessage{}
	err := forEachField(b, func(f field) error {
		if f.num != messageInstruction || f.typ != protowire.BytesType {
			return nil
		}
		var inst UserInstruction
		if err := inst.unmarshal(f.bytes); err != nil {
			return err
		}
		m.Instructions = append(m.Instructions, inst)
		return nil
	})
	if err != nil {
		return fmt.Errorf("wire: user message: %w", err)
	}
	return nil
}

func (m *UserInstruction) appendBody(dst []byte) []byte {
	if m.Keys != nil {
		dst = appendMessageField(dst, extKeystroke, func(b []byte) []byte {
			return appendBytesField(b, keystrokeKeys, m.Keys)
		})
	}
	if m.Resize != nil {
		dst = appendMessageField(dst, extResize, m.Resize.appendBody)
	}
	return dst
}

func (m *UserInstruction) unmarshal(b []byte) error {
	return forEachField(b, func(f field) error {
		if f.typ != protowire.BytesType {
			return nil
		}
		switch f.num {
		case extKeystroke:
			if m.Keys == nil {
				m.Keys = []byte{}
			}
			return forEachField(f.bytes, func(g field) error {
				if g.num == keystrokeKeys && g.typ == protowire.BytesType {
					m.Keys = cloneBytes(g.bytes)
				}
				return nil
			})
		case extResize:
			if m.Resize == nil {
				m.Resize = new(Resize)
			}
			return m.Resize.unmarshal(f.bytes)
		}
		return nil
	})
}

// AppendMarshal appends the encoding of m to dst.
func (m *HostMessage) AppendMarshal(dst []byte) []byte {
	for i := range m.Instructions {
		dst = appendMessageField(dst, messageInstruction, m.Instructions[i].appendBody)
	}
	return dst
}

// Marshal returns the encoding of m.
func (m *HostMessage) Marshal() []byte { return m.AppendMarshal(nil) }

// Unmarshal replaces m with the decoding of b.
func (m *HostMessage) Unmarshal(b []byte) error {
	*m = HostMessage{}
	err := forEachField(b, func(f field) error {
		if f.num != messageInstruction || f.typ != protowire.BytesType {
			return nil
		}
		var inst HostInstruction
		if err := inst.unmarshal(f.bytes); err != nil {
			return err
		}
		m.Instructions = append(m.Instructions, inst)
		return nil
	})
	if err != nil {
		return fmt.Errorf("wire: host message: %w", err)
	}
	return nil
}

func (m *HostInstruction) appendBody(dst []byte) []byte {
	if m.HostBytes != nil {
		dst = appendMessageField(dst, extHostBytes, func(b []byte) []byte {
			return appendBytesField(b, hostBytesString, m.HostBytes)
		})
	}
	if m.Resize != nil {
		dst = appendMessageField(dst, extResize, m.Resize.appendBody)
	}
	if m.EchoAck != nil {
		dst = appendMessageField(dst, extEchoAck, func(b []byte) []byte {
			return appendVarintField(b, echoAckEchoAckNum, *m.EchoAck)
		})
	}
	return dst
}

func (m *HostInstruction) unmarshal(b []byte) error {
	return forEachField(b, func(f field) error {
		if f.typ != protowire.BytesType {
			return nil
		}
		switch f.num {
		case extHostBytes:
			if m.HostBytes == nil {
				m.HostBytes = []byte{}
			}
			return forEachField(f.bytes, func(g field) error {
				if g.num == hostBytesString && g.typ == protowire.BytesType {
					m.HostBytes = cloneBytes(g.bytes)
				}
				return nil
			})
		case extResize:
			if m.Resize == nil {
				m.Resize = new(Resize)
			}
			return m.Resize.unmarshal(f.bytes)
		case extEchoAck:
			if m.EchoAck == nil {
				m.EchoAck = new(uint64)
			}
			return forEachField(f.bytes, func(g field) error {
				if g.num == echoAckEchoAckNum && g.typ == protowire.VarintType {
					*m.EchoAck = g.varint
				}
				return nil
			})
		}
		return nil
	})
}
