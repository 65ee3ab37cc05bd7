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

	// Roam's own extensions, at a number mosh does not use: the real
	// mosh-server and mosh-client skip an Instruction holding only an
	// unknown extension (verified in protocol/session's interop tests).
	extRoamHello   protowire.Number = 21069 // ClientBuffers.roam_hello
	extRoamHistory protowire.Number = 21069 // HostBuffers.roam_history

	roamHelloFeatures  protowire.Number = 1 // RoamHello.features
	roamHistoryFirst   protowire.Number = 1 // RoamHistory.first
	roamHistoryLine    protowire.Number = 2 // RoamHistory.line (repeated)
	roamHistoryCleared protowire.Number = 3 // RoamHistory.cleared_before (optional)
	roamHistoryLink    protowire.Number = 4 // RoamHistory.link (repeated RoamLink)
	roamHistoryAlt     protowire.Number = 5 // RoamHistory.alt_screen (optional bool)
	roamLinkID         protowire.Number = 1 // RoamLink.id
	roamLinkParams     protowire.Number = 2 // RoamLink.params
	roamLinkURI        protowire.Number = 3 // RoamLink.uri

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

// Hello is Roam's RoamHello extension of ClientBuffers.Instruction: a
// Roam client announces the extras it understands, and a Roam server
// sends them only then. Mosh's server ignores it.
type Hello struct {
	Features uint64 // bit set of Feature* values
}

// Features a Hello may announce.
const (
	// FeatureHistory: the client keeps scrollback sent as History.
	FeatureHistory uint64 = 1 << 0
	// FeatureLinkTable: the client reads History lines whose hyperlinks
	// are IDs defined by History.Links. Without it, a server sends lines
	// with the links' targets written out.
	FeatureLinkTable uint64 = 1 << 1
)

// History is Roam's RoamHistory extension of HostBuffers.Instruction:
// consecutive scrollback lines, Lines[i] being line First+i of the
// server's history, each in the encoding of vt.Line. Mosh's client
// ignores it.
//
// ClearedBefore, when not 0, says that every line numbered below it was
// erased (ED 3): the receiver drops them before storing Lines. It is a
// line number, not an event, so applying it again or late, or a replayed
// older message storing lines below it, cannot bring the erased lines
// back, and line numbers stay monotonic. It is field 3, added after
// First and Lines: an older Roam client skips it, and 0 is not encoded,
// so a message without a clear is encoded as before.
//
// Links (field 4, sent only to clients announcing FeatureLinkTable)
// defines the hyperlink IDs the lines of this message use: each message
// carries every definition its lines need, so a lost, late or repeated
// message never leaves a link unresolved, and a long link costs its
// length once per message rather than once per run of text.
//
// AltScreen (field 5), when not nil, says whether the server's
// application is on the alternate screen from this message on; nil
// leaves it as it was. The display diff cannot say it: it paints
// whichever screen shows. Like ClearedBefore it is a state rather than
// an event, sent in a diff whose old state had the other value, so a
// lost or late message cannot leave it stale; nil is not encoded, so a
// message that does not change it is encoded as before, and an older
// Roam client skips the field.
type History struct {
	First         uint64
	Lines         [][]byte
	ClearedBefore uint64
	Links         []Link
	AltScreen     *bool
}

// Link is RoamLink: the OSC 8 parameters and URI of the hyperlink the
// lines of a History call ID.
type Link struct {
	ID          uint64
	Params, URI string
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
	Hello  *Hello  // Roam's hello extension; nil when absent
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
	HostBytes []byte   // hostbytes extension (2), HostBytes.hoststring; nil when absent
	Resize    *Resize  // resize extension (3); nil when absent
	EchoAck   *uint64  // echoack extension (7), EchoAck.echo_ack_num; nil when absent
	History   *History // Roam's history extension; nil when absent
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
	if m.Hello != nil {
		dst = appendMessageField(dst, extRoamHello, func(b []byte) []byte {
			return appendVarintField(b, roamHelloFeatures, m.Hello.Features)
		})
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
		case extRoamHello:
			if m.Hello == nil {
				m.Hello = new(Hello)
			}
			return forEachField(f.bytes, func(g field) error {
				if g.num == roamHelloFeatures && g.typ == protowire.VarintType {
					m.Hello.Features = g.varint
				}
				return nil
			})
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
	if m.History != nil {
		dst = appendMessageField(dst, extRoamHistory, m.History.appendBody)
	}
	return dst
}

func (h *History) appendBody(dst []byte) []byte {
	dst = appendVarintField(dst, roamHistoryFirst, h.First)
	for _, l := range h.Lines {
		dst = appendBytesField(dst, roamHistoryLine, l)
	}
	if h.ClearedBefore != 0 {
		dst = appendVarintField(dst, roamHistoryCleared, h.ClearedBefore)
	}
	for i := range h.Links {
		dst = appendMessageField(dst, roamHistoryLink, h.Links[i].appendBody)
	}
	if h.AltScreen != nil {
		dst = appendBoolField(dst, roamHistoryAlt, *h.AltScreen)
	}
	return dst
}

func (l *Link) appendBody(dst []byte) []byte {
	dst = appendVarintField(dst, roamLinkID, l.ID)
	dst = appendStringField(dst, roamLinkParams, l.Params)
	return appendStringField(dst, roamLinkURI, l.URI)
}

func (l *Link) unmarshal(b []byte) error {
	return forEachField(b, func(f field) error {
		switch {
		case f.num == roamLinkID && f.typ == protowire.VarintType:
			l.ID = f.varint
		case f.num == roamLinkParams && f.typ == protowire.BytesType:
			l.Params = string(f.bytes)
		case f.num == roamLinkURI && f.typ == protowire.BytesType:
			l.URI = string(f.bytes)
		}
		return nil
	})
}

func (h *History) unmarshal(b []byte) error {
	return forEachField(b, func(f field) error {
		switch {
		case f.num == roamHistoryFirst && f.typ == protowire.VarintType:
			h.First = f.varint
		case f.num == roamHistoryLine && f.typ == protowire.BytesType:
			h.Lines = append(h.Lines, cloneBytes(f.bytes))
		case f.num == roamHistoryCleared && f.typ == protowire.VarintType:
			h.ClearedBefore = f.varint
		case f.num == roamHistoryLink && f.typ == protowire.BytesType:
			var l Link
			if err := l.unmarshal(f.bytes); err != nil {
				return err
			}
			h.Links = append(h.Links, l)
		case f.num == roamHistoryAlt && f.typ == protowire.VarintType:
			alt := protowire.DecodeBool(f.varint)
			h.AltScreen = &alt
		}
		return nil
	})
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
		case extRoamHistory:
			if m.History == nil {
				m.History = new(History)
			}
			return m.History.unmarshal(f.bytes)
		}
		return nil
	})
}
