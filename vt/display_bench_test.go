package vt

import (
	"fmt"
	"strings"
	"testing"
)

// Benchmarks of the display diff. mosh's Display::new_frame takes about
// 40–220 µs for an 80×24 frame and 160–440 µs for a full 200×60 repaint;
// the targets here are under 20 µs and 80 µs, with no allocation.

// denseScreen returns a stream that fills a w×h screen with
// syntax-highlighted text: about one colour change every ten columns, as
// an editor or ls --color produce.
func denseScreen(w, h int) string {
	var b strings.Builder
	words := []string{"func", "main()", "{", "return", "nil", "// comment", "x := 42", "if err != nil"}
	for y := range h {
		fmt.Fprintf(&b, "\x1b[%d;1H", y+1)
		n := 0
		for i := 0; n < w-24; i++ {
			word := words[(y+i)%len(words)] + " " + words[(y+i+3)%len(words)] + " "
			fmt.Fprintf(&b, "\x1b[38;5;%dm%s", 16+(y*7+i)%200, word)
			n += len(word)
		}
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// plainScreen returns a stream that fills a w×h screen with uncoloured
// text, as a man page or a compiler's output.
func plainScreen(w, h int) string {
	var b strings.Builder
	for y := range h {
		fmt.Fprintf(&b, "\x1b[%d;1H", y+1)
		for n := 0; n+12 < w; n += 12 {
			fmt.Fprintf(&b, "word%02d text ", (y+n)%100)
		}
	}
	return b.String()
}

func benchDiff(b *testing.B, from, to *Framebuffer) {
	buf := AppendDisplayDiff(nil, from, to)
	b.ReportAllocs()
	b.SetBytes(int64(len(buf)))
	b.ResetTimer()
	for range b.N {
		buf = AppendDisplayDiff(buf[:0], from, to)
	}
}

// BenchmarkDisplayDiffKeystroke is the commonest frame: one character
// echoed at a shell prompt on a full 80×24 screen.
func BenchmarkDisplayDiffKeystroke(b *testing.B) {
	e := NewEmulator(80, 24)
	a := snapshot(e, denseScreen(80, 23)+"\x1b[24;1H$ ls")
	benchDiff(b, a, snapshot(e, " "))
}

// BenchmarkDisplayDiffLogLine is a log scrolling by one line.
func BenchmarkDisplayDiffLogLine(b *testing.B) {
	e := NewEmulator(80, 24)
	var log strings.Builder
	for i := range 30 {
		fmt.Fprintf(&log, "2026-01-01 12:00:%02d INFO request %d served in %dms path=/api/v1/items\r\n", i, 1000+i*7, i%13)
	}
	a := snapshot(e, log.String())
	benchDiff(b, a, snapshot(e, "2026-01-01 12:00:31 WARN slow request path=/api/v1/items took=900ms\r\n"))
}

// BenchmarkDisplayDiffEditorRedraw is an editor redrawing a few lines and
// its status line.
func BenchmarkDisplayDiffEditorRedraw(b *testing.B) {
	e := NewEmulator(80, 24)
	a := snapshot(e, denseScreen(80, 24))
	benchDiff(b, a, snapshot(e, "\x1b[5;1H\x1b[2Knew line\x1b[6;10Hchanged\x1b[24;1H\x1b[7m-- INSERT --\x1b[0m\x1b[K\x1b[5;9H"))
}

// BenchmarkDisplayDiffFull80x24 repaints a dense 80×24 screen.
func BenchmarkDisplayDiffFull80x24(b *testing.B) {
	benchDiff(b, nil, frameOf(80, 24, denseScreen(80, 24)))
}

// BenchmarkDisplayDiffPlain200x60 repaints a 200×60 screen of plain text.
func BenchmarkDisplayDiffPlain200x60(b *testing.B) {
	benchDiff(b, nil, frameOf(200, 60, plainScreen(200, 60)))
}

// BenchmarkDisplayDiffFull200x60 repaints a dense 200×60 screen.
func BenchmarkDisplayDiffFull200x60(b *testing.B) {
	benchDiff(b, nil, frameOf(200, 60, denseScreen(200, 60)))
}

// BenchmarkDisplayDiffChanged200x60 diffs two unrelated dense 200×60
// screens, the worst case (it also prices the repaint to pick the shorter).
func BenchmarkDisplayDiffChanged200x60(b *testing.B) {
	a := frameOf(200, 60, denseScreen(200, 60))
	benchDiff(b, a, frameOf(200, 60, "\x1b[7m"+denseScreen(200, 60)))
}

// BenchmarkDisplayDiffCJK80x24 repaints a screen of wide characters.
func BenchmarkDisplayDiffCJK80x24(b *testing.B) {
	benchDiff(b, nil, frameOf(80, 24, strings.Repeat("中文字符测试宽字符한국어テキスト", 100)))
}
