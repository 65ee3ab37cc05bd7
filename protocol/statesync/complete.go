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
type Complete struct {
	emu     *vt.Emulator
	echoAck uint64
	initial bool

	// echo is the live server state's input history; clones do not carry
	// it, since it is bookkeeping rather than state.
	echo echoAcker
}

// NewComplete returns state 0: a blank width × height terminal (each at
// least 1) with echo_ack 0.
func NewComplete(width, height int) *Complete {
	return &Complete{emu: vt.NewEmulator(width, height), initial: true}
}

// Write feeds output of the application to the emulator.
func (c *Complete) Write(p []byte) {
	if len(p) == 0 {
		return
	}
	c.emu.Write(p)
	c.initial = false
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
	return &Complete{emu: c.emu.Clone(), echoAck: c.echoAck, initial: c.initial}
}

// Equal reports whether c and o show the same screen and carry the same
// echo ack. As in mosh, the emulator's parser state, the icon name and
// whether a title was set are not compared.
func (c *Complete) Equal(o *Complete) bool {
	return c.echoAck == o.echoAck && screensEqual(c.Framebuffer(), o.Framebuffer())
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
	if len(msg.Instructions) == 0 {
		return nil
	}
	return msg.Marshal()
}

// InitDiff returns the diff from state 0: the echo ack if set, a Resize
// to c's size and a full repaint of c's screen.
func (c *Complete) InitDiff() []byte {
	var msg wire.HostMessage
	if c.echoAck > 0 {
		msg.Instructions = append(msg.Instructions, echoAckInstruction(c.echoAck))
	}
	fb := c.Framebuffer()
	msg.Instructions = append(msg.Instructions,
		resizeInstruction(fb),
		wire.HostInstruction{HostBytes: vt.DisplayDiff(nil, fb)})
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
		}
	}
	c.initial = false
	return nil
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
