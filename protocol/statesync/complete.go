package statesync

import (
	"fmt"
	"time"

	"github.com/roamterm/roam/protocol/wire"
	"github.com/roamterm/roam/vt"
)

// Complete is the server's state (mosh's Terminal::Complete): the screen
// of a terminal emulator plus echo_ack, the newest client state whose echo
// the screen is known to include.
//
// The server feeds the application's output through Write; the client
// builds its copy by applying diffs to clones. A diff is a wire.HostMessage:
// EchoAck when it changed, Resize when the size changed, and HostBytes, the
// vt.DisplayDiff between the two screens.
//
// The state a Complete starts in (NewComplete) is "state 0". The real
// mosh-client's state 0 is a blank screen of its own size, which the server
// does not know, so every diff from state 0 is a Resize to our size plus a
// full repaint. Clones of state 0 stay state 0 until written to.
//
// Clone is cheap: the emulator's rows are shared and copied on write.
//
// # Scrollback
//
// A Roam server's state may also carry scrollback (KeepHistory,
// SendHistory): the lines that scrolled off the screen, numbered from the
// start of the session. The state holds the lines numbered below its
// history end, a diff carries the lines the old state lacks, as one
// wire.History instruction after the screen, and a Roam client
// (ReceiveHistory) stores them. Because the numbers are absolute, a
// diff applied twice, late or to an older state adds nothing twice and
// loses nothing. StepFrom keeps each diff's share of scrollback under
// MaxHistoryPerDiff, so that a backlog goes out over many frames without
// delaying the screen and echo acks that travel with it. The real
// mosh-client skips the extension; a Roam server sends it only to clients
// whose hello asked for it.
//
// Output can scroll lines off faster than steps carry them: a flood drops
// thousands of lines from the server's bounded history between two
// frames. Steps taken from the oldest line held would then reach the
// client as short fragments separated by gaps, which a front end must
// show as such and which cost the client work for nothing. So while a
// flood outruns the history (more lines dropped since the old state
// than a step carries, and the receiver already missed some), StepFrom
// holds the history back and sends the screen alone; once the output
// slows, the lines the history kept go out in order, from the oldest,
// and reach the client contiguous.
//
// ED 3 (erase saved lines) clears the server's history; the state then
// records the number below which lines were erased (its clear mark), and
// the next diff carries it as wire.History.ClearedBefore, so that every
// client drops the same lines however many diffs it missed. A mark is a
// line number, not an event: a late or repeated diff cannot erase lines
// newer than the clear, nor bring back older ones.
//
// History lines hold hyperlinks as IDs of the server's link table
// (vt.LinkID). A client that announced wire.FeatureLinkTable
// (SendLinkTables) gets the lines as they are, each diff defining the IDs
// its lines use (wire.History.Links), so a link's target travels once per
// diff however many lines it covers; other Roam clients get lines with
// the targets written out.
//
// # Alternate screen
//
// Roam clients also learn whether the application is on the alternate
// screen (AltScreen), which a display diff cannot tell, so that a front
// end can turn the wheel into arrow keys for a pager as terminals do. It
// is part of the state of a server that sends its history, and a diff
// whose old state had the other value carries it
// (wire.History.AltScreen): the newest state a client holds has the
// newest value, however many diffs were lost or came late.
type Complete struct {
	emu     *vt.Emulator
	echoAck uint64
	initial bool

	// history holds the scrollback: on the server the live emulator
	// appends to it, and clones share it, reading only below their
	// histEnd; on a client it stores the lines received. Nil when none is
	// kept.
	history *vt.History
	// histEnd is the number after the last history line that belongs to
	// this state; it stays 0 on a server until SendHistory.
	histEnd     uint64
	sendHistory bool
	// histFirst is the number of the oldest line the history held when
	// the state was last written: the lines below it were dropped. A
	// server's StepFrom compares it with an older state's to tell a flood
	// that outruns the history.
	histFirst uint64
	// histCleared is the state's clear mark: history lines numbered
	// below it were erased (vt.History.Cleared). Never above histEnd.
	histCleared uint64
	// altScreen is set while the application is on the alternate
	// screen: on a server, the emulator's mode, followed only once
	// history is sent (before, it stays false, as on the client); on a
	// client, what the server said.
	altScreen bool
	// linkTables is set when diffs send lines with link IDs and their
	// definitions rather than self-contained lines: how they are encoded,
	// not part of the state compared.
	linkTables bool

	// echo is the live server state's input history; clones do not carry
	// it, since it is bookkeeping rather than state.
	echo echoAcker
}

