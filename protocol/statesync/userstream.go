package statesync

import (
	"errors"
	"fmt"
	"iter"

	"github.com/roamterm/roam/protocol/wire"
)

// MaxUserDiff bounds the encoded size of a UserStream diff that Apply
// accepts. It matches the 4 MiB bound the transport puts on a decompressed
// instruction, so anything the real mosh-client can get through the
// transport is accepted, while one diff still cannot grow memory without
// limit.
const MaxUserDiff = 4 << 20

// ErrUserDiffTooLarge is returned by UserStream.Apply for a diff larger
// than MaxUserDiff.
var ErrUserDiffTooLarge = errors.New("statesync: user diff too large")

// Event is one entry of a UserStream: keystrokes, a window resize, or a
// Roam client's hello.
type Event struct {
	// Keys are the bytes the user typed; nil for a resize or a hello.
	// Callers must not modify them.
	Keys []byte
	// Resize is set for a window resize to Width × Height (each ≥ 1).
	Resize        bool
	Width, Height int
	// Hello is set for a Roam client's announcement of the extras it
	// understands (wire.Feature* bits in Features). The real mosh-server
	// ignores it.
	Hello    bool
	Features uint64
}

// UserStream is the client's state: the log of what the user typed and
// how the window was resized (mosh's Network::UserStream).
//
// Every state carries the absolute number of events since the session
// began (each key byte and each resize counts as one), so the diff from
// an older state of the same stream is simply the events after the older
// state's count. Subtract forgets a prefix both sides hold, without
// changing the counts.
//
// The zero value is the empty stream, the state both sides assume at the
// start. States are values of one history: Equal compares counts only.
type UserStream struct {
	base   uint64  // number of events forgotten by Subtract
	count  uint64  // base + events in items
	events []Event // immutable once appended; shared between clones
}

// Count returns the number of events since the start of the session.
func (u *UserStream) Count() uint64 { return u.count }

// PushBytes appends keystrokes. Empty input is ignored.
func (u *UserStream) PushBytes(p []byte) {
	if len(p) == 0 {
		return
	}
	u.appendEvent(Event{Keys: append([]byte(nil), p...)})
}

// PushResize appends a window resize. It refuses a width or height below
// 1 and reports whether the event was added: the real mosh-server aborts
// on such a resize, so one must never be sent.
func (u *UserStream) PushResize(width, height int) bool {
	if width <= 0 || height <= 0 || width > maxDimension || height > maxDimension {
		return false
	}
	u.appendEvent(Event{Resize: true, Width: width, Height: height})
	return true
}

// PushHello appends a Roam hello announcing features (wire.Feature*
// bits). A stock mosh-server skips it; a Roam server then sends the
// extras.
func (u *UserStream) PushHello(features uint64) {
	u.appendEvent(Event{Hello: true, Features: features})
}

// maxDimension bounds a window dimension, as the wire's int32 and any
// sane screen do; larger values from the network are dropped.
const maxDimension = 1 << 15

func (u *UserStream) appendEvent(e Event) {
	u.events = append(u.events, e)
	u.count += eventLen(e)
}

func eventLen(e Event) uint64 {
	if e.Resize || e.Hello {
		return 1
	}
	return uint64(len(e.Keys))
}

// EventsSince yields the events after the first n, in order. Keystroke
// events may be split differently from how they were pushed. Events
// already forgotten by Subtract are not yielded.
func (u *UserStream) EventsSince(n uint64) iter.Seq[Event] {
	return func(yield func(Event) bool) {
		pos := u.base
		for _, e := range u.events {
			l := eventLen(e)
			if pos+l <= n {
				pos += l
				continue
			}
			if e.Keys != nil && pos < n {
				e.Keys = e.Keys[n-pos:]
			}
			pos += l
			if !yield(e) {
				return
			}
		}
	}
}

// Clone returns a copy of u sharing its (immutable) events.
func (u *UserStream) Clone() *UserStream {
	c := *u
	c.events = capped(u.events)
	return &c
}

// capped returns events with its capacity cut to its length: states share
// their events (the transport clones and subtracts a state per datagram,
// and copying them was the part of that showing in a client's profile),
// and an append to one must then reallocate rather than write into an
// array another state reads.
func capped(events []Event) []Event { return events[:len(events):len(events)] }

// Equal reports whether u and o hold the same number of events; states of
// one stream with equal counts hold the same events.
func (u *UserStream) Equal(o *UserStream) bool { return u.count == o.count }

// DiffFrom returns the encoded wire.UserMessage carrying the events u has
// beyond old, an earlier state of the same stream: consecutive keystrokes
// merged into one instruction, each resize its own. It is empty when there
// is nothing new.
func (u *UserStream) DiffFrom(old *UserStream) []byte {
	return u.diffSince(old.count)
}

// InitDiff returns the diff from the empty initial state.
func (u *UserStream) InitDiff() []byte { return u.diffSince(0) }

func (u *UserStream) diffSince(n uint64) []byte {
	var msg wire.UserMessage
	for e := range u.EventsSince(n) {
		if e.Hello {
			msg.Instructions = append(msg.Instructions, wire.UserInstruction{Hello: &wire.Hello{Features: e.Features}})
			continue
		}
		if e.Resize {
			msg.Instructions = append(msg.Instructions, wire.UserInstruction{
				Resize: &wire.Resize{Width: int32(e.Width), Height: int32(e.Height)},
			})
			continue
		}
		if k := len(msg.Instructions); k > 0 && msg.Instructions[k-1].Keys != nil {
			msg.Instructions[k-1].Keys = append(msg.Instructions[k-1].Keys, e.Keys...)
			continue
		}
		msg.Instructions = append(msg.Instructions, wire.UserInstruction{Keys: append([]byte(nil), e.Keys...)})
	}
	if len(msg.Instructions) == 0 {
		return nil
	}
	return msg.Marshal()
}

// Apply appends the events of an encoded wire.UserMessage. Resizes with a
// dimension below 1 (which would abort the real server) or absurdly large
// are dropped, as are empty instructions.
func (u *UserStream) Apply(diff []byte) error {
	if len(diff) > MaxUserDiff {
		return ErrUserDiffTooLarge
	}
	var msg wire.UserMessage
	if err := msg.Unmarshal(diff); err != nil {
		return fmt.Errorf("statesync: %w", err)
	}
	for _, inst := range msg.Instructions {
		switch {
		case len(inst.Keys) > 0:
			u.appendEvent(Event{Keys: inst.Keys})
		case inst.Resize != nil:
			u.PushResize(int(inst.Resize.Width), int(inst.Resize.Height))
		case inst.Hello != nil:
			u.PushHello(inst.Hello.Features)
		}
	}
	return nil
}

// Subtract forgets the events u shares with prefix, an earlier state of
// the same stream. Counts are unchanged.
func (u *UserStream) Subtract(prefix *UserStream) {
	n := min(prefix.count, u.count)
	drop := 0
	for _, e := range u.events {
		l := eventLen(e)
		if u.base+l > n {
			break
		}
		u.base += l
		drop++
	}
	events := u.events[drop:]
	if len(events) > 0 && events[0].Keys != nil && u.base < n {
		// Split a keystroke run into a new array, since the first event
		// changes; its bytes stay shared and unmodified.
		first := events[0]
		first.Keys = first.Keys[n-u.base:]
		events = append([]Event{first}, events[1:]...)
		u.base = n
	}
	u.events = capped(events)
}
