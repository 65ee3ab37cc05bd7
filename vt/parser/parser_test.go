package parser

import (
	"fmt"
	"strings"
	"testing"
)

// recorder turns handler calls into a readable event list.
type recorder struct{ events []string }

func (r *recorder) Print(c rune) { r.printRunes(string(c)) }

func (r *recorder) PrintASCII(s []byte) { r.printRunes(string(s)) }

// textRecorder is a recorder that is a TextPrinter: it takes at most limit
// characters a call, so that Parse must carry on where it stops, and none
// when limit is 0.
type textRecorder struct {
	recorder
	limit int
}

func (r *textRecorder) PrintText(s []byte) int {
	n := 0
	for range r.limit {
		c, size := DecodeText(s[n:])
		if size == 0 {
			break
		}
		r.printRunes(string(c))
		n += size
	}
	return n
}

// printRunes merges consecutive prints so that the ASCII fast path and the
// per-rune path give the same events.
func (r *recorder) printRunes(s string) {
	if n := len(r.events); n > 0 && strings.HasPrefix(r.events[n-1], "print ") {
		r.events[n-1] += s
		return
	}
	r.events = append(r.events, "print "+s)
}

func (r *recorder) Execute(c byte) { r.events = append(r.events, fmt.Sprintf("exec %02x", c)) }

func (r *recorder) CSIDispatch(p *Params, inter []byte, final byte) {
	var b strings.Builder
	fmt.Fprintf(&b, "csi %q %c", inter, final)
	for i := range p.Len() {
		sep := ";"
		if p.IsSub(i) {
			sep = ":"
		}
		if v, ok := p.Raw(i); ok {
			fmt.Fprintf(&b, "%s%d", sep, v)
		} else {
			b.WriteString(sep + "_")
		}
	}
	r.events = append(r.events, b.String())
}

func (r *recorder) ESCDispatch(inter []byte, final byte) {
	r.events = append(r.events, fmt.Sprintf("esc %q %c", inter, final))
}

func (r *recorder) OSCDispatch(data []byte) {
	r.events = append(r.events, fmt.Sprintf("osc %q", data))
}