// NewComplete returns state 0: a blank width × height terminal (each at
// least 1) with echo_ack 0.
func NewComplete(width, height int) *Complete {
	return &Complete{emu: vt.NewEmulator(width, height), initial: true}
}

// MaxHistoryPerDiff bounds the encoded scrollback lines StepFrom lets
// into one diff (at least one line always goes). About three datagrams
// before compression: text compresses to about a third, so a diff with a
// full share of history still fits in one or two datagrams and rarely
// loses a fragment, while a backlog of 50,000 short lines drains in a few
// hundred frames.
const MaxHistoryPerDiff = 4 << 10

// KeepHistory makes the server state keep the lines that scroll off its
// primary screen, at most limit of them (at least 1). They are part of
// the state, and sent, only after SendHistory.
func (c *Complete) KeepHistory(limit int) {
	c.history = vt.NewHistory(limit)
	c.emu.SetHistory(c.history)
}

// SendHistory makes the kept history (KeepHistory) part of the state, so
// that diffs carry it: called when the client's hello asks for it. It
// does nothing without KeepHistory.
func (c *Complete) SendHistory() {
	if c.history == nil {
		return
	}
	c.sendHistory = true
	c.histEnd = c.history.End()
	c.histFirst = c.history.First()
	c.histCleared = c.history.Cleared()
	c.altScreen = c.emu.Modes().AltScreen
}

// SendLinkTables makes diffs carry history lines with link IDs and the
// table defining them (wire.FeatureLinkTable), rather than lines holding
// each link's target: called when the client's hello announces it.
func (c *Complete) SendLinkTables() { c.linkTables = true }

// ReceiveHistory makes a client state, and the states cloned from it,
// store the history lines diffs carry in h.
func (c *Complete) ReceiveHistory(h *vt.History) { c.history = h }

// HistorySynced reports whether the state carries the server's history:
// on a client, whether the server is a Roam server that sends it.
func (c *Complete) HistorySynced() bool { return c.sendHistory }

// AltScreen reports whether the application is on the alternate screen
// (full-screen programs: pagers, editors). On a client it is what the
// server last said in the states received; false when the server does
// not say (a stock mosh-server, or one that sends no history).
func (c *Complete) AltScreen() bool { return c.altScreen }

// HistoryEnd returns the number after the last history line that belongs
// to the state: on a client, how many lines the server's history had
// when it sent this state.
func (c *Complete) HistoryEnd() uint64 { return c.histEnd }

// Write feeds output of the application to the emulator.
func (c *Complete) Write(p []byte) {
	if len(p) == 0 {
		return
	}
	c.emu.Write(p)
	c.initial = false
	if c.sendHistory && c.emu.History() != nil {
		// The live server state: its emulator appends to the history,
		// clears it on ED 3, and switches screens.
		c.histEnd = c.history.End()
		c.histFirst = c.history.First()
		c.histCleared = c.history.Cleared()
		c.altScreen = c.emu.Modes().AltScreen
	}
}

// TakeReplies returns and clears what the emulator answered to queries
// (device attributes, cursor position reports); the server writes it back
// to the application.
func (c *Complete) TakeReplies() []byte { return c.emu.TakeReplies() }

// Resize changes the terminal size. Sizes below 1 are ignored: they can
// only come from a broken or hostile peer.
func (c *Complete) Resize(width, height int) {
	if width <= 0 || height <= 0 {
		return
	}
	c.emu.Resize(width, height)
	c.initial = false
}

// Framebuffer returns the live screen; Clone it to keep a snapshot.
func (c *Complete) Framebuffer() *vt.Framebuffer { return c.emu.Framebuffer() }

// Modes returns the emulator's modes (the server's key translator needs
// DECCKM).
func (c *Complete) Modes() vt.Modes { return c.emu.Modes() }

