package statesync

import (
	"testing"

	"github.com/roamterm/roam/protocol/wire"
	"github.com/roamterm/roam/vt"
)

// historyPair returns a server state that sends its history and a
// client state 0 that receives it.
func historyPair(width, height int) (srv, cli *Complete) {
	srv = NewComplete(width, height)
	srv.KeepHistory(1000)
	srv.SendHistory()
	cli = NewComplete(width, height)
	cli.ReceiveHistory(vt.NewHistory(1000))
	return srv, cli
}

// altScreenField returns the alternate-screen flags a diff carries, in
// order.
func altScreenField(t *testing.T, diff []byte) []*bool {
	t.Helper()
	var msg wire.HostMessage
	if err := msg.Unmarshal(diff); err != nil {
		t.Fatal(err)
	}
	var flags []*bool
	for _, inst := range msg.Instructions {
		if inst.History != nil && inst.History.AltScreen != nil {
			flags = append(flags, inst.History.AltScreen)
		}
	}
	return flags
}

// The client's flag follows the server's emulator from diff to diff, a
// diff carrying it only when it changed, and a diff from state 0 carries
// it when set.
func TestAltScreenFollowsEmulator(t *testing.T) {
	srv, cli := historyPair(20, 5)
	steps := []struct {
		name, output string
		alt          bool
		sent         bool // the diff from the previous state carries the flag
	}{
		{"primary output", "$ less file\r\n", false, false},
		{"1049 set", "\x1b[?1049h\x1b[H\x1b[2Jpage 1", true, true},
		{"output on the alternate screen", "\x1b[Hpage 2", true, false},
		{"1049 reset", "\x1b[?1049l", false, true},
		{"47 set", "\x1b[?47h", true, true},
		{"47 reset, scrolling output", "\x1b[?47l1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n", false, true},
		{"1047 set", "\x1b[?1047h", true, true},
	}
	for _, s := range steps {
		srv.Write([]byte(s.output))
		if got := srv.AltScreen(); got != s.alt {
			t.Fatalf("%s: server AltScreen %v, want %v", s.name, got, s.alt)
		}
		diff := srv.DiffFrom(cli)
		if flags := altScreenField(t, diff); (len(flags) == 1) != s.sent || len(flags) > 1 || s.sent && *flags[0] != s.alt {
			t.Errorf("%s: diff carries flags %v, want sent=%v", s.name, flags, s.sent)
		}
		next := cli.Clone()
		if err := next.Apply(diff); err != nil {
			t.Fatal(err)
		}
		if next.AltScreen() != s.alt || !next.Equal(srv) {
			t.Errorf("%s: client AltScreen %v (equal %v), want %v", s.name, next.AltScreen(), next.Equal(srv), s.alt)
		}
		cli = next

		// A client that missed everything: the diff from state 0.
		fresh := NewComplete(20, 5)
		fresh.ReceiveHistory(vt.NewHistory(1000))
		init := srv.InitDiff()
		if flags := altScreenField(t, init); (len(flags) == 1) != s.alt {
			t.Errorf("%s: diff from state 0 carries flags %v, want one only when set", s.name, flags)
		}
		if err := fresh.Apply(init); err != nil {
			t.Fatal(err)
		}
		if fresh.AltScreen() != s.alt {
			t.Errorf("%s: from state 0 the client has AltScreen %v, want %v", s.name, fresh.AltScreen(), s.alt)
		}
	}
}

