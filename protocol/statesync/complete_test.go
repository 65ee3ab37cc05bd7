package statesync

import (
	"bytes"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/wire"
	"github.com/roamterm/roam/vt"
)

func decodeHost(t *testing.T, b []byte) wire.HostMessage {
	t.Helper()
	var m wire.HostMessage
	if err := m.Unmarshal(b); err != nil {
		t.Fatal(err)
	}
	return m
}

// Complete A → DiffFrom → Apply on a clone of A gives a state Equal to B.
func TestCompleteRoundTrip(t *testing.T) {
	steps := []struct {
		name   string
		output string
		resize [2]int
	}{
		{name: "text", output: "hello\r\nworld"},
		{name: "colours", output: "\x1b[1;31mred\x1b[0m \x1b[48;5;200mbg\x1b[m"},
		{name: "clear", output: "\x1b[2J\x1b[Htop"},
		{name: "scroll", output: "\r\n1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\n9\r\n10\r\n11\r\n12"},
		{name: "title", output: "\x1b]2;my title\x07"},
		{name: "resize", resize: [2]int{100, 30}},
		{name: "wide", output: "漢字 e\u0301"},
		{name: "shrink", resize: [2]int{20, 5}},
		{name: "alt screen", output: "\x1b[?1049h\x1b[5;5Hin alt"},
	}
	server := NewComplete(40, 10)
	server.Write([]byte("start"))
	client := server.Clone()
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			old := server.Clone()
			server.Write([]byte(st.output))
			if st.resize[0] > 0 {
				server.Resize(st.resize[0], st.resize[1])
			}
			diff := server.DiffFrom(old)
			if server.Equal(old) != (len(diff) == 0) {
				t.Fatalf("Equal %v but diff %q", server.Equal(old), diff)
			}
			if err := client.Apply(diff); err != nil {
				t.Fatal(err)
			}
			if !client.Equal(server) {
				t.Fatalf("after Apply the states differ; diff %q", diff)
			}
		})
	}
}

func TestCompleteDiffParts(t *testing.T) {
	a := NewComplete(80, 24)
	a.Write([]byte("x"))
	b := a.Clone()
	if d := b.DiffFrom(a); d != nil {
		t.Fatalf("diff of equal states = %q", d)
	}

	b.echoAck = 7
	m := decodeHost(t, b.DiffFrom(a))
	if len(m.Instructions) != 1 || m.Instructions[0].EchoAck == nil || *m.Instructions[0].EchoAck != 7 {
		t.Fatalf("echo-ack-only diff = %+v", m)
	}

	b.Resize(90, 20)
	m = decodeHost(t, b.DiffFrom(a))
	if len(m.Instructions) != 3 {
		t.Fatalf("want echo ack, resize, host bytes; got %+v", m)
	}
	if r := m.Instructions[1].Resize; r == nil || *r != (wire.Resize{Width: 90, Height: 20}) {
		t.Errorf("resize = %+v", r)
	}
	if len(m.Instructions[2].HostBytes) == 0 {
		t.Error("no host bytes after a resize")
	}
}

// The real client's state 0 is a blank screen of its own size: the diff
// from our state 0 must resize it to ours and repaint everything.
func TestCompleteInitDiffOnDifferentSizeReceiver(t *testing.T) {
	server := NewComplete(80, 24)
	state0 := server.Clone()
	server.Resize(100, 30)
	server.Write([]byte("\x1b[3;5Hprompt$ \x1b[7mrev"))

	for _, diff := range [][]byte{server.InitDiff(), server.DiffFrom(state0)} {
		m := decodeHost(t, diff)
		if r := m.Instructions[0].Resize; r == nil || *r != (wire.Resize{Width: 100, Height: 30}) {
			t.Fatalf("first instruction = %+v, want Resize 100x30", m.Instructions[0])
		}
		if hb := m.Instructions[1].HostBytes; !bytes.Contains(hb, []byte("\x1b[r\x1b[0m\x1b[H\x1b[2J")) {
			t.Errorf("host bytes do not start with a full repaint: %q", hb)
		}
		client := NewComplete(132, 50) // whatever the client's window is
		if err := client.Apply(diff); err != nil {
			t.Fatal(err)
		}
		if !client.Equal(server) {
			t.Error("client differs after applying the diff from state 0")
		}
	}

	// Even when the screens are equal, a diff from state 0 carries the
	// size: the client's state 0 is not ours.
	same := NewComplete(80, 24)
	m := decodeHost(t, same.Clone().DiffFrom(NewComplete(80, 24)))
	if len(m.Instructions) == 0 || m.Instructions[0].Resize == nil {
		t.Errorf("diff from state 0 without a resize: %+v", m)
	}
	// Once written to, a state is no longer state 0.
	w := NewComplete(80, 24)
	w.Write([]byte("a"))
	v := w.Clone()
	if d := v.DiffFrom(w); d != nil {
		t.Errorf("diff between equal non-initial states = %q", d)
	}
}

func TestCompleteEqualIgnoresIconName(t *testing.T) {
	a := NewComplete(10, 3)
	b := a.Clone()
	b.Write([]byte("\x1b]1;icon\x07"))
	if b.Framebuffer().IconName != "icon" {
		t.Fatalf("emulator did not take the icon name")
	}
	if !a.Equal(b) {
		t.Error("icon name difference made states unequal")
	}
	b.Write([]byte("x"))
	if a.Equal(b) {
		t.Error("different screens are Equal")
	}
}

