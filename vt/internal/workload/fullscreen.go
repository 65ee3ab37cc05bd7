package workload

import (
	"fmt"
	"strings"
)

// fullScreenFrame writes one burst of full-screen traffic: a top-like
// refresh or a vim-like editing session. It leaves the scroll region at
// the full screen and the rendition at the default.
func (g *generator) fullScreenFrame() {
	if g.chance(40) {
		g.topFrame()
	} else {
		g.vimFrame()
	}
	g.put("\x1b[r\x1b[m")
}

func cup(row, col int) string { return fmt.Sprintf("\x1b[%d;%dH", row, col) }

// topFrame redraws a process table in place: cursor home, every row
// rewritten and its rest erased, header in inverse video.
func (g *generator) topFrame() {
	r := g.rnd
	if g.chance(5) {
		g.put("\x1b[H\x1b[2J")
	}
	g.putf("\x1b[Htop - %02d:%02d:%02d up %d days, %d users, load average: %d.%02d, %d.%02d, %d.%02d\x1b[K",
		r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(400), 1+r.IntN(9), r.IntN(8), r.IntN(100), r.IntN(8), r.IntN(100), r.IntN(8), r.IntN(100))
	g.putf("%sTasks: \x1b[1m%d\x1b[m total, \x1b[1m%d\x1b[m running, \x1b[1m%d\x1b[m sleeping\x1b[K",
		cup(2, 1), 100+r.IntN(300), 1+r.IntN(5), 100+r.IntN(250))
	g.putf("%s%%Cpu(s): \x1b[1m%2d.%d\x1b[m us, \x1b[1m%2d.%d\x1b[m sy, \x1b[1m%2d.%d\x1b[m id\x1b[K",
		cup(3, 1), r.IntN(100), r.IntN(10), r.IntN(100), r.IntN(10), r.IntN(100), r.IntN(10))
	g.putf("%sMiB Mem : %7d.%d total, %7d.%d free\x1b[K%s\x1b[K", cup(4, 1),
		r.IntN(64000), r.IntN(10), r.IntN(32000), r.IntN(10), cup(5, 1))
	g.putf("%s\x1b[7m%-79s\x1b[m", cup(6, 1), "    PID USER      PR  NI    VIRT    RES  %CPU  %MEM     TIME+ COMMAND")
	for row := 7; row <= Height; row++ {
		bold := ""
		if g.chance(15) {
			bold = "\x1b[1m"
		}
		g.putf("%s%s%7d %-8s  20   0 %7d %6d %5.1f %5.1f %3d:%02d.%02d %s\x1b[m\x1b[K", cup(row, 1), bold,
			1+r.IntN(99999), g.pick(logServices), r.IntN(9999999), r.IntN(999999),
			float64(r.IntN(1000))/10, float64(r.IntN(1000))/10, r.IntN(999), r.IntN(60), r.IntN(100),
			g.pick(logWords))
	}
	g.put(cup(7, 1))
}

// vimFrame edits a buffer inside a scroll region above a status line:
// scrolls by line feeds and reverse index, inserts and deletes lines,
// scrolls with SU/SD, edits within lines, and sometimes redraws all.
func (g *generator) vimFrame() {
	r := g.rnd
	const bottom = Height - 1 // last row of the text region; the status line is below
	g.putf("\x1b[1;%dr", bottom)
	if g.chance(10) {
		g.put("\x1b[H\x1b[2J")
		for row := 1; row <= bottom; row++ {
			g.codeLine(row)
		}
	}
	for range 8 + r.IntN(24) {
		switch r.IntN(9) {
		case 0: // scroll up by line feeds at the bottom of the region
			n := 1 + r.IntN(4)
			g.put(cup(bottom, 1) + strings.Repeat("\n", n))
			for row := bottom - n + 1; row <= bottom; row++ {
				g.codeLine(row)
			}
		case 1: // scroll down by reverse index at the top
			n := 1 + r.IntN(3)
			g.put(cup(1, 1) + strings.Repeat("\x1bM", n))
			for row := 1; row <= n; row++ {
				g.codeLine(row)
			}
		case 2: // open lines
			row, n := 1+r.IntN(bottom), 1+r.IntN(3)
			g.putf("%s\x1b[%dL", cup(row, 1), n)
			for i := range min(n, bottom-row+1) {
				g.codeLine(row + i)
			}
		case 3: // delete lines
			row, n := 1+r.IntN(bottom), 1+r.IntN(3)
			g.putf("%s\x1b[%dM", cup(row, 1), n)
			for i := bottom - n + 1; i <= bottom; i++ {
				g.codeLine(max(i, row))
			}
		case 4: // scroll the region without moving the cursor
			g.putf("\x1b[%d%c", 1+r.IntN(3), "ST"[r.IntN(2)])
		case 5: // insert or delete characters, erase characters
			g.putf("%s\x1b[%d%c%s", cup(1+r.IntN(bottom), 1+r.IntN(60)), 1+r.IntN(6), "@PX"[r.IntN(3)], g.pick(logWords))
		case 6: // type a word
			g.putf("%s\x1b[38;5;%dm%s\x1b[m", cup(1+r.IntN(bottom), 1+r.IntN(70)), r.IntN(256), g.pick(logWords))
		case 7:
			g.codeLine(1 + r.IntN(bottom))
		default:
			g.statusLine()
		}
	}
	g.statusLine()
	g.put(cup(1+r.IntN(bottom), 1+r.IntN(Width)))
}

var codeKeywords = []string{"func", "return", "if", "for", "range", "var", "const", "type", "struct", "switch", "case"}

// codeLine rewrites row with a syntax-highlighted line of code shorter than
// the screen (so no pending wrap meets the erase) and erases its rest.
func (g *generator) codeLine(row int) {
	r := g.rnd
	g.put(cup(row, 1))
	col := 0
	indent := 4 * r.IntN(4)
	g.put(strings.Repeat(" ", indent))
	col += indent
	for col < 60 && !g.chance(15) {
		var word, sgr string
		switch r.IntN(5) {
		case 0:
			word, sgr = g.pick(codeKeywords), "\x1b[1;38;5;33m"
		case 1:
			word, sgr = fmt.Sprintf("%q", g.pick(logWords)), "\x1b[38;2;206;145;120m"
		case 2:
			word, sgr = fmt.Sprint(r.IntN(10000)), "\x1b[38;5;141m"
		case 3:
			word, sgr = "// "+g.pick(logWords), "\x1b[3;38;5;244m"
		default:
			word, sgr = g.pick(logWords), "\x1b[m"
		}
		g.put(sgr + word + "\x1b[m ")
		col += len(word) + 1
	}
	g.put("\x1b[K")
}

// statusLine rewrites the last row, outside the scroll region.
func (g *generator) statusLine() {
	r := g.rnd
	g.putf("%s\x1b[7m %-40s\x1b[m %5d,%-3d %3d%%\x1b[K", cup(Height, 1),
		g.pick(logWords)+".go [+]", 1+r.IntN(5000), 1+r.IntN(80), r.IntN(101))
}