// EchoAck returns the echo acknowledgement carried by this state.
func (c *Complete) EchoAck() uint64 { return c.echoAck }

// Clone returns an independent copy of the state.
func (c *Complete) Clone() *Complete {
	return &Complete{emu: c.emu.Clone(), echoAck: c.echoAck, initial: c.initial,
		history: c.history, histEnd: c.histEnd, histFirst: c.histFirst, sendHistory: c.sendHistory, histCleared: c.histCleared,
		altScreen: c.altScreen, linkTables: c.linkTables}
}

// Equal reports whether c and o show the same screen, carry the same
// echo ack and hold the same history lines (same end, same clear mark)
// and alternate-screen flag. As in mosh, the emulator's parser state,
// the icon name and whether a title was set are not compared.
func (c *Complete) Equal(o *Complete) bool {
	return c.echoAck == o.echoAck && c.histEnd == o.histEnd && c.sendHistory == o.sendHistory &&
		c.histCleared == o.histCleared && c.altScreen == o.altScreen && screensEqual(c.Framebuffer(), o.Framebuffer())
}

func screensEqual(a, b *vt.Framebuffer) bool {
	if a.IconName != b.IconName || a.TitleSet != b.TitleSet {
		// Like mosh, ignore the icon name and whether a title was ever
		// set (OSC 1 sets it too): an icon-name change alone is not worth
		// a frame. A shallow copy shares the rows; Equal only reads them.
		ac := *a
		ac.IconName, ac.TitleSet = b.IconName, b.TitleSet
		return ac.Equal(b)
	}
	return a.Equal(b)
}

// DiffFrom returns the encoded wire.HostMessage that turns old into c. It
// is empty when the two are Equal (and old is not state 0).
func (c *Complete) DiffFrom(old *Complete) []byte {
	if old.initial {
		return c.InitDiff()
	}
	var msg wire.HostMessage
	if c.echoAck > old.echoAck {
		msg.Instructions = append(msg.Instructions, echoAckInstruction(c.echoAck))
	}
	from, to := old.Framebuffer(), c.Framebuffer()
	if !screensEqual(from, to) {
		if from.Width() != to.Width() || from.Height() != to.Height() {
			msg.Instructions = append(msg.Instructions, resizeInstruction(to))
		}
		if b := vt.DisplayDiff(from, to); len(b) > 0 {
			msg.Instructions = append(msg.Instructions, wire.HostInstruction{HostBytes: b})
		}
	}
	msg.Instructions = c.appendHistory(msg.Instructions, old)
	if len(msg.Instructions) == 0 {
		return nil
	}
	return msg.Marshal()
}

// appendHistory appends, after the screen, the history lines c holds
// beyond old (nil: state 0), preceded by c's clear mark if old's is
// lower, and followed by c's alternate-screen flag if old's differs.
// Lines the history has already dropped are skipped; the instruction
// still tells the client where c's history ends, and the first one tells
// it that history is sent at all (HistorySynced).
func (c *Complete) appendHistory(insts []wire.HostInstruction, old *Complete) []wire.HostInstruction {
	var from, cleared uint64
	announced, alt := false, false
	if old != nil {
		from, cleared, announced, alt = old.histEnd, old.histCleared, old.sendHistory, old.altScreen
	}
	if !c.sendHistory || (announced && c.histEnd <= from && c.histCleared <= cleared && c.altScreen == alt) {
		return insts
	}
	from = min(max(from, c.history.First(), c.histCleared), c.histEnd)
	h := &wire.History{First: from}
	if c.histCleared > cleared {
		h.ClearedBefore = c.histCleared
	}
	var links linkTable
	for n := from; n < c.histEnd; n++ {
		l, _ := c.history.Line(n)
		if c.linkTables {
			h.Lines = append(h.Lines, l.Bytes())
			links.add(l)
		} else {
			h.Lines = append(h.Lines, l.AppendSelfContained(nil))
		}
	}
	h.Links = links.defs
	if c.altScreen != alt {
		on := c.altScreen
		h.AltScreen = &on
	}
	return append(insts, wire.HostInstruction{History: h})
}

