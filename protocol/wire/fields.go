package wire

import (
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// field is one decoded field of a message. For VarintType fields varint holds
// the value; for BytesType fields bytes holds the payload (aliasing the
// input). Other wire types are consumed and reported with neither set.
type field struct {
	num    protowire.Number
	typ    protowire.Type
	varint uint64
	bytes  []byte
}

// forEachField walks the fields of the serialised message b in order and
// calls visit for each. Every message decoder in this package is a switch on
// field.num inside visit, so adding a field or extension is one new case
// there plus one line in the matching append function.
func forEachField(b []byte, visit func(f field) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fmt.Errorf("malformed tag: %w", protowire.ParseError(n))
		}
		b = b[n:]
		f := field{num: num, typ: typ}
		switch typ {
		case protowire.VarintType:
			f.varint, n = protowire.ConsumeVarint(b)
		case protowire.BytesType:
			f.bytes, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return fmt.Errorf("malformed field %d: %w", num, protowire.ParseError(n))
		}
		b = b[n:]
		if err := visit(f); err != nil {
			return err
		}
	}
	return nil
}

// cloneBytes copies b, keeping the distinction between nil (absent) and
// empty (present but zero length) that optional bytes fields need.
func cloneBytes(b []byte) []byte {
	return append(make([]byte, 0, len(b)), b...)
}

// appendBytesField appends a length-delimited field.
func appendBytesField(dst []byte, num protowire.Number, v []byte) []byte {
	dst = protowire.AppendTag(dst, num, protowire.BytesType)
	return protowire.AppendBytes(dst, v)
}

// appendStringField appends a length-delimited field holding s.
func appendStringField(dst []byte, num protowire.Number, s string) []byte {
	dst = protowire.AppendTag(dst, num, protowire.BytesType)
	return protowire.AppendString(dst, s)
}

// appendVarintField appends a varint field.
func appendVarintField(dst []byte, num protowire.Number, v uint64) []byte {
	dst = protowire.AppendTag(dst, num, protowire.VarintType)
	return protowire.AppendVarint(dst, v)
}

// appendBoolField appends a bool field, encoded as protobuf does (a
// varint, 1 for true), even when false.
func appendBoolField(dst []byte, num protowire.Number, v bool) []byte {
	return appendVarintField(dst, num, protowire.EncodeBool(v))
}

// appendMessageField appends a sub-message field whose body is produced by
// appendBody, writing the length prefix once the body size is known.
func appendMessageField(dst []byte, num protowire.Number, appendBody func([]byte) []byte) []byte {
	body := appendBody(nil)
	return appendBytesField(dst, num, body)
}
