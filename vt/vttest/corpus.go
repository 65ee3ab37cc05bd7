package vttest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/roamterm/roam/vt"
)

// Case is a terminal output stimulus: the bytes an application writes to
// an 80×24 terminal whose tty is in raw mode (no LF to CR LF translation),
// cut into chunks. A player pauses between chunks so that a remote display
// such as mosh sees them in separate frames; a local emulator can take them
// all at once.
type Case struct {
	Name   string
	Chunks [][]byte
	// Expect holds some rows of the screen the case must leave (row →
	// text, trailing blanks trimmed), as mosh's post-checks state them.
	Expect map[int]string
	// TmuxQuirk, if not empty, states how tmux 3.3a's screen for this
	// case differs from the one mosh (and vt) must show.
	TmuxQuirk string
	// TmuxFix turns tmux's screen into mosh's. If it is nil while
	// TmuxQuirk is set, tmux's screen cannot be compared at all and only
	// Expect applies.
	TmuxFix func(fb *vt.Framebuffer)
}

// CompareWithTmux reports whether tmux's screen for c, after c.TmuxFix,
// is the screen mosh shows.
func (c Case) CompareWithTmux() bool { return c.TmuxQuirk == "" || c.TmuxFix != nil }

// Bytes returns the whole stimulus.
func (c Case) Bytes() []byte { return bytes.Join(c.Chunks, nil) }

// CorpusWidth and CorpusHeight are the terminal size the corpus is written
// for.
const (
	CorpusWidth  = 80
	CorpusHeight = 24
)

// Corpus returns the stimuli of mosh's emulation tests (src/tests/
// emulation-*.test and unicode-*.test; mosh-wire §9.2), rewritten from
// their descriptions, plus CJK and emoji cases. Cases whose only point is
// a behaviour tmux 3.3a gets wrong (background colour erase, OSC 8) are
// not included; screen tables test those.
//
// Width-sensitive cases fill lines to the right margin, so that a
// disagreement on a character's width moves the text that follows to
// another line, where a screen comparison sees it.
func Corpus() []Case {
	return []Case{
		asciiISO8859(),
		eightiethColumn(),
		attributesVT100(),
		attributes16Color(),
		attributes256Color(0, 7),
		attributes256Color(8, 255),
		attributesTrueColor(),
		backTab(),
		forwardTab(),
		cursorMotion(),
		multilineScroll(),
		scrollUpDown(),
		wrapAcrossFrames(),
		laterCombining(),
		combiningFallback(),
		cjk(),
		wideOverwrite(),
		pendingWrap(),
		emoji(),
		editing(),
		modes(),
	}
}

func one(name string, parts ...string) Case {
	return Case{Name: name, Chunks: [][]byte{[]byte(strings.Join(parts, ""))}}
}

func chunks(name string, parts ...string) Case {
	c := Case{Name: name}
	for _, p := range parts {
		c.Chunks = append(c.Chunks, []byte(p))
	}
	return c
}

func cup(row, col int) string { return fmt.Sprintf("\x1b[%d;%dH", row, col) }

// asciiISO8859 prints 0x20–0x7E and U+00A0–U+00FF (as UTF-8) in rows of 16.
func asciiISO8859() Case {
	var b strings.Builder
	for _, start := range []rune{0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0} {
		fmt.Fprintf(&b, "%02X:", start)
		for r := start; r < start+16; r++ {
			if r == 0x7f {
				continue
			}
			b.WriteString(" " + string(r))
		}
		b.WriteString("\r\n")
	}
	return one("emulation-ascii-iso-8859", b.String())
}

// eightiethColumn writes 25 lines of exactly 80 characters, each followed
// by CR LF: with deferred wrap no blank line appears between them.
func eightiethColumn() Case {
	c := one("emulation-80th-column", strings.Repeat(strings.Repeat("E", 80)+"\r\n", 25))
	c.Expect = map[int]string{0: strings.Repeat("E", 80), 22: strings.Repeat("E", 80), 23: ""}
	return c
}