// Lost and late diffs: every diff reproduces its new state whatever old
// state it starts from, so the newest state a client holds has the
// server's newest flag.
func TestAltScreenLostAndLate(t *testing.T) {
	srv, state0 := historyPair(20, 5)
	srv.Write([]byte("$ "))
	s1 := srv.Clone()
	srv.Write([]byte("\x1b[?1049hpager"))
	s2 := srv.Clone()
	srv.Write([]byte("\x1b[?1049l"))
	s3 := srv.Clone()
	srv.Write([]byte("\x1b[?1049hagain"))
	s4 := srv.Clone()

	// sent[i] is the server's state i, held[i] the client's copy of it,
	// built from the diff of each state from the one before.
	sent := []*Complete{state0, s1, s2, s3, s4}
	held := []*Complete{state0}
	for i := 1; i < len(sent); i++ {
		c := held[i-1].Clone()
		if err := c.Apply(sent[i].DiffFrom(sent[i-1])); err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	// Any diff the transport may send, from a state the client holds to
	// a newer one, whatever was lost in between.
	for to := 1; to < len(sent); to++ {
		for from := range to {
			c := held[from].Clone()
			if err := c.Apply(sent[to].DiffFrom(sent[from])); err != nil {
				t.Fatal(err)
			}
			if c.AltScreen() != sent[to].AltScreen() || !c.Equal(sent[to]) {
				t.Errorf("diff from state %d to state %d (AltScreen %v) gives %v (equal %v)",
					from, to, sent[to].AltScreen(), c.AltScreen(), c.Equal(sent[to]))
			}
		}
	}
	if !held[2].AltScreen() || held[3].AltScreen() || !held[4].AltScreen() {
		t.Errorf("client states 2, 3, 4 have AltScreen %v %v %v, want true false true",
			held[2].AltScreen(), held[3].AltScreen(), held[4].AltScreen())
	}
}

// Entering the alternate screen may change nothing drawn (a blank screen,
// the cursor home): the flag alone is a new state, sent at once.
func TestAltScreenAloneIsAState(t *testing.T) {
	srv, cli := historyPair(20, 5)
	if err := cli.Apply(srv.InitDiff()); err != nil {
		t.Fatal(err)
	}
	old := srv.Clone()
	srv.Write([]byte("\x1b[?1049h"))
	if srv.Equal(old) || srv.BackgroundFrom(old) {
		t.Fatalf("entering the alternate screen: equal %v, background %v; want a new state sent at once", srv.Equal(old), srv.BackgroundFrom(old))
	}
	diff := srv.DiffFrom(cli)
	var msg wire.HostMessage
	if err := msg.Unmarshal(diff); err != nil {
		t.Fatal(err)
	}
	if len(msg.Instructions) != 1 || msg.Instructions[0].History == nil || len(msg.Instructions[0].History.Lines) != 0 {
		t.Fatalf("diff %+v, want one history instruction without lines", msg.Instructions)
	}
	if err := cli.Apply(diff); err != nil || !cli.AltScreen() {
		t.Errorf("client AltScreen %v (%v), want true", cli.AltScreen(), err)
	}
}

// A server that does not send its history (a stock mosh-client, or a
// Roam client that asked for none) sends no flag: its diffs stay what
// mosh expects, and the client's flag stays false.
func TestAltScreenNotSentWithoutHistory(t *testing.T) {
	for _, keep := range []bool{false, true} {
		srv := NewComplete(20, 5)
		if keep {
			srv.KeepHistory(1000) // kept but not sent: no hello yet
		}
		cli := NewComplete(20, 5)
		srv.Write([]byte("\x1b[?1049hpager"))
		if srv.AltScreen() {
			t.Errorf("keep %v: AltScreen is part of a state that does not send history", keep)
		}
		diff := srv.DiffFrom(cli)
		var msg wire.HostMessage
		if err := msg.Unmarshal(diff); err != nil {
			t.Fatal(err)
		}
		for _, inst := range msg.Instructions {
			if inst.History != nil {
				t.Errorf("keep %v: a history instruction went to a client that did not ask", keep)
			}
		}
		if err := cli.Apply(diff); err != nil || cli.AltScreen() {
			t.Errorf("keep %v: client AltScreen %v (%v), want false", keep, cli.AltScreen(), err)
		}
	}

	// The hello arrives while the application is on the alternate
	// screen: the next diff says so.
	srv, cli := NewComplete(20, 5), NewComplete(20, 5)
	cli.ReceiveHistory(vt.NewHistory(1000))
	srv.KeepHistory(1000)
	srv.Write([]byte("\x1b[?1049hpager"))
	if err := cli.Apply(srv.DiffFrom(cli)); err != nil || cli.AltScreen() {
		t.Fatalf("before the hello the client has AltScreen %v (%v), want false", cli.AltScreen(), err)
	}
	old := srv.Clone()
	srv.SendHistory()
	if err := cli.Apply(srv.DiffFrom(old)); err != nil || !cli.AltScreen() || !cli.Equal(srv) {
		t.Errorf("after the hello the client has AltScreen %v (%v, equal %v), want true", cli.AltScreen(), err, cli.Equal(srv))
	}
}