func TestCompleteApplyRejectsBadValues(t *testing.T) {
	c := NewComplete(80, 24)
	c.echoAck = 5
	three := uint64(3)
	msg := wire.HostMessage{Instructions: []wire.HostInstruction{
		{Resize: &wire.Resize{Width: 0, Height: 0}},
		{Resize: &wire.Resize{Width: -1, Height: 10}},
		{EchoAck: &three},
		{HostBytes: []byte("\x1b[6n\x1b[c")}, // queries: answered into the void
	}}
	if err := c.Apply(msg.Marshal()); err != nil {
		t.Fatal(err)
	}
	fb := c.Framebuffer()
	if fb.Width() != 80 || fb.Height() != 24 {
		t.Errorf("size %dx%d after bad resizes", fb.Width(), fb.Height())
	}
	if c.EchoAck() != 5 {
		t.Errorf("echo ack went down to %d", c.EchoAck())
	}
	if r := c.TakeReplies(); len(r) != 0 {
		t.Errorf("replies kept: %q", r)
	}
	if err := c.Apply([]byte{0x0a, 0x05}); err == nil {
		t.Error("truncated diff accepted")
	}
}

func TestCompleteCloneIndependent(t *testing.T) {
	a := NewComplete(20, 5)
	a.Write([]byte("one"))
	b := a.Clone()
	a.Write([]byte(" two"))
	if a.Equal(b) {
		t.Fatal("clone changed with the original")
	}
	if got := b.Framebuffer().Cell(0, 3).Rune; got != 0 {
		t.Errorf("clone cell = %q", got)
	}
}

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func ms(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }

// The 50 ms echo-ack rule on a fake clock.
func TestEchoAckTiming(t *testing.T) {
	type step struct {
		at       int    // ms
		register uint64 // register this client state first (0: none)
		changed  bool   // SetEchoAck result
		echoAck  uint64
		wait     time.Duration
	}
	steps := []step{
		{at: 0, changed: false, echoAck: 0, wait: NoWait},
		{at: 10, register: 2, changed: false, echoAck: 0, wait: 50 * time.Millisecond},
		{at: 59, changed: false, echoAck: 0, wait: time.Millisecond},
		{at: 60, changed: true, echoAck: 2, wait: NoWait},
		{at: 61, changed: false, echoAck: 2, wait: NoWait},
		{at: 100, register: 3, changed: false, echoAck: 2, wait: 50 * time.Millisecond},
		{at: 120, register: 4, changed: false, echoAck: 2, wait: 30 * time.Millisecond},
		{at: 130, register: 5, changed: false, echoAck: 2, wait: 20 * time.Millisecond},
		{at: 160, changed: true, echoAck: 3, wait: 10 * time.Millisecond},
		{at: 400, changed: true, echoAck: 5, wait: NoWait},
		{at: 1000, changed: false, echoAck: 5, wait: NoWait},
	}
	c := NewComplete(80, 24)
	for _, s := range steps {
		now := ms(s.at)
		if s.register != 0 {
			c.RegisterInputFrame(s.register, now)
		}
		if got := c.SetEchoAck(now); got != s.changed {
			t.Errorf("t=%d: SetEchoAck = %v, want %v", s.at, got, s.changed)
		}
		if c.EchoAck() != s.echoAck {
			t.Errorf("t=%d: echo ack %d, want %d", s.at, c.EchoAck(), s.echoAck)
		}
		if got := c.WaitTime(now); got != s.wait {
			t.Errorf("t=%d: WaitTime = %v, want %v", s.at, got, s.wait)
		}
	}
	// The history is bookkeeping: a clone carries the ack, not the record.
	c.RegisterInputFrame(6, ms(2000))
	if c.Clone().WaitTime(ms(2000)) != NoWait {
		t.Error("clone carries the input history")
	}
}

func TestEchoAckHistoryBounded(t *testing.T) {
	var e echoAcker
	for i := range 3 * maxInputFrames {
		e.register(uint64(i+1), ms(i))
	}
	if len(e.frames) != maxInputFrames {
		t.Fatalf("history holds %d frames", len(e.frames))
	}
	n, ok := e.newest(ms(10 * maxInputFrames))
	if !ok || n != 3*maxInputFrames {
		t.Errorf("newest = %d, %v", n, ok)
	}
	if len(e.frames) != 0 {
		t.Errorf("frames left: %d", len(e.frames))
	}
}

func FuzzCompleteApply(f *testing.F) {
	c := NewComplete(20, 5)
	c.Write([]byte("seed \x1b[1mbold"))
	f.Add(c.InitDiff())
	f.Add([]byte{0x0a, 0x03, 0x1a, 0x01, 0x28})
	// Scrollback with a link table, then a clear.
	h := NewComplete(20, 2)
	h.KeepHistory(100)
	h.SendHistory()
	h.SendLinkTables()
	h.Write([]byte("\x1b]8;;http://x/\x07a\x1b]8;;\x07\r\nb\r\nc\x1b[3J\r\nd\r\n"))
	f.Add(h.InitDiff())
	f.Fuzz(func(t *testing.T, diff []byte) {
		s := NewComplete(20, 5)
		s.ReceiveHistory(vt.NewHistory(10))
		_ = s.Apply(diff) // must not panic
		fb := s.Framebuffer()
		if fb.Width() < 1 || fb.Height() < 1 {
			t.Fatalf("size %dx%d", fb.Width(), fb.Height())
		}
	})
}
