package vt_test

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
)

// rowOf feeds input to a width-column emulator and returns a copy of its
// first row.
func rowOf(width int, input string) *vt.Row {
	e := vt.NewEmulator(width, 2)
	e.Write([]byte(input))
	return e.Framebuffer().Row(0)
}

func TestLineRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name, input, text string
		wrapped           bool
	}{
		{"empty", "", "", false},
		{"ascii", "hello you", "hello you", false},
		{"wrapped", "0123456789abc", "0123456789", true},
		{"sgr", "\x1b[1;31mred\x1b[0m \x1b[38;2;1;2;3;48;5;200mrgb\x1b[m", "red rgb", false},
		{"bce", "\x1b[44m\x1b[K", "", false},
		{"wide", "日本x", "日本x", false},
		{"combining", "e\u0301a\u0308", "e\u0301a\u0308", false},
		{"fallback", "\u0301", "\u00a0\u0301", false},
		{"gap", "a\x1b[5Gb", "a   b", false},
		{"repeats", "xxxxxxx", "xxxxxxx", false},
		{"link", "\x1b]8;id=1;https://example.com/\x07link\x1b]8;;\x07", "link", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rowOf(10, tc.input)
			l := vt.NewLine(r)
			if got := l.Width(); got != 10 {
				t.Errorf("Width = %d, want 10", got)
			}
			if got := l.Wrapped(); got != tc.wrapped {
				t.Errorf("Wrapped = %v, want %v", got, tc.wrapped)
			}
			if got := l.Text(); got != tc.text {
				t.Errorf("Text = %q, want %q", got, tc.text)
			}
			if got := l.Row(); !got.Equal(r) {
				t.Errorf("Row = %+v, want %+v", got.Cells, r.Cells)
			}
			parsed, err := vt.ParseLine(l.Bytes(), linkMapFor(l))
			if err != nil {
				t.Fatalf("ParseLine(Bytes()): %v", err)
			}
			if !parsed.Row().Equal(r) {
				t.Errorf("parsed row differs")
			}
			self, err := vt.ParseLine(l.AppendSelfContained(nil), nil)
			if err != nil {
				t.Fatalf("ParseLine(AppendSelfContained()): %v", err)
			}
			if !self.Row().Equal(r) {
				t.Errorf("self-contained row differs")
			}
		})
	}
}

func TestParseLineRejects(t *testing.T) {
	good := vt.NewLine(rowOf(10, "\x1b[1mok")).Bytes()
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"no flags", []byte{10}},
		{"bad flags", []byte{10, 0x80}},
		{"too wide", []byte{0xff, 0xff, 0x03, 0}},
		{"more cells than width", []byte{2, 0, 'a', 'b', 'c'}},
		{"repeat beyond width", []byte{2, 0, 'a', 0x01, 5}},
		{"repeat first", []byte{2, 0, 0x01, 1}},
		{"control char", []byte{4, 0, 'a', 0x1b, '['}},
		{"C1 control", []byte{4, 0, 0xc2, 0x9b}},
		{"bad utf8", []byte{4, 0, 0xff}},
		{"dangling wide", []byte{4, 0, 0x03}},
		{"dangling comb", []byte{4, 0, 0x04, 2, 0xcc, 0x81}},
		{"control in comb", []byte{4, 0, 0x04, 1, 0x07, 'a'}},
		{"bad colour kind", []byte{4, 0, 0x02, 0x80, 0x80, 0x80, 0x80, 0x08, 0, 0, 0, 0, 'a'}},
		{"control in link", []byte{4, 0, 0x02, 0, 0, 0, 0, 2, 0x1b, 'x', 'a'}},
		{"link ID beyond LinkID", []byte{4, 0, 0x06, 0, 0, 0, 0x80, 0x80, 0x04, 'a'}},
		{"pen without link", []byte{4, 0, 0x06, 0, 0, 0}},
		{"truncated", good[:len(good)-3]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := vt.ParseLine(tc.b, nil); err == nil {
				t.Errorf("ParseLine(% x) accepted", tc.b)
			}
		})
	}
}

