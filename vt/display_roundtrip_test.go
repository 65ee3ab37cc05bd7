package vt

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// Round trips: applying DisplayDiff(a, b) to a receiver showing a must
// leave it showing b. This is the definition of a correct diff.

// randomFrame returns a frame an emulator could show: random cells (narrow,
// wide, combining, fallback, erased with a background, spaces), colours,
// attributes, links, wrap flags, cursor and modes.
func randomFrame(r *rand.Rand, w, h int) *Framebuffer {
	fb := NewFramebuffer(w, h)
	links := []LinkID{0, 0, 0, InternLink("", "https://example.com/a"), InternLink("id=1", "https://example.com/b")}
	rend := func() Rendition {
		if r.IntN(3) == 0 {
			return Rendition{}
		}
		return Rendition{Fg: randomColor(r), Bg: randomColor(r), Attrs: Attr(r.IntN(256)), Link: links[r.IntN(len(links))]}
	}
	blank := func() Cell {
		if r.IntN(2) == 0 {
			return Cell{}
		}
		return Cell{Rend: Rendition{Bg: randomColor(r)}}
	}
	narrow := []rune("abcxyz019 #~é\u00a0ÿ")
	wide := []rune("中文字😀한")
	marks := []string{"\u0301", "\u0302\u0303", "\u20dd"}
	// Rows come in runs of equal content so that repeated rows (which the
	// scroll detection must not be fooled by) are common.
	style := r.IntN(4)
	for y := range h {
		row := fb.MutableRow(y)
		for x := 0; x < w; x++ {
			switch k := r.IntN(12); {
			case style == 0 || k < 3:
				row.Cells[x] = blank()
			case k < 8:
				row.Cells[x] = Cell{Rune: narrow[r.IntN(len(narrow))], Rend: rend()}
			case k < 10 && x+1 < w:
				rd := rend()
				row.Cells[x] = Cell{Rune: wide[r.IntN(len(wide))], Rend: rd, Wide: true}
				row.Cells[x+1] = Cell{Rend: rd, WideTail: true}
				x++
			case k == 10:
				row.Cells[x] = Cell{Rune: narrow[r.IntN(len(narrow))], Rend: rend(), Comb: marks[r.IntN(len(marks))]}
			default:
				c := blank()
				c.Comb = marks[r.IntN(len(marks))]
				row.Cells[x] = c
			}
		}
		row.Wrapped = r.IntN(3) == 0 && (y < h-1 || h >= 3)
	}
	fb.Cursor = Cursor{Row: r.IntN(h), Col: r.IntN(w), Visible: r.IntN(4) != 0, Style: CursorStyle(r.IntN(7))}
	fb.Pen = rend()
	if r.IntN(2) == 0 {
		titles := []string{"", "t", "vim — ü", "x"}
		fb.TitleSet = true
		fb.Title, fb.IconName = titles[r.IntN(len(titles))], titles[r.IntN(len(titles))]
	}
	fb.Clipboard = []string{"", "", "aGk=", "Ymll"}[r.IntN(4)]
	fb.ReverseVideo = r.IntN(4) == 0
	fb.BracketedPaste = r.IntN(2) == 0
	fb.FocusEvents = r.IntN(3) == 0
	fb.Mouse = []MouseMode{MouseNone, MouseX10, MouseVT200, MouseHighlight, MouseButton, MouseAny}[r.IntN(6)]
	fb.MouseEncoding = []MouseEncoding{MouseEncodingDefault, MouseEncodingUTF8, MouseEncodingSGR, MouseEncodingURXVT}[r.IntN(4)]
	return fb
}

func randomColor(r *rand.Rand) Color {
	switch r.IntN(4) {
	case 0:
		return ColorDefault
	case 1:
		return IndexedColor(uint8(r.IntN(16)))
	case 2:
		return IndexedColor(uint8(r.IntN(256)))
	}
	return RGBColor(uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)))
}

