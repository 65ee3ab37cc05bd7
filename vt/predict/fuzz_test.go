package predict

import (
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
)

// FuzzEngine feeds arbitrary screens, input and acknowledgements through
// the engine in every mode: it must not panic, must not modify the
// framebuffer and must keep the overlay inside the screen.
func FuzzEngine(f *testing.F) {
	f.Add([]byte("$ \x1b[2;1H~"), []byte("ab\r漢\x7f\x1bOD\x1b[200~x\x1b[201~\x03q"), uint8(0), uint8(3))
	f.Add([]byte("\x1b[?1049h\x1b[24;1H-- INSERT --\x1b[H"), []byte("o\x1b[1;5Cxy\t\x7f\x7f"), uint8(3), uint8(1))
	f.Add([]byte("\x1b[1;80Hx"), []byte("\u0301\x00\x1b]0;t\a漢漢漢"), uint8(1), uint8(2))
	// One key per read (acks ≥ 0x30): a lone Escape in vim's insert
	// mode, its command line, a line wrapped at the margin, Enter.
	f.Add([]byte("abcdefghijklmnopqr\x1b[5;1H-- INSERT --\x1b[1;19H"), []byte("st\ruv\x1b:wq\r\x7f\x7f"), uint8(1), uint8(0x31))
	f.Fuzz(func(t *testing.T, screen, input []byte, mode, acks uint8) {
		emu := vt.NewEmulator(20, 5)
		emu.Write(screen)
		opts := Options{
			Display:        DisplayMode(mode % 4),
			Overwrite:      mode&4 != 0,
			MoshCompatible: mode&8 != 0,
		}
		e := New(opts)
		e.SetSendInterval(time.Duration(mode) * time.Millisecond)
		now := time.Unix(0, 0)
		read := 3 - int(acks>>4)%3 // bytes per read: 3, 2 or 1
		for i := 0; i < len(input); i += read {
			fb := emu.Framebuffer()
			before := fb.Clone()
			e.SetLocalFrameSent(uint64(i))
			e.NewUserInput(input[i:min(i+read, len(input))], fb, now)
			if i%2 == 0 {
				emu.Write(input[i:min(i+read, len(input))])
			}
			e.SetLocalFrameAcked(uint64(i))
			e.SetLocalFrameLateAcked(uint64(i) * uint64(acks%4) / 3)
			now = now.Add(time.Duration(acks) * 10 * time.Millisecond)
			e.Cull(emu.Framebuffer(), now)
			o := e.Overlay(emu.Framebuffer())
			for _, c := range o.Cells {
				if c.Row < 0 || c.Row >= 5 || c.Col < 0 || c.Col >= 20 {
					t.Fatalf("overlay cell outside the screen: %+v", c)
				}
			}
			_ = e.ApplyTo(emu.Framebuffer())
			_ = e.WaitTime(now)
			if i%2 == 1 && !fb.Equal(before) {
				t.Fatal("the engine modified the framebuffer")
			}
		}
	})
}