// linkTable collects the definitions of the links the lines of one
// wire.History use, each once.
type linkTable struct {
	defs []wire.Link
	seen map[vt.LinkID]bool
	ids  []vt.LinkID // scratch
}

// add defines the links of l not yet defined and returns about how many
// bytes their definitions add to the diff.
func (t *linkTable) add(l vt.Line) int {
	t.ids = l.AppendLinks(t.ids[:0])
	size := 0
	for _, id := range t.ids {
		if t.seen[id] {
			continue
		}
		if t.seen == nil {
			t.seen = make(map[vt.LinkID]bool)
		}
		t.seen[id] = true
		params, uri := vt.LinkTarget(id)
		t.defs = append(t.defs, wire.Link{ID: uint64(id), Params: params, URI: uri})
		size += len(params) + len(uri) + 10 // tags, lengths and ID
	}
	return size
}

// BackgroundFrom reports whether c differs from old only by history
// lines (see StepFrom), which may wait behind the screen. A clear is not
// background: it is a few bytes, and the user who typed `clear` expects
// the scrollback gone now; nor is a change of screen. (It makes Complete
// a transport.Stepper.)
func (c *Complete) BackgroundFrom(old *Complete) bool {
	return c.echoAck == old.echoAck && c.sendHistory == old.sendHistory &&
		c.histCleared == old.histCleared && c.altScreen == old.altScreen &&
		screensEqual(c.Framebuffer(), old.Framebuffer())
}

// StepFrom returns the state to send next on the way from old to c: c
// itself, or, when the history lines c holds beyond old's exceed
// MaxHistoryPerDiff, a copy of c holding only the first of them, or none
// of them while a flood outruns the history (see outruns). Screen and
// echo ack always come whole. (It makes Complete a transport.Stepper.)
func (c *Complete) StepFrom(old *Complete) *Complete {
	if !c.sendHistory || c.histEnd <= old.histEnd {
		return c
	}
	if c.outruns(old, maxLinesPerStep) {
		// Held whatever a step would carry, without reading a line: the
		// history keeps the lines of a flood unencoded until they are
		// read (vt.History), and most are dropped first.
		return c.historyStep(old.histEnd)
	}
	start := max(old.histEnd, c.history.First(), c.histCleared)
	n := start
	size := 0
	var links linkTable
	for ; n < c.histEnd; n++ {
		l, _ := c.history.Line(n)
		size += len(l.Bytes()) + 3 + links.add(l) // the field's tag and length, new link definitions
		if size > MaxHistoryPerDiff && n > old.histEnd {
			break
		}
	}
	if c.outruns(old, n-start) {
		n = old.histEnd
	}
	if n >= c.histEnd {
		return c
	}
	return c.historyStep(n)
}

// maxLinesPerStep bounds the history lines a step carries: each costs at
// least three bytes of MaxHistoryPerDiff (the field's tag and length).
const maxLinesPerStep = MaxHistoryPerDiff/3 + 1

// historyStep returns a copy of c holding the history lines below end
// only.
func (c *Complete) historyStep(end uint64) *Complete {
	step := c.Clone()
	step.histEnd = end
	return step
}

// outruns reports whether output is dropping lines from the history
// faster than steps from old carry them: more lines were dropped since
// old than the step of carried lines, and old's receiver has already
// missed some. Lines sent then would arrive as a fragment between gaps;
// held back, the history goes out contiguous once the output slows.
//
// Only a step that carries something else is held back, so that it is
// sent and the next step measures from it: the drops counted are those
// of one frame interval, and the hold ends with the flood. (Output that
// scrolls without changing the screen, such as `yes`, is sent as
// before.) A clear is never held back: the step must carry its mark.
func (c *Complete) outruns(old *Complete, carried uint64) bool {
	return old.sendHistory && c.histCleared == old.histCleared &&
		c.histFirst > old.histEnd && c.histFirst > old.histFirst && c.histFirst-old.histFirst > carried &&
		!c.BackgroundFrom(old)
}