// linkMapFor returns the link table a receiver needs for l's links: what
// a server sends with its lines.
func linkMapFor(l vt.Line) *vt.LinkMap {
	var m vt.LinkMap
	for _, id := range l.AppendLinks(nil) {
		params, uri := vt.LinkTarget(id)
		m.Define(uint64(id), params, uri)
	}
	return &m
}

// A line holds its links by ID, so a long link costs a few bytes per run
// instead of its length; a receiver resolves the sender's IDs through the
// table sent with the line, and reads the first Roam servers'
// self-contained lines too.
func TestLineLinks(t *testing.T) {
	uri := "https://example.com/" + strings.Repeat("a/very/long/path/", 20)
	input := "\x1b]8;;" + uri + "\x07a\x1b]8;;\x07 b \x1b]8;;" + uri + "\x07c\x1b]8;;\x07"
	l := vt.NewLine(rowOf(20, input))
	if len(l.Bytes()) > 40 {
		t.Errorf("a line with a %d-byte link takes %d bytes", len(uri), len(l.Bytes()))
	}
	ids := l.AppendLinks(nil)
	if len(ids) != 1 {
		t.Fatalf("AppendLinks = %v, want one ID", ids)
	}
	if _, got := vt.LinkTarget(ids[0]); got != uri {
		t.Fatalf("link target %q", got)
	}
	if self := l.AppendSelfContained(nil); len(self) < 2*len(uri) {
		t.Errorf("self-contained encoding of %d bytes lacks the targets", len(self))
	}

	// A sender whose ID 7 is a link this process has never seen.
	other := "https://elsewhere.example/" + t.Name()
	b := []byte{5, 0, 0x06, 0, 0, 0, 7, 'x', 0x06, 0, 0, 0, 0, 'y', 0x06, 0, 0, 0, 9, 'z'}
	var m vt.LinkMap
	m.Define(7, "id=q", other)
	m.Define(0, "", "https://zero.example/")    // ID 0 is "no link"
	m.Define(9, "", "https://bad.example/\x1b") // control character: ignored
	parsed, err := vt.ParseLine(b, &m)
	if err != nil {
		t.Fatal(err)
	}
	cells := parsed.Row().Cells
	want := vt.InternLink("id=q", other)
	if cells[0].Rend.Link != want || cells[1].Rend.Link != 0 || cells[2].Rend.Link != 0 {
		t.Errorf("links %d %d %d, want %d 0 0", cells[0].Rend.Link, cells[1].Rend.Link, cells[2].Rend.Link, want)
	}
	if got := parsed.AppendLinks(nil); len(got) != 1 || got[0] != want {
		t.Errorf("stored line links %v, want [%d] (this process's ID)", got, want)
	}
	noTable, err := vt.ParseLine(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := noTable.AppendLinks(nil); len(got) != 0 || noTable.Text() != "xyz" {
		t.Errorf("without a table: links %v text %q, want none and \"xyz\"", got, noTable.Text())
	}
}

// The self-contained encoding is, byte for byte, what the first Roam
// servers sent (captured from that encoder), so that the clients of that
// time still read every line; the lines they encoded still parse.
func TestLineSelfContainedIsTheFirstEncoding(t *testing.T) {
	for _, tc := range []struct{ input, hex string }{
		{"plain", "0c00706c61696e"},
		{"\x1b[1;31mred\x1b[0m \x1b[38;2;1;2;3;48;5;200mrgb\x1b[m",
			"0c00028180800800010000726564020000000000200283848410c8818008000000726762"},
		{"\x1b]8;id=1;https://example.com/\x07link\x1b]8;;\x07 x",
			"0c00020000000469643d311468747470733a2f2f6578616d706c652e636f6d2f6c696e6b0200000000002078"},
		{"日本\u0301e\u0301xxxxx", "0c0003e697a505030402cc81e69cac050402cc81657878787878"},
	} {
		r := rowOf(12, tc.input)
		got := hex.EncodeToString(vt.NewLine(r).AppendSelfContained(nil))
		if got != tc.hex {
			t.Errorf("%q: self-contained encoding\n got %s\nwant %s", tc.input, got, tc.hex)
		}
		b, _ := hex.DecodeString(tc.hex)
		l, err := vt.ParseLine(b, nil)
		if err != nil || !l.Row().Equal(r) {
			t.Errorf("%q: the first encoding parses to %+v, %v", tc.input, l.Row().Cells, err)
		}
	}
}

// FuzzParseLine checks that ParseLine never panics, that what it accepts
// decodes to its width, and that re-encoding an accepted line is stable.
func FuzzParseLine(f *testing.F) {
	for _, in := range []string{"", "abc", "\x1b[1;31mx\x1b[44m\x1b[K", "日本\u0301", "\x1b]8;;http://x/\x07l"} {
		f.Add(vt.NewLine(rowOf(8, in)).Bytes())
	}
	f.Add([]byte{3, 1, 0x03, 'x', 0x05})
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := vt.ParseLine(b, nil)
		if err != nil {
			return
		}
		r := l.Row()
		if len(r.Cells) != l.Width() {
			t.Fatalf("%d cells for width %d", len(r.Cells), l.Width())
		}
		again := vt.NewLine(r)
		if !again.Row().Equal(r) {
			t.Fatalf("re-encoding changed the row")
		}
		for _, w := range []int{l.Width(), l.Width() + 3, max(l.Width()-1, 1)} {
			if got, want := l.AppendRowText(nil, w), vt.AppendRowText(nil, r, w); !bytes.Equal(got, want) {
				t.Fatalf("width %d: Line.AppendRowText = %q, AppendRowText of the row = %q", w, got, want)
			}
		}
		if !bytes.Equal(vt.NewLine(again.Row()).Bytes(), again.Bytes()) {
			t.Fatalf("encoding not stable")
		}
	})
}

