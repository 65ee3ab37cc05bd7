package predict

import (
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
)

// harness drives an Engine against a "server" emulator on a fake clock.
type harness struct {
	t   *testing.T
	e   *Engine
	emu *vt.Emulator
	now time.Time
	// sent is the newest client state number sent.
	sent uint64
}

func newHarness(t *testing.T, opts Options, width, height int) *harness {
	t.Helper()
	h := &harness{
		t:   t,
		e:   New(opts),
		emu: vt.NewEmulator(width, height),
		now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	h.e.SetSendInterval(100 * time.Millisecond) // slow link: shown and underlined
	return h
}

// server writes s to the server's screen.
func (h *harness) server(s string) { h.emu.Write([]byte(s)) }

func (h *harness) fb() *vt.Framebuffer { return h.emu.Framebuffer() }

// keys types s (one read) at the current time.
func (h *harness) keys(s string) {
	h.e.SetLocalFrameSent(h.sent)
	h.e.NewUserInput([]byte(s), h.fb(), h.now)
}

// send marks the input typed so far as sent in the next state.
func (h *harness) send() uint64 { h.sent++; return h.sent }

// echoAck sets the server's echo ack and culls.
func (h *harness) echoAck(n uint64) {
	h.e.SetLocalFrameLateAcked(n)
	h.cull()
}

func (h *harness) cull()                    { h.e.Cull(h.fb(), h.now) }
func (h *harness) advance(d time.Duration)  { h.now = h.now.Add(d) }
func (h *harness) display() *vt.Framebuffer { return h.e.ApplyTo(h.fb()) }

// confirm makes the engine trust its predictions: type c, have the server
// echo it and acknowledge it.
func (h *harness) confirm(c string) {
	h.t.Helper()
	h.keys(c)
	n := h.send()
	h.server(c)
	h.echoAck(n)
	if h.e.confirmedEpoch < h.e.predictionEpoch {
		h.t.Fatalf("confirm(%q): epoch %d not confirmed (confirmed %d)", c, h.e.predictionEpoch, h.e.confirmedEpoch)
	}
}

// screenText returns the rows of fb, right-trimmed.
func screenText(fb *vt.Framebuffer) []string {
	rows := make([]string, fb.Height())
	for y := range rows {
		rows[y] = strings.TrimRight(rowText(fb, y, 0, fb.Width()), " ")
	}
	return rows
}

// row returns displayed row y.
func (h *harness) row(y int) string { return screenText(h.display())[y] }

// underlined returns the displayed row y with underlined cells as '_'
// and others as '.' up to the last underlined one.
func underlined(fb *vt.Framebuffer, y int) string {
	var b strings.Builder
	for x := 0; x < fb.Width(); x++ {
		if fb.Cell(y, x).Rend.Attrs&vt.AttrUnderline != 0 {
			b.WriteByte('_')
		} else {
			b.WriteByte('.')
		}
	}
	return strings.TrimRight(b.String(), ".")
}

func (h *harness) wantRow(y int, want string) {
	h.t.Helper()
	if got := h.row(y); got != want {
		h.t.Fatalf("row %d = %q, want %q", y, got, want)
	}
}

func (h *harness) wantCursor(row, col int) {
	h.t.Helper()
	c := h.display().Cursor
	if c.Row != row || c.Col != col {
		h.t.Fatalf("cursor = (%d,%d), want (%d,%d)", c.Row, c.Col, row, col)
	}
}