// InitDiff returns the diff from state 0: the echo ack if set, a Resize
// to c's size, a full repaint of c's screen and c's history lines, if
// they are sent.
func (c *Complete) InitDiff() []byte {
	var msg wire.HostMessage
	if c.echoAck > 0 {
		msg.Instructions = append(msg.Instructions, echoAckInstruction(c.echoAck))
	}
	fb := c.Framebuffer()
	msg.Instructions = append(msg.Instructions,
		resizeInstruction(fb),
		wire.HostInstruction{HostBytes: vt.DisplayDiff(nil, fb)})
	msg.Instructions = c.appendHistory(msg.Instructions, nil)
	return msg.Marshal()
}

func echoAckInstruction(n uint64) wire.HostInstruction {
	return wire.HostInstruction{EchoAck: &n}
}

func resizeInstruction(fb *vt.Framebuffer) wire.HostInstruction {
	return wire.HostInstruction{Resize: &wire.Resize{Width: int32(fb.Width()), Height: int32(fb.Height())}}
}

// Apply applies an encoded wire.HostMessage (the client side): HostBytes
// go through the emulator, a Resize resizes it (sizes below 1 ignored),
// and an EchoAck raises echo_ack (it never goes down). Whatever the
// emulator would answer is discarded: a server never queries its client.
func (c *Complete) Apply(diff []byte) error {
	var msg wire.HostMessage
	if err := msg.Unmarshal(diff); err != nil {
		return fmt.Errorf("statesync: %w", err)
	}
	for _, inst := range msg.Instructions {
		switch {
		case inst.HostBytes != nil:
			c.Write(inst.HostBytes)
			c.emu.TakeReplies()
		case inst.Resize != nil:
			c.Resize(int(inst.Resize.Width), int(inst.Resize.Height))
		case inst.EchoAck != nil:
			c.echoAck = max(c.echoAck, *inst.EchoAck)
		case inst.History != nil:
			c.sendHistory = true
			if alt := inst.History.AltScreen; alt != nil {
				c.altScreen = *alt
			}
			c.applyHistory(inst.History)
		}
	}
	c.initial = false
	return nil
}

// maxHistoryJump bounds how far past the state's history end a received
// instruction may start, so that a hostile First cannot move a client's
// history end to the end of time.
const maxHistoryJump = 1 << 40

// applyHistory erases the lines below a received clear mark, stores
// received history lines (ignoring any that does not parse), their links
// resolved through the definitions sent with them, and moves the history
// end past them.
func (c *Complete) applyHistory(h *wire.History) {
	if h.First > c.histEnd+maxHistoryJump || h.ClearedBefore > c.histEnd+maxHistoryJump {
		return
	}
	if h.ClearedBefore > c.histCleared {
		c.histCleared = h.ClearedBefore
		c.histEnd = max(c.histEnd, h.ClearedBefore)
		if c.history != nil {
			c.history.ClearBefore(h.ClearedBefore)
		}
	}
	var links vt.LinkMap
	if c.history != nil {
		for _, l := range h.Links {
			links.Define(l.ID, l.Params, l.URI)
		}
	}
	for i, b := range h.Lines {
		if c.history == nil {
			break
		}
		l, err := vt.ParseLine(b, &links)
		if err != nil {
			l = vt.Line{}
		}
		c.history.Add(h.First+uint64(i), l)
	}
	c.histEnd = max(c.histEnd, h.First+uint64(len(h.Lines)))
}

// Subtract does nothing: a Complete is not a log.
func (c *Complete) Subtract(*Complete) {}

// RegisterInputFrame records that client state num, which carried at
// least one user event, was handed to the application at now.
func (c *Complete) RegisterInputFrame(num uint64, now time.Time) {
	c.echo.register(num, now)
}

// SetEchoAck sets echo_ack to the newest registered client state that
// has been in the application's hands for EchoTimeout, and reports
// whether echo_ack changed (the server then has a new state to send).
func (c *Complete) SetEchoAck(now time.Time) bool {
	n, ok := c.echo.newest(now)
	if !ok || n <= c.echoAck {
		return false
	}
	c.echoAck = n
	c.initial = false
	return true
}

// WaitTime returns how long until SetEchoAck has something to do, or
// NoWait.
func (c *Complete) WaitTime(now time.Time) time.Duration { return c.echo.waitTime(now) }