func attributesVT100() Case {
	var b strings.Builder
	for _, sgr := range []string{"0", "1", "4", "5", "7", "1;4", "1;4;5;7", "4;7"} {
		fmt.Fprintf(&b, "plain \x1b[%smSGR %s sample\x1b[0m plain\r\n", sgr, sgr)
	}
	// Attributes switched off one at a time.
	b.WriteString("\x1b[1;4;5;7mall\x1b[22m-bold\x1b[24m-under\x1b[25m-blink\x1b[27m-inverse\x1b[m\r\n")
	return one("emulation-attributes-vt100", b.String())
}

func attributes16Color() Case {
	var b strings.Builder
	for _, fg := range []int{30, 31, 32, 33, 34, 35, 36, 37, 39} {
		for _, bg := range []int{40, 41, 42, 43, 44, 45, 46, 47, 49} {
			fmt.Fprintf(&b, "\x1b[%d;%dm%d/%d\x1b[0m ", fg, bg, fg, bg)
		}
		b.WriteString("\r\n")
	}
	// The bright variants and resets from inside a coloured run.
	b.WriteString("\x1b[91;102mbright\x1b[39mfg-default\x1b[49mbg-default\x1b[97;100mwhite\x1b[m\r\n")
	return one("emulation-attributes-16color", b.String())
}

// attributes256Color prints palette colours lo..hi as foreground, then as
// background, 32 to a line.
func attributes256Color(lo, hi int) Case {
	var b strings.Builder
	for _, sgr := range []int{38, 48} {
		for n := lo; n <= hi; n++ {
			fmt.Fprintf(&b, "\x1b[%d;5;%dm%02x", sgr, n, n)
			if (n-lo)%32 == 31 || n == hi {
				b.WriteString("\x1b[0m\r\n")
			}
		}
	}
	return one(fmt.Sprintf("emulation-attributes-256color%d-%d", lo, hi), b.String())
}

// attributesTrueColor prints 77-step RGB gradients, as foreground and as
// background, under each attribute and all of them together.
func attributesTrueColor() Case {
	const steps = 77
	var b strings.Builder
	for _, attr := range []string{"0", "1", "3", "4", "5", "7", "8", "1;3;4;5;7"} {
		for _, sgr := range []int{38, 48} {
			fmt.Fprintf(&b, "\x1b[%sm", attr)
			for i := range steps {
				r := 255 - i*255/(steps-1)
				g := min(i, steps-1-i) * 510 / (steps - 1)
				bl := i * 255 / (steps - 1)
				fmt.Fprintf(&b, "\x1b[%d;2;%d;%d;%dm%c", sgr, r, g, bl, 'a'+i%26)
			}
			b.WriteString("\x1b[0m\r\n")
		}
	}
	return one("emulation-attributes-truecolor", b.String())
}

// backTab is the CBT half of mosh's emulation-back-tab: CBT variants over
// "hello, wurld".
func backTab() Case {
	c := one("emulation-back-tab",
		"hello, wurld\x1b[Zo\r\n",
		"hello, wurld\x1b[2Zo\r\n",
		"hello, wurld\x1b[99Z9\r\n",
		"hello, wurld\x1b[0Z\x1b[1Z_\r\n",
	)
	c.Expect = map[int]string{0: "hello, world", 1: "oello, wurld", 2: "9ello, wurld", 3: "_ello, wurld"}
	return c
}

// forwardTab is the CHT half of mosh's emulation-back-tab (split off
// because tmux 3.3a does not implement CHT, so only the post-checks apply).
func forwardTab() Case {
	c := one("emulation-back-tab-cht",
		"hello, wurld\x1b[It\r\n",
		"\x1b[99I#\r\n",
		"hello, wurld\x1b[0Z\x1b[0I\x1b[1Z_\r\n",
	)
	c.Expect = map[int]string{0: "hello, wurld    t", 1: strings.Repeat(" ", 79) + "#", 2: "hello, w_rld"}
	c.TmuxQuirk = "tmux 3.3a does not implement CHT (CSI I); the cursor does not move"
	return c
}

