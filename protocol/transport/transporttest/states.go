package transporttest

import (
	"bytes"
	"errors"
)

// Log is an append-only byte log, a stand-in for mosh's user stream: a
// diff is the bytes one log has beyond another. Subtract drops a prefix,
// keeping the absolute position (Len), as the transport's rationalisation
// expects.
type Log struct {
	base int    // bytes dropped by Subtract
	data []byte // bytes from position base on
}

// Append adds bytes to the log.
func (l *Log) Append(b ...byte) { l.data = append(l.data, b...) }

// Len is the number of bytes ever appended.
func (l *Log) Len() int { return l.base + len(l.data) }

// Held returns the bytes not yet dropped by Subtract.
func (l *Log) Held() []byte { return l.data }

// Clone returns an independent copy.
func (l *Log) Clone() *Log { return &Log{base: l.base, data: bytes.Clone(l.data)} }

// Equal reports whether both logs have the same length and agree on the
// bytes both still hold.
func (l *Log) Equal(o *Log) bool {
	if l.Len() != o.Len() {
		return false
	}
	from := max(l.base, o.base)
	return bytes.Equal(l.data[from-l.base:], o.data[from-o.base:])
}

// DiffFrom returns the bytes l has beyond old.
func (l *Log) DiffFrom(old *Log) []byte {
	from := min(max(old.Len()-l.base, 0), len(l.data))
	return bytes.Clone(l.data[from:])
}

// InitDiff returns the bytes held.
func (l *Log) InitDiff() []byte { return bytes.Clone(l.data) }

// Apply appends diff.
func (l *Log) Apply(diff []byte) error {
	l.Append(diff...)
	return nil
}

// Subtract drops the bytes before prefix's end.
func (l *Log) Subtract(prefix *Log) {
	n := min(max(prefix.Len()-l.base, 0), len(l.data))
	l.data = l.data[n:]
	l.base += n
}

// Value is a latest-value-wins state, a stand-in for mosh's terminal: a
// diff is the whole new value.
type Value struct {
	V []byte
}

// Clone returns an independent copy.
func (v *Value) Clone() *Value { return &Value{V: bytes.Clone(v.V)} }

// Equal compares the values.
func (v *Value) Equal(o *Value) bool { return bytes.Equal(v.V, o.V) }

// DiffFrom returns "=" and the value, or nothing if old is equal.
func (v *Value) DiffFrom(old *Value) []byte {
	if v.Equal(old) {
		return nil
	}
	return append([]byte{'='}, v.V...)
}

// InitDiff returns the diff from the empty value.
func (v *Value) InitDiff() []byte { return v.DiffFrom(&Value{}) }

// Apply sets the value from a diff made by DiffFrom.
func (v *Value) Apply(diff []byte) error {
	if len(diff) == 0 || diff[0] != '=' {
		return errors.New("transporttest: malformed Value diff")
	}
	v.V = bytes.Clone(diff[1:])
	return nil
}

// Subtract does nothing: a value has no prefix to drop.
func (v *Value) Subtract(*Value) {}
