package statesync

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/roamterm/roam/protocol/wire"
)

func collect(u *UserStream, n uint64) []Event {
	var out []Event
	for e := range u.EventsSince(n) {
		out = append(out, e)
	}
	return out
}

func keys(s string) Event   { return Event{Keys: []byte(s)} }
func resize(w, h int) Event { return Event{Resize: true, Width: w, Height: h} }
func decodeUser(t *testing.T, b []byte) wire.UserMessage {
	t.Helper()
	var m wire.UserMessage
	if err := m.Unmarshal(b); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestUserStreamDiffMergesKeystrokes(t *testing.T) {
	var u UserStream
	old := u.Clone()
	u.PushBytes([]byte("ab"))
	u.PushBytes([]byte("c"))
	u.PushResize(100, 30)
	u.PushResize(90, 20)
	u.PushBytes([]byte("\x1bOA"))
	if got, want := u.Count(), uint64(3+2+3); got != want {
		t.Fatalf("Count = %d, want %d", got, want)
	}
	want := wire.UserMessage{Instructions: []wire.UserInstruction{
		{Keys: []byte("abc")},
		{Resize: &wire.Resize{Width: 100, Height: 30}},
		{Resize: &wire.Resize{Width: 90, Height: 20}},
		{Keys: []byte("\x1bOA")},
	}}
	if got := decodeUser(t, u.DiffFrom(old)); !reflect.DeepEqual(got, want) {
		t.Errorf("diff = %+v, want %+v", got, want)
	}
	if !bytes.Equal(u.InitDiff(), u.DiffFrom(old)) {
		t.Error("InitDiff differs from the diff against the empty state")
	}
	if d := u.DiffFrom(u.Clone()); d != nil {
		t.Errorf("diff from itself = %q, want empty", d)
	}
}

func TestUserStreamDiffFromMiddleOfRun(t *testing.T) {
	var u UserStream
	u.PushBytes([]byte("hello"))
	mid := u.Clone()
	u.PushBytes([]byte(" world"))
	mid.PushBytes([]byte(" world"))
	// Pretend the reference holds only "hel": the diff splits the run.
	ref := &UserStream{count: 3}
	want := wire.UserMessage{Instructions: []wire.UserInstruction{{Keys: []byte("lo world")}}}
	if got := decodeUser(t, u.DiffFrom(ref)); !reflect.DeepEqual(got, want) {
		t.Errorf("diff = %+v, want %+v", got, want)
	}
	if !u.Equal(mid) {
		t.Error("streams with the same history are not Equal")
	}
}

// A diff applied to a clone of the reference reproduces the newer state,
// and the server sees the events in order.
func TestUserStreamRoundTrip(t *testing.T) {
	var client UserStream
	client.PushResize(80, 24)
	state1 := client.Clone()
	client.PushBytes([]byte("ls"))
	client.PushBytes([]byte("\r"))
	client.PushResize(120, 40)
	client.PushBytes([]byte("x"))

	var server UserStream
	if err := server.Apply(state1.InitDiff()); err != nil {
		t.Fatal(err)
	}
	ref := server.Clone()
	if err := ref.Apply(client.DiffFrom(state1)); err != nil {
		t.Fatal(err)
	}
	if !ref.Equal(&client) {
		t.Fatalf("count %d after apply, want %d", ref.Count(), client.Count())
	}
	got := collect(ref, server.Count())
	want := []Event{keys("ls\r"), resize(120, 40), keys("x")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events = %+v, want %+v", got, want)
	}
	if got := collect(ref, 0); !reflect.DeepEqual(got[0], resize(80, 24)) {
		t.Errorf("first event = %+v", got[0])
	}
}

func TestUserStreamEventsSinceSplitsRun(t *testing.T) {
	var u UserStream
	u.PushBytes([]byte("abcdef"))
	u.PushResize(10, 10)
	got := collect(&u, 4)
	want := []Event{keys("ef"), resize(10, 10)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := collect(&u, 7); got != nil {
		t.Errorf("past the end: %+v", got)
	}
}

func TestUserStreamSubtract(t *testing.T) {
	var u UserStream
	u.PushBytes([]byte("abc"))
	u.PushResize(50, 10)
	prefix := &UserStream{count: 2} // holds "ab"
	full := u.Clone()
	u.Subtract(prefix)
	if u.Count() != full.Count() {
		t.Fatalf("Subtract changed the count: %d", u.Count())
	}
	if got, want := collect(&u, 0), []Event{keys("c"), resize(50, 10)}; !reflect.DeepEqual(got, want) {
		t.Errorf("after Subtract: %+v, want %+v", got, want)
	}
	// A diff against a state at or after the cut is unaffected.
	if !bytes.Equal(u.DiffFrom(prefix), full.DiffFrom(prefix)) {
		t.Error("diff changed by Subtract")
	}
	// The clone taken before is untouched.
	if got := collect(full, 0); len(got) != 2 || string(got[0].Keys) != "abc" {
		t.Errorf("clone changed: %+v", got)
	}
	u.Subtract(u.Clone())
	if got := collect(&u, 0); got != nil {
		t.Errorf("subtracting itself left %+v", got)
	}
}

func TestUserStreamClonesAreIndependent(t *testing.T) {
	// Clones share their events; the stream appended to has spare
	// capacity after three pushes, which no clone may see written.
	var a UserStream
	a.PushResize(80, 24)
	a.PushBytes([]byte("x"))
	a.PushResize(81, 24)
	b := a.Clone()
	a.PushBytes([]byte("y"))
	b.PushBytes([]byte("z"))
	c := a.Clone()
	a.Subtract(&UserStream{count: 2})
	a.PushBytes([]byte("v"))
	c.PushBytes([]byte("w"))
	b.Subtract(b.Clone())
	b.PushBytes([]byte("u"))
	for _, tc := range []struct {
		name string
		u    *UserStream
		want []Event
	}{
		{"a", &a, []Event{resize(81, 24), keys("y"), keys("v")}},
		{"b", b, []Event{keys("u")}},
		{"c", c, []Event{resize(80, 24), keys("x"), resize(81, 24), keys("y"), keys("w")}},
	} {
		if got := collect(tc.u, 0); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestUserStreamResizeValidation(t *testing.T) {
	var u UserStream
	for _, s := range [][2]int{{0, 0}, {0, 24}, {80, 0}, {-1, 5}, {1 << 20, 10}} {
		if u.PushResize(s[0], s[1]) {
			t.Errorf("PushResize(%d, %d) accepted", s[0], s[1])
		}
	}
	if u.Count() != 0 {
		t.Fatalf("count %d", u.Count())
	}
	// The same rule on the receiving side: a hostile 0×0 never reaches
	// the server's terminal.
	msg := wire.UserMessage{Instructions: []wire.UserInstruction{
		{Resize: &wire.Resize{Width: 0, Height: 0}},
		{Resize: &wire.Resize{Width: -5, Height: 10}},
		{}, // empty instruction
		{Keys: []byte{}},
		{Resize: &wire.Resize{Width: 3, Height: 4}},
	}}
	if err := u.Apply(msg.Marshal()); err != nil {
		t.Fatal(err)
	}
	if got, want := collect(&u, 0), []Event{resize(3, 4)}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestUserStreamApplyErrors(t *testing.T) {
	var u UserStream
	if err := u.Apply([]byte{0x0a, 0xff}); err == nil {
		t.Error("truncated message accepted")
	}
	if err := u.Apply(make([]byte, MaxUserDiff+1)); !errors.Is(err, ErrUserDiffTooLarge) {
		t.Errorf("oversized diff: %v", err)
	}
	if u.Count() != 0 {
		t.Errorf("failed applies changed the stream: %d", u.Count())
	}
}

func FuzzUserStreamApply(f *testing.F) {
	var seed UserStream
	seed.PushBytes([]byte("seed"))
	seed.PushResize(80, 24)
	f.Add(seed.InitDiff())
	f.Add([]byte{0x0a, 0x02, 0x1a, 0x00})
	f.Fuzz(func(t *testing.T, diff []byte) {
		var u UserStream
		if err := u.Apply(diff); err != nil {
			return
		}
		// Whatever was accepted re-encodes to a diff that applies to the
		// same count.
		var v UserStream
		if err := v.Apply(u.InitDiff()); err != nil {
			t.Fatal(err)
		}
		if !v.Equal(&u) {
			t.Fatalf("count %d vs %d", v.Count(), u.Count())
		}
		for e := range u.EventsSince(0) {
			if e.Resize && (e.Width <= 0 || e.Height <= 0) {
				t.Fatalf("bad resize %+v", e)
			}
		}
	})
}