// AppendRowText draws a row on a terminal's line: the receiver shows the
// same text and renditions, and nothing outside the line changes.
func TestAppendRowText(t *testing.T) {
	for _, in := range []string{"", "plain", "\x1b[1;31mred\x1b[0m and \x1b[44mblue bg\x1b[m", "日本語 e\u0301", "0123456789", "\x1b[41m\x1b[K"} {
		row := rowOf(10, in)
		e := vt.NewEmulator(10, 3)
		e.Write([]byte("\x1b[2;1Hkeep\x1b[1;1Hxxxxxxxx\x1b[1;1H"))
		e.Write(vt.AppendRowText(nil, row, 10))
		got := e.Framebuffer().Row(0)
		for x := range row.Cells {
			w, g := row.Cells[x], got.Cells[x]
			if w.Rune == 0 && w.Comb == "" {
				w.Rune = ' ' // erased cells are drawn as spaces
			}
			if g.Rune == 0 && g.Comb == "" {
				g.Rune = ' '
			}
			if w.Rune != g.Rune || w.Comb != g.Comb || w.Rend != g.Rend || w.Wide != g.Wide {
				t.Errorf("%q: cell %d = %+v, want %+v", in, x, g, w)
			}
		}
		if l := vt.NewLine(e.Framebuffer().Row(1)); l.Text() != "keep" {
			t.Errorf("%q: next line = %q, want \"keep\"", in, l.Text())
		}
	}
}

// benchLines returns the history lines of mixed-width text (wide, narrow
// non-ASCII, emoji, combining marks) scrolled off an 80-column screen.
func benchLines() []vt.Line {
	words := strings.Fields("日本語 東京 ひらがな naïve café Ελληνικά русский 😀 🚀 ✅ e\u0301 a\u0308\u0323 x log-line: status=200")
	e := vt.NewEmulator(80, 24)
	h := vt.NewHistory(1000)
	e.SetHistory(h)
	var b strings.Builder
	for i := range 1000 {
		for k := range 4 + i%12 {
			b.WriteString(words[(i*7+k*5)%len(words)])
			b.WriteByte(' ')
		}
		b.WriteString("\r\n")
	}
	e.Write([]byte(b.String()))
	var lines []vt.Line
	for n := h.First(); n < h.End(); n++ {
		l, _ := h.Line(n)
		lines = append(lines, l)
	}
	return lines
}