// mutate returns a copy of fb with a few random changes of the kinds
// programs make: a scroll of part of the screen, rewritten rows, changed
// cells, a moved cursor, changed modes.
func mutate(r *rand.Rand, fb *Framebuffer) *Framebuffer {
	w, h := fb.Width(), fb.Height()
	next := fb.Clone()
	other := randomFrame(r, w, h)
	if r.IntN(2) == 0 && h > 1 {
		top := r.IntN(h - 1)
		bottom := top + 1 + r.IntN(h-top-1)
		n := 1 + r.IntN(bottom-top+1)
		next.ScrollUp(top, bottom, n, ColorDefault)
	}
	for range r.IntN(4) {
		y := r.IntN(h)
		*next.MutableRow(y) = Row{Cells: append([]Cell(nil), other.Row(y).Cells...), Wrapped: other.Row(y).Wrapped}
	}
	for range r.IntN(6) {
		y, x := r.IntN(h), r.IntN(w)
		row := next.MutableRow(y)
		if row.Cells[x].Wide || row.Cells[x].WideTail || other.Row(y).Cells[x].Wide || other.Row(y).Cells[x].WideTail {
			continue
		}
		row.Cells[x] = other.Row(y).Cells[x]
	}
	if r.IntN(2) == 0 {
		next.Cursor = other.Cursor
		next.Pen = other.Pen
	}
	if r.IntN(4) == 0 {
		next.Title, next.IconName, next.TitleSet = other.Title, other.IconName, other.TitleSet || fb.TitleSet
		next.Clipboard = other.Clipboard
		next.ReverseVideo, next.BracketedPaste = other.ReverseVideo, other.BracketedPaste
		next.Mouse, next.MouseEncoding, next.FocusEvents = other.Mouse, other.MouseEncoding, other.FocusEvents
	}
	if !fb.TitleSet || !next.TitleSet { // a title, once set, stays set
		next.TitleSet = fb.TitleSet || next.TitleSet
		if !next.TitleSet {
			next.Title, next.IconName = "", ""
		}
	}
	return next
}

func TestDisplayDiffRoundTripRandom(t *testing.T) {
	sizes := [][2]int{{1, 1}, {1, 4}, {2, 2}, {5, 3}, {8, 6}, {13, 4}, {80, 24}}
	for i := range 3000 {
		r := rand.New(rand.NewPCG(uint64(i), 1))
		sz := sizes[i%len(sizes)]
		a := randomFrame(r, sz[0], sz[1])
		b := randomFrame(r, sz[0], sz[1])
		b.TitleSet = b.TitleSet || a.TitleSet // a title, once set, stays set
		t.Run(fmt.Sprintf("seed%d", i), func(t *testing.T) {
			e := receiverFor(t, a)
			applyDiff(t, e, a, b)
		})
		if t.Failed() {
			return
		}
	}
}

// TestDisplayDiffRoundTripChains applies a chain of related frames
// A1→A2→…→An to one receiver, as a client receives a session.
func TestDisplayDiffRoundTripChains(t *testing.T) {
	sizes := [][2]int{{3, 3}, {7, 5}, {20, 8}, {80, 24}}
	for i := range 300 {
		r := rand.New(rand.NewPCG(uint64(i), 2))
		sz := sizes[i%len(sizes)]
		t.Run(fmt.Sprintf("seed%d", i), func(t *testing.T) {
			a := randomFrame(r, sz[0], sz[1])
			e := receiverFor(t, a)
			for range 30 {
				b := mutate(r, a)
				applyDiff(t, e, a, b)
				a = b
			}
		})
		if t.Failed() {
			return
		}
	}
}