var parseCases = []struct {
	name string
	in   string
	want []string
}{
	{"ascii", "hello", []string{"print hello"}},
	{"controls", "a\r\n\x07b", []string{"print a", "exec 0d", "exec 0a", "exec 07", "print b"}},
	{"del ignored", "a\x7fb", []string{"print ab"}},
	{"utf8", "héllo 世界 🙂", []string{"print héllo 世界 🙂"}},
	{"invalid byte", "a\xffb", []string{"print a\ufffdb"}},
	{"lone continuation", "\x80\x9b", []string{"print \ufffd\ufffd"}},
	{"truncated 3-byte", "\xe1\x80A", []string{"print \ufffdA"}},
	{"overlong", "\xe0\x80\x80", []string{"print \ufffd\ufffd\ufffd"}},
	{"surrogate", "\xed\xa0\x80", []string{"print \ufffd\ufffd\ufffd"}},
	{"above 10FFFF", "\xf4\x90\x80\x80", []string{"print \ufffd\ufffd\ufffd\ufffd"}},
	{"truncated then ESC", "\xe4\xb8\x1b[m", []string{"print \ufffd", `csi "" m`}},
	{"utf8 C1 NEL", "a\u0085b", []string{"print a", "exec 85", "print b"}},
	{"utf8 C1 CSI", "\u009b2J", []string{`csi "" J;2`}},
	{"nbsp prints", "\u00a0", []string{"print \u00a0"}},
	{"csi no params", "\x1b[H", []string{`csi "" H`}},
	{"csi params", "\x1b[1;22H", []string{`csi "" H;1;22`}},
	{"csi omitted", "\x1b[;5H", []string{`csi "" H;_;5`}},
	{"csi private", "\x1b[?1049h", []string{`csi "?" h;1049`}},
	{"csi intermediate", "\x1b[2 q", []string{`csi " " q;2`}},
	{"csi private+inter", "\x1b[>4;1m\x1b[!p", []string{`csi ">" m;4;1`, `csi "!" p`}},
	{"csi too large", "\x1b[70000X", []string{`csi "" X;_`}},
	{"csi colon", "\x1b[38:2::1:2:3m", []string{`csi "" m;38:2:_:1:2:3`}},
	{"csi control inside", "\x1b[1\n;2H", []string{"exec 0a", `csi "" H;1;2`}},
	{"csi marker late", "\x1b[1?hX", []string{"print X"}},
	{"csi too many inter", "\x1b[1 !\"mX", []string{"print X"}},
	{"csi cancelled", "\x1b[1\x18X", []string{"exec 18", "print X"}},
	{"csi abandoned by non-ascii", "\x1b[1éX", []string{"print X"}},
	{"esc", "\x1b7\x1b(0\x1b#8", []string{`esc "" 7`, `esc "(" 0`, `esc "#" 8`}},
	{"esc esc", "\x1b\x1b[m", []string{`csi "" m`}},
	{"osc bel", "\x1b]0;title\x07x", []string{`osc "0;title"`, "print x"}},
	{"osc st", "\x1b]2;tï\x1b\\x", []string{`osc "2;tï"`, `esc "" \`, "print x"}},
	{"osc c1 st", "\x1b]2;t\u009cx", []string{`osc "2;t"`, "print x"}},
	{"osc esc", "\x1b]2;t\x1b[m", []string{`osc "2;t"`, `csi "" m`}},
	{"osc controls dropped", "\x1b]2;a\nb\x07", []string{`osc "2;ab"`}},
	{"osc cancelled", "\x1b]2;a\x18b", []string{"exec 18", "print b"}},
	{"dcs discarded", "\x1bPq#0;2;0;0;0#1~~\x1b\\x", []string{`esc "" \`, "print x"}},
	{"apc discarded", "\x1b_Gf=100;AAAA\x1b\\x", []string{`esc "" \`, "print x"}},
	{"sos pm discarded", "\x1bXa\u009c\x1b^b\u009cx", []string{"print x"}},
	{"can in ground", "a\x18b", []string{"print a", "exec 18", "print b"}},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			var whole recorder
			var p Parser
			p.Parse(&whole, []byte(tc.in))
			if fmt.Sprint(whole.events) != fmt.Sprint(tc.want) {
				t.Errorf("events:\n got %q\nwant %q", whole.events, tc.want)
			}
			// Byte by byte must give the same events: nothing depends
			// on how the stream is split.
			var split recorder
			var q Parser
			for i := range len(tc.in) {
				q.Parse(&split, []byte(tc.in[i:i+1]))
			}
			if fmt.Sprint(split.events) != fmt.Sprint(tc.want) {
				t.Errorf("byte-by-byte events:\n got %q\nwant %q", split.events, tc.want)
			}
		})
	}
}

func TestParamsGet(t *testing.T) {
	var r recorder
	var p Parser
	var got *Params
	h := &paramsGrabber{recorder: &r, got: &got}
	p.Parse(h, []byte("\x1b[0;;7;70000m"))
	if got == nil {
		t.Fatal("no dispatch")
	}
	for i, want := range []int{9, 9, 7, 9, 9} {
		if v := got.Get(i, 9); v != want {
			t.Errorf("Get(%d, 9) = %d, want %d", i, v, want)
		}
	}
	if got.Len() != 4 {
		t.Errorf("Len = %d, want 4", got.Len())
	}
}

type paramsGrabber struct {
	*recorder
	got **Params
}

func (g *paramsGrabber) CSIDispatch(p *Params, inter []byte, final byte) {
	c := *p
	*g.got = &c
}

func TestParamsBounded(t *testing.T) {
	var got *Params
	h := &paramsGrabber{recorder: &recorder{}, got: &got}
	var p Parser
	p.Parse(h, []byte("\x1b["+strings.Repeat("1;", 10000)+"5m"))
	if got == nil || got.Len() != MaxParams {
		t.Fatalf("Len = %v, want %d", got, MaxParams)
	}
	if v, _ := got.Raw(MaxParams - 1); v != 1 {
		t.Errorf("last kept param = %d, want 1", v)
	}
}

func TestOSCBounded(t *testing.T) {
	var r recorder
	var p Parser
	p.Parse(&r, []byte("\x1b]0;"+strings.Repeat("é", 3*MaxOSC)+"\x07x"))
	if len(r.events) != 2 || r.events[1] != "print x" {
		t.Fatalf("events = %.80q", r.events)
	}
	if n := len(p.osc); n > 2*MaxOSC+2 {
		t.Errorf("OSC buffer kept %d bytes", n)
	}
}

func TestClone(t *testing.T) {
	var p Parser
	var r recorder
	p.Parse(&r, []byte("\x1b]2;ab"))
	c := p.Clone()
	p.Parse(&r, []byte("c\x07"))
	var r2 recorder
	c.Parse(&r2, []byte("d\x07"))
	if fmt.Sprint(r.events) != `[osc "2;abc"]` || fmt.Sprint(r2.events) != `[osc "2;abd"]` {
		t.Errorf("original %q, clone %q", r.events, r2.events)
	}
}

type nopHandler struct{}

func (nopHandler) Print(rune)                        {}
func (nopHandler) PrintASCII([]byte)                 {}
func (nopHandler) Execute(byte)                      {}
func (nopHandler) CSIDispatch(*Params, []byte, byte) {}
func (nopHandler) ESCDispatch([]byte, byte)          {}
func (nopHandler) OSCDispatch([]byte)                {}

func TestParseAllocs(t *testing.T) {
	in := []byte("plain text \x1b[1;31mred\x1b[0m 世界 \r\n\x1b]0;t\x07\x1b[?25h")
	var p Parser
	p.Parse(nopHandler{}, in) // grow the OSC buffer once
	if n := testing.AllocsPerRun(100, func() { p.Parse(nopHandler{}, in) }); n != 0 {
		t.Errorf("Parse allocates %v times per call", n)
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		in string
		r  rune
		n  int
	}{
		{"a", 'a', 1},
		{" x", ' ', 1},
		{"~", '~', 1},
		{"\u00a0", 0xa0, 2},
		{"é", 'é', 2},
		{"日本", '日', 3},
		{"\ufffd", 0xfffd, 3}, // a replacement character sent as such is text
		{"🚀", '🚀', 4},
		{"\u0301", 0x301, 2}, // combining marks are text too
		{"", 0, 0},
		{"\x1b[m", 0, 0},
		{"\r\n", 0, 0},
		{"\x7f", 0, 0},
		{"\u0085", 0, 0},       // C1 NEL
		{"\u009b", 0, 0},       // C1 CSI
		{"\xe6\x97", 0, 0},     // incomplete
		{"\xc3", 0, 0},         // incomplete
		{"\xf0\x9f\x9a", 0, 0}, // incomplete
		{"\xff", 0, 0},
		{"\x80", 0, 0},
		{"\xc0\xaf", 0, 0},     // overlong
		{"\xe0\x80\xaf", 0, 0}, // overlong
		{"\xed\xa0\x80", 0, 0}, // surrogate
	}
	for _, tc := range tests {
		r, n := DecodeText([]byte(tc.in))
		if r != tc.r || n != tc.n {
			t.Errorf("DecodeText(%q) = %U, %d; want %U, %d", tc.in, r, n, tc.r, tc.n)
		}
	}
}

func FuzzParser(f *testing.F) {
	for _, tc := range parseCases {
		f.Add([]byte(tc.in), uint8(3))
	}
	// Whole control sequences take Parse's fast path, one byte at a time
	// (split 0) the state machine: the shapes it must agree on.
	for _, s := range []string{
		"\x1b[38:2::1:2:3;48;5;9;1m\x1b[?25;1049h\x1b[>c\x1b[m",
		"\x1b[" + strings.Repeat("1;", 40) + "2:3m\x1b[" + strings.Repeat(":", 40) + "m",
		"\x1b[999999999;;07H\x1b[?1;2$p\x1b[1\n2H\x1b[<1;2M\x1b[1;2?m",
		"é日\xe0\x80\xed\xa0\x80\xf0\x9f\x99\x82\xc2\xef\xbf\xbd",
	} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		var whole, parts recorder
		var p, q Parser
		p.Parse(&whole, data)
		step := int(split%16) + 1
		for i := 0; i < len(data); i += step {
			q.Parse(&parts, data[i:min(i+step, len(data))])
		}
		if fmt.Sprint(whole.events) != fmt.Sprint(parts.events) {
			t.Fatalf("split at %d changes events:\n%q\n%q", step, whole.events, parts.events)
		}
		text := textRecorder{limit: int(split % 4)}
		var r Parser
		r.Parse(&text, data)
		if fmt.Sprint(whole.events) != fmt.Sprint(text.events) {
			t.Fatalf("PrintText taking %d characters a call changes events:\n%q\n%q", text.limit, whole.events, text.events)
		}
		if len(p.osc) > 4*MaxOSC {
			t.Fatalf("OSC buffer %d bytes", len(p.osc))
		}
	})
}

func BenchmarkParseASCII(b *testing.B) {
	line := []byte(strings.Repeat("2024-01-01 12:00:00 INFO something happened here ok\r\n", 100))
	var p Parser
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		p.Parse(nopHandler{}, line)
	}
}

func BenchmarkParseUTF8(b *testing.B) {
	line := []byte(strings.Repeat("日本語のテキスト e\u0301 🙂 \x1b[38;2;1;2;3m", 100))
	var p Parser
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		p.Parse(nopHandler{}, line)
	}
}