// TestLineAppendRowText checks that a line draws, from its encoding, what
// its row draws: lines of every kind of cell, kept by this process (as a
// terminal front end draws them) and as a peer may encode them (trailing
// zero cells spelled out, repeats of every kind of cell, renditions with
// their links written out).
func TestLineAppendRowText(t *testing.T) {
	pen := func(fg, bg, attrs uint64) []byte {
		b := []byte{6}
		for _, v := range []uint64{fg, bg, attrs, 0} {
			b = binary.AppendUvarint(b, v)
		}
		return b
	}
	foreign := map[string][]byte{
		"zero cells spelled out": {10, 0, 'a', 0, 0, 'b', 0, 0, 0},
		"repeated zero cells":    {10, 0, 'a', 0, 1, 3, 'b', 0, 1, 2},
		"repeated wide halves":   append([]byte{12, 0, 3, 0xe6, 0x97, 0xa5, 5, 1, 2}, 'x'),
		"repeated text":          {10, 0, 'a', 1, 2, 4, 2, 0xcc, 0x81, 'e', 1, 2},
		"erased cells in colour": append(append([]byte{10, 0, 'a'}, pen(0, uint64(vt.IndexedColor(3)), 0)...), 0, 1, 3),
		"rendition written out":  append([]byte{10, 0, 2, 0, 0, 1, 4, 'i', 'd', '=', '2', 6, 'h', 't', 't', 'p', ':', '/'}, 'l', 'k', 0, 0),
		"width 0":                {0, 0},
	}
	lines := benchLines()
	for _, in := range []string{"", "plain", "\x1b[1;31mred\x1b[0m and \x1b[44mblue bg\x1b[m", "日本語 e\u0301",
		"\x1b[41m\x1b[K", "a\x1b[5Gb\x1b[10Gc", "\x1b]8;id=1;http://example.com/\x1b\\link\x1b]8;;\x1b\\ after",
		"\u0301 fallback", "\x1b[7m  \x1b[m  x   ", "wide at the margin 日"} {
		lines = append(lines, vt.NewLine(rowOf(20, in)))
	}
	for name, b := range foreign {
		l, err := vt.ParseLine(b, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines = append(lines, l)
	}
	for i, l := range lines {
		for _, w := range []int{l.Width(), l.Width() + 5, max(l.Width()-1, 1)} {
			got, want := l.AppendRowText([]byte("x"), w), vt.AppendRowText([]byte("x"), l.Row(), w)
			if !bytes.Equal(got, want) {
				t.Errorf("line %d %q, width %d: Line.AppendRowText = %q, want %q", i, l.Text(), w, got, want)
			}
		}
	}
}

// BenchmarkParseLine measures what a client does with each history line
// it receives: check it and keep it.
func BenchmarkParseLine(b *testing.B) {
	lines := benchLines()
	for b.Loop() {
		for _, l := range lines {
			if _, err := vt.ParseLine(l.Bytes(), nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
}

// BenchmarkLineAppendCells measures decoding a history line to draw it.
func BenchmarkLineAppendCells(b *testing.B) {
	lines := benchLines()
	var cells []vt.Cell
	for b.Loop() {
		for _, l := range lines {
			cells = l.AppendCells(cells[:0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
}

// BenchmarkLineAppendRowText measures drawing a history line into a
// terminal's scrollback.
func BenchmarkLineAppendRowText(b *testing.B) {
	lines := benchLines()
	var buf []byte
	for b.Loop() {
		for _, l := range lines {
			buf = l.AppendRowText(buf[:0], 80)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
}