// workloads are byte streams like those a shell session produces.
var workloads = map[string]string{
	"shell": "\x1b]0;user@host: ~\a$ ls -l\r\ntotal 8\r\n-rw-r--r-- 1 u u  12 Jan 1 a.txt\r\n" +
		"\x1b[01;34mdir\x1b[0m\r\n$ echo 'a long line that wraps around the right margin of a narrow screen'\r\n" +
		"a long line that wraps around the right margin of a narrow screen\r\n$ \x07",
	"log": strings.Repeat("2026-01-01 12:00:00 INFO request served in 12ms path=/api/v1/items\r\n", 40),
	"vim": "\x1b[?1049h\x1b[?2004h\x1b[1;24r\x1b[H\x1b[2J\x1b[?25l" +
		"\x1b[1;1H\x1b[38;5;130m  1 \x1b[0mpackage main\x1b[2;1H\x1b[38;5;130m  2 \x1b[0m\x1b[3;1H\x1b[38;5;130m  3 \x1b[0mfunc main() {\r\n" +
		"\x1b[94m~                   \x1b[0m\r\n\x1b[94m~\x1b[0m\x1b[24;1H\"main.go\" 3L\x1b[1;5H\x1b[?25h" +
		"\x1b[?25l\x1b[2;5Hhello\x1b[3;2r\x1b[3;1H\x1bM\x1b[r\x1b[5;1H\x1b[K\x1b[1;9H\x1b[?25h",
	"top": "\x1b[H\x1b[2Jtop - 12:00:00 up 1 day,  load average: 0.00\r\nTasks: 100 total\r\n\x1b[7m  PID USER      %CPU COMMAND         \x1b[0m\r\n" +
		"    1 root       0.0 init\r\n   42 user       1.3 bash\r\n" +
		"\x1b[H\x1b[Ktop - 12:00:03 up 1 day,  load average: 0.01\x1b[4;1H    1 root       0.3 init\x1b[K\r\n   42 user       0.0 bash\x1b[K\x1b[J",
	"cjk":           "中文字符测试，宽字符在行尾换行。한국어 テキスト 😀 e\u0301 \u0302 abc\r\n" + strings.Repeat("字", 50) + "\x1b[2;79H中x",
	"colors":        "\x1b[38;2;10;20;30;48;5;200mrgb\x1b[0m \x1b[91;102mbright\x1b[0m \x1b[2;9mfaint-strike\x1b[0m \x1b[44m\x1b[K\r\n\x1b[41m   \x1b[5X\x1b[0m",
	"links":         "\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\ plain \x1b]8;id=x;https://e.org\x07two\x1b]8;;\x07",
	"modes":         "\x1b[?1000h\x1b[?1006h\x1b[?1004h\x1b[?5h\x1b[5 q\x1b]52;c;aGVsbG8=\a\x1b[?25l",
	"scroll-region": "\x1b[1;1Hheader\x1b[24;1Hstatus\x1b[2;23r\x1b[23;1H" + strings.Repeat("line of body text\r\n", 30) + "\x1b[r",
	"wrap-edges":    strings.Repeat("x", 80) + strings.Repeat("y", 79) + "中" + "\x1b[3;80H\x1b[X" + "\x1b[5;1H" + strings.Repeat("z", 85) + "\x1b[5;80H\x1b[X",
	"fallback":      "\x1b[2;3H\u0301\x1b[41m\x1b[X\x1b[2;10H\u0303\u0304 abc\x1b[1J\u0334",
}

// TestDisplayDiffRoundTripWorkloads snapshots an emulator every few bytes
// of each workload, at several sizes, and round-trips between consecutive
// snapshots (incrementally on one receiver) and from scratch.
func TestDisplayDiffRoundTripWorkloads(t *testing.T) {
	for name, stream := range workloads {
		for _, size := range [][2]int{{80, 24}, {20, 6}, {7, 3}} {
			for _, step := range []int{1, 7, 64} {
				t.Run(fmt.Sprintf("%s/%dx%d/step%d", name, size[0], size[1], step), func(t *testing.T) {
					src := NewEmulator(size[0], size[1])
					prev := src.Framebuffer().Clone()
					recv := receiverFor(t, prev)
					for i := 0; i < len(stream); i += step {
						next := snapshot(src, stream[i:min(i+step, len(stream))])
						applyDiff(t, recv, prev, next)
						if i%(8*step) == 0 {
							fresh := NewEmulator(size[0], size[1])
							applyDiff(t, fresh, nil, next)
						}
						prev = next
					}
				})
			}
		}
	}
}