// cursorMotion jumps the cursor around (same row, left, right, down, far)
// and marks each stop, one jump per frame.
func cursorMotion() Case {
	stops := [][2]int{
		{1, 1}, {1, 5}, {1, 2}, {2, 2}, {10, 40}, {10, 41}, {9, 41}, {24, 79},
		{1, 80}, {24, 1}, {12, 12}, {13, 13}, {12, 14}, {23, 79}, {2, 79},
		{3, 1}, {3, 3}, {20, 70}, {20, 10}, {5, 5},
	}
	var parts []string
	for i, s := range stops {
		parts = append(parts, fmt.Sprintf("%s%c", cup(s[0], s[1]), 'A'+i))
	}
	c := chunks("emulation-cursor-motion", parts...)
	c.Expect = map[int]string{0: "AC  B" + strings.Repeat(" ", 74) + "I", 23: "J" + strings.Repeat(" ", 77) + "H"}
	return c
}

// fill writes a distinct text on every row, leaving the cursor at the
// start of the last row.
func fill(tag string) string {
	var b strings.Builder
	for y := 1; y <= CorpusHeight; y++ {
		fmt.Fprintf(&b, "%s\x1b[2K%s row %02d", cup(y, 1), tag, y)
	}
	return b.String() + cup(CorpusHeight, 1)
}

// multilineScroll is mosh's emulation-multiline-scroll: IL and DL with
// counts 0–2 and 22–26 (beyond the height) on a full screen. Each ends with
// a cursor position, since the column IL and DL leave the cursor in differs
// between terminals (mosh: column 0, tmux: unchanged).
func multilineScroll() Case {
	var parts []string
	for _, final := range []string{"L", "M"} {
		for _, n := range []int{0, 1, 2, 22, 23, 24, 25, 26} {
			parts = append(parts, fill(fmt.Sprintf("%s%d", final, n))+
				fmt.Sprintf("%s\x1b[%d%s%s", cup(3+n%7, 10), n, final, cup(1, 70)))
		}
	}
	return chunks("emulation-multiline-scroll", parts...)
}

// scrollUpDown is mosh's emulation-scroll: 24 lines, SU 4, SD 2, then
// CR and text; the cursor does not move with the scrolls.
func scrollUpDown() Case {
	var b strings.Builder
	for i := 1; i <= CorpusHeight; i++ {
		fmt.Fprintf(&b, "text %d", i)
		if i < CorpusHeight {
			b.WriteString("\r\n")
		}
	}
	c := chunks("emulation-scroll", b.String(), "\x1b[4S", "\x1b[2T", "\rtext")
	c.Expect = map[int]string{0: "", 1: "", 2: "text 5", 3: "text 6", 21: "text 24", 22: "", 23: "text"}
	return c
}

// wrapAcrossFrames fills lines to exactly 80 columns and writes the next
// characters in a later frame, so the pending wrap must survive between.
func wrapAcrossFrames() Case {
	var parts []string
	for i := range 6 {
		parts = append(parts, strings.Repeat(string(rune('a'+i)), 80))
	}
	parts = append(parts, "\r\nafter CR LF", strings.Repeat("x", 69), "!", "wrapped")
	c := chunks("emulation-wrap-across-frames", parts...)
	c.Expect = map[int]string{0: strings.Repeat("a", 80), 5: strings.Repeat("f", 80),
		6: "after CR LF" + strings.Repeat("x", 69), 7: "!wrapped"}
	return c
}

