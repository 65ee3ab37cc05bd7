package vt_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

// TestHostile feeds escape bombs: each must finish quickly without panic
// and leave a sane screen.
func TestHostile(t *testing.T) {
	bombs := map[string][]byte{
		"10000 params":          []byte("\x1b[" + strings.Repeat("1;", 10000) + "m"),
		"10 MB OSC":             append(append([]byte("\x1b]2;"), bytes.Repeat([]byte("x"), 10<<20)...), 7),
		"10 MB clipboard":       append(append([]byte("\x1b]52;c;"), bytes.Repeat([]byte("QUFB"), 10<<18)...), 7),
		"100000 combining":      append([]byte("a"), bytes.Repeat([]byte("\u0301"), 100000)...),
		"100000 fallback marks": append([]byte("\x1b[2J"), bytes.Repeat([]byte("\u0301"), 100000)...),
		"10 MB line":            bytes.Repeat([]byte("abcdefghij"), 1<<20),
		"10 MB wide":            bytes.Repeat([]byte("世界"), 10<<20/6),
		"huge counts":           []byte(strings.Repeat("x\x1b[65535L\x1b[65535M\x1b[99999999X\x1b[65535@\x1b[65535P\x1b[65535b\x1b[65535S\x1b[65535T\x1b[65535I\x1b[65535Z\x1b[65535;65535H", 1000)),
		"unterminated DCS":      append([]byte("\x1bP"), bytes.Repeat([]byte("q#0;2"), 1<<20)...),
		"many links":            []byte(strings.Repeat("\x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\", 10000)),
		"replies":               bytes.Repeat([]byte("\x1b[6n\x1b[c"), 100000),
		"binary":                garbage(1 << 20),
	}
	for name, in := range bombs {
		t.Run(name, func(t *testing.T) {
			e := vt.NewEmulator(80, 24)
			start := time.Now()
			e.Write(in)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			fb := e.Framebuffer()
			if len(fb.Title) > 4*256 || len(fb.Clipboard) > 4*16384 {
				t.Errorf("title %d bytes, clipboard %d bytes", len(fb.Title), len(fb.Clipboard))
			}
			for y := range fb.Height() {
				for x := range fb.Width() {
					if n := len(fb.Cell(y, x).Comb); n > vt.MaxCombiningBytes {
						t.Fatalf("cell (%d,%d) holds %d bytes of marks", y, x, n)
					}
				}
			}
			if n := len(e.TakeReplies()); n > 4096 {
				t.Errorf("%d bytes of replies queued", n)
			}
			if c := fb.Cursor; c.Row < 0 || c.Row >= fb.Height() || c.Col < 0 || c.Col >= fb.Width() {
				t.Errorf("cursor off screen: %+v", c)
			}
		})
	}
}

// garbage returns deterministic pseudo-random bytes rich in escapes.
func garbage(n int) []byte {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
		if x%7 == 0 {
			b[i] = 0x1b
		}
	}
	return b
}

// TestMemoryBounded checks that memory does not grow with the size of the
// input: the heap after 50 MB of mixed output is about what it is after 1 MB.
func TestMemoryBounded(t *testing.T) {
	chunk := []byte("text 世界 e\u0301\x1b[1;38;2;1;2;3m\x1b]2;title\x07\x1b[5;5H\x1b[K\x1b[3L\r\n" +
		"\x1b]52;c;" + strings.Repeat("A", 1000) + "\x07")
	e := vt.NewEmulator(80, 24)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for range 1 << 20 / len(chunk) {
		e.Write(chunk)
	}
	before := heap()
	for range 50 << 20 / len(chunk) {
		e.Write(chunk)
	}
	if after := heap(); after > before+1<<20 {
		t.Errorf("heap grew from %d to %d bytes", before, after)
	}
}

func TestRapidResize(t *testing.T) {
	e := vt.NewEmulator(80, 24)
	in := []byte("世界 abc\x1b[?1049h\x1b[3;20r\x1b[20;70Hx\x1b7\u0301")
	start := time.Now()
	for i := range 10000 {
		e.Resize(1+i%200, 1+i%60)
		e.Write(in)
		if i%3 == 0 {
			e.Write([]byte("\x1b[?1049l\x1b8y"))
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func FuzzEmulator(f *testing.F) {
	for _, s := range []string{
		"hello\r\nworld", "\x1b[2J\x1b[H世界\u0301", "\x1b[?1049h\x1b[5;10r\x1b[3L", "\x1b]2;t\x07\x1b]52;c;YQ==\x07",
		"\x1b(0lqk\x0e\x0f", "\x1b[38:2::1:2:3m", "abc\x1b[3b\x1b#8\x1bc",
	} {
		f.Add([]byte(s), uint8(80), uint8(24))
	}
	f.Fuzz(func(t *testing.T, in []byte, w, h uint8) {
		e := vt.NewEmulator(int(w%100), int(h%40))
		e.Write(in)
		c := e.Clone()
		e.Resize(int(h%100), int(w%40))
		e.Write(in)
		c.Write(in)
		for _, fb := range []*vt.Framebuffer{e.Framebuffer(), c.Framebuffer()} {
			cur := fb.Cursor
			if cur.Row < 0 || cur.Row >= fb.Height() || cur.Col < 0 || cur.Col >= fb.Width() {
				t.Fatalf("cursor off screen: %+v", cur)
			}
			for y := range fb.Height() {
				cells := fb.Row(y).Cells
				for x := range cells {
					if cells[x].Wide && (x+1 >= len(cells) || !cells[x+1].WideTail) {
						t.Fatalf("wide cell without tail at (%d,%d)", y, x)
					}
					if cells[x].WideTail && (x == 0 || !cells[x-1].Wide) {
						t.Fatalf("tail without head at (%d,%d)", y, x)
					}
				}
			}
		}
	})
}

// FuzzEmulatorChunks feeds the same output whole and a byte at a time:
// the fast paths for text and whole control sequences must draw what the
// byte-wise state machine draws. A probe after the output (a combining
// mark, a character, a repeat) shows the state a screen does not: a
// pending wrap, the cell a mark joins, the character a repeat repeats.
func FuzzEmulatorChunks(f *testing.F) {
	for _, s := range []string{
		"héllo wörld 日本語 🚀 e\u0301\u0302 x", "\x1b[3;78H日本\u0301語", "ab\x1b[1;2H世\x1b[1;1H\u0301",
		"\x1b[?7l日本語日本語\x1b[4h日\x1b(0q日", "é\x85\xc2\x9b2m\xe6\x97\xa5\xf0\x9f", "\x1b[2;80H\u0301a\u200b",
	} {
		f.Add([]byte(s), uint8(80), uint8(24))
		f.Add([]byte(s), uint8(3), uint8(2))
	}
	// Enough lines for a whole write to skip those that scroll away.
	for _, s := range []string{
		strings.Repeat("ab日\u0301 \r\n", 30), strings.Repeat("x\t12345678\r\n\r\n", 20) + "\x1b[m\u0301",
		"\x1b[3;1H" + strings.Repeat("🚀a\r\n", 12) + "\xe6", strings.Repeat("ab\r\n", 12) + "\xc2\x85" + strings.Repeat("cd\r\n", 12),
	} {
		f.Add([]byte(s), uint8(6), uint8(4))
		f.Add([]byte(s), uint8(80), uint8(3))
	}
	// Lines that scroll into a history.
	for _, s := range []string{
		strings.Repeat("plain line\r\n", 30) + "\x1b[31mx\x1b[m\r\n" + strings.Repeat("ab  \r\n\r\n", 15),
		strings.Repeat("0123456789\r\n", 12) + "\u0301", strings.Repeat("a\tb\r\r\n", 12) + "c\r\r",
		strings.Repeat("日本e\u0301\u0302 語\r\n", 12) + strings.Repeat("abcdefghi日\tx\r\n", 12),
		strings.Repeat("🙂\ufe0fa\u0301\r\n", 12) + "\u0301\xe6\x97",
	} {
		f.Add([]byte(s), uint8(10), uint8(4))
		f.Add([]byte(s), uint8(80), uint8(1))
	}
	const probe = "\u0301X\x1b[2b"
	f.Fuzz(func(t *testing.T, in []byte, w, h uint8) {
		width, height := 1+int(w%100), 1+int(h%40)
		for _, limit := range []int{0, 1 + int(w)%64} {
			whole, bytewise := vt.NewEmulator(width, height), vt.NewEmulator(width, height)
			if limit > 0 {
				whole.SetHistory(vt.NewHistory(limit))
				bytewise.SetHistory(vt.NewHistory(limit))
			}
			whole.Write(in)
			whole.Write([]byte(probe))
			for i := range in {
				bytewise.Write(in[i : i+1])
			}
			bytewise.Write([]byte(probe))
			if !whole.Framebuffer().Equal(bytewise.Framebuffer()) {
				t.Fatalf("%dx%d, history %d: whole:\n%s\nbyte by byte:\n%s", width, height, limit,
					show(vttest.Lines(whole.Framebuffer())), show(vttest.Lines(bytewise.Framebuffer())))
			}
			if limit > 0 {
				a, b := whole.History(), bytewise.History()
				if a.First() != b.First() || a.End() != b.End() {
					t.Fatalf("%dx%d: whole history holds %d…%d, byte by byte %d…%d", width, height, a.First(), a.End(), b.First(), b.End())
				}
				for n := a.First(); n < a.End(); n++ {
					la, _ := a.Line(n)
					lb, _ := b.Line(n)
					if !bytes.Equal(la.Bytes(), lb.Bytes()) {
						t.Fatalf("%dx%d: history line %d: whole %q, byte by byte %q", width, height, n, la.Bytes(), lb.Bytes())
					}
				}
			}
		}
	})
}