// laterCombining is mosh's unicode-later-combining: a lone U+0302 at the
// start of a line, where it has no base character.
func laterCombining() Case {
	c := chunks("unicode-later-combining", "abc\r\n", "\u0302", "\r\ndef\r\n")
	c.Expect = map[int]string{0: "abc", 1: "\u00a0\u0302", 2: "def"}
	c.TmuxQuirk = "tmux drops a combining mark that arrives at column 0 with no base " +
		"character; mosh keeps it as a fallback cell (no-break space + U+0302) " +
		"at row 1, column 0, and its post-check looks for exactly that line"
	c.TmuxFix = func(fb *vt.Framebuffer) { fb.MutableRow(1).Cells[0] = vt.Cell{Comb: "\u0302"} }
	return c
}

// combiningFallback is mosh's unicode-combine-fallback-assert: U+0334 on
// a cell that was just erased.
func combiningFallback() Case {
	c := chunks("unicode-combine-fallback-assert", "0", "\x1b[1J", "\u0334")
	c.TmuxQuirk = "a combining mark on an erased cell: tmux puts it on the blank and " +
		"leaves the cursor alone; mosh makes the cell a fallback cell and moves the " +
		"cursor one column right (terminal.cc, Emulator::print, case 0: " +
		"fb.ds.move_col(1, ...))"
	c.TmuxFix = func(fb *vt.Framebuffer) { fb.Cursor.Col++ }
	return c
}

// cjk prints CJK text, then wide characters meeting the right margin:
// fitting exactly, one column short (wraps, leaving the last column
// blank), and after a pending wrap.
func cjk() Case {
	c := one("cjk",
		"日本語のテキスト。中文字符，한국어 텍스트 ＡＢＣ half ｱｲｳ\r\n",
		"漢字かな交じり文とASCIIの混在: 東京 2024年\r\n",
		strings.Repeat("x", 78), "漢", // exactly fills the line
		strings.Repeat("y", 79), "字", // one column short: wraps
		"\r\n", strings.Repeat("z", 80), "語", // after a pending wrap
		"\r\n", strings.Repeat("字", 40), "end\r\n",
		"combining on wide: 漢\u0301 and e\u0301\u0302 narrow\r\n",
	)
	c.Expect = map[int]string{2: strings.Repeat("x", 78) + "漢", 3: strings.Repeat("y", 79), 4: "字"}
	return c
}

// wideOverwrite writes over and erases parts of wide characters. It
// leaves out what terminals disagree on and a capture cannot show: a
// narrow character written over only the right half of a wide one (tmux
// 3.3a keeps the wide character) and ICH or DCH that split one.
func wideOverwrite() Case {
	return one("cjk-overwrite",
		"漢字漢字漢字\r\n", "漢字漢字漢字\r\n", "漢字漢字漢字\r\n",
		cup(1, 3), "b", // left half of 字
		cup(2, 2), "語", // straddles two wide characters
		cup(3, 1), "\x1b[2@", cup(3, 5), "\x1b[2P", // insert and delete whole ones
		cup(4, 1), "abc漢\x1b[3D\x1b[K", // erase from the middle of a line
		cup(5, 1), "漢字漢字\x1b[3G\x1b[2X", // erase characters from a left half
		cup(6, 79), "漢", // wide at the last column wraps
		cup(9, 1),
	)
}

// pendingWrap edits at a pending wrap (the cursor on the last column after
// writing there): EL erases the last column, BS goes to the one before
// it, as in xterm and mosh.
func pendingWrap() Case {
	c := one("pending-wrap",
		strings.Repeat("w", 80), "\x1b[K\r\n",
		strings.Repeat("v", 80), "\x08V\r\n",
		strings.Repeat("u", 80), "\x1b[1K\r\n",
	)
	c.Expect = map[int]string{0: strings.Repeat("w", 79), 1: strings.Repeat("v", 78) + "Vv", 2: ""}
	c.TmuxQuirk = "while a wrap is pending tmux keeps its cursor past the last column, " +
		"so EL there erases nothing and BS lands on the last column; xterm and " +
		"mosh keep the cursor on the last column, so EL erases it and BS goes " +
		"to the one before"
	return c
}

// editing exercises insert, delete and erase with counts at and beyond
// the margins, tab stops, save and restore cursor, index and reverse
// index.
func editing() Case {
	var b strings.Builder
	b.WriteString(fill("edit"))
	b.WriteString(cup(1, 5) + "\x1b[3@INS" + cup(2, 5) + "\x1b[3P" + cup(3, 5) + "\x1b[3X")
	b.WriteString(cup(4, 70) + "\x1b[99@" + cup(5, 70) + "\x1b[99P" + cup(6, 75) + "\x1b[99X")
	b.WriteString(cup(7, 1) + "\x1b[0K" + cup(8, 40) + "\x1b[1K" + cup(9, 40) + "\x1b[2K")
	b.WriteString(cup(10, 1) + "\x1b[3g\x1b[15G\x1bH\x1b[40G\x1bH\r\tT1\tT2\tT3\x1b[g\r\tU1\tU2")
	b.WriteString(cup(11, 10) + "\x1b7" + cup(20, 20) + "\x1b[1;31mmoved\x1b8saved")
	b.WriteString("\x1b[m" + cup(1, 1) + "\x1bM\x1bMtop" + cup(24, 1) + "\x1bD\x1bEbottom")
	b.WriteString(cup(16, 30) + "\x1b[J" + cup(3, 30) + "\x1b[1J" + cup(20, 1) + "ED done")
	return one("edit-and-erase", b.String())
}

// modes exercises scroll regions with origin mode, autowrap off, insert
// mode and DECALN. (Not DECSTR: tmux 3.3a's leaves the rendition set.)
func modes() Case {
	var b strings.Builder
	b.WriteString("\x1b#8")                                             // fill with E
	b.WriteString("\x1b[5;15r\x1b[?6h\x1b[1;1Horigin\x1b[20;1Hclamped") // CUP relative to the region
	b.WriteString("\x1b[11;1H\n\n\nscrolled in region")
	b.WriteString("\x1b[?6l\x1b[r" + cup(17, 70) + "\x1b[?7lno wrap at all here\x1b[?7h")
	b.WriteString(cup(18, 1) + "\x1b[4hinserted \x1b[4l" + cup(19, 78) + "\x1b[4h漢\x1b[4l")
	b.WriteString("\x1b[3;7r\x1b[7;1H\x1b[2S\x1b[3;1H\x1b[1T\x1b[r")
	return one("modes", b.String())
}

// emojiWide lists emoji that glibc's wcwidth (tmux's widths) and Unicode's
// East Asian Width (vt's) both make two columns wide. Left out on purpose:
// text-presentation symbols such as U+2764 (one column in glibc), skin-tone
// modifiers, regional-indicator flags and ZWJ sequences, which tmux 3.3a
// lays out character by character and whose widths vary across libraries.
var emojiWide = []string{"😀", "🙂", "✅", "🎉", "⚡", "☕", "🚀", "🐍", "👍", "🌍", "🍕", "🔥"}

// emoji prints each emoji followed by 78 columns of filler, so that each
// line is exactly full only if the emoji is two columns wide.
func emoji() Case {
	var b strings.Builder
	for _, e := range emojiWide {
		b.WriteString(e + strings.Repeat("-", 78))
	}
	b.WriteString("\r\n" + strings.Join(emojiWide, " ") + "\r\n")
	c := one("emoji", b.String())
	c.Expect = map[int]string{0: "😀" + strings.Repeat("-", 78), 11: "🔥" + strings.Repeat("-", 78)}
	return c
}

// CheckExpect reports the rows of fb whose Lines differ from expect (row →
// text with trailing blanks trimmed, as in Case.Expect).
func CheckExpect(fb *vt.Framebuffer, expect map[int]string) error {
	var bad []string
	for y, got := range Lines(fb) {
		want, ok := expect[y]
		if !ok {
			continue
		}
		if got != want {
			bad = append(bad, fmt.Sprintf("row %d = %q, want %q", y, got, want))
		}
	}
	if bad != nil {
		return fmt.Errorf("vttest: %s", strings.Join(bad, "\n"))
	}
	return nil
}
