package predict

// The applications of the typing-trace simulation (sim_test.go): a shell
// with a readline-like line editor, a sudo password prompt and a small
// vim, drawing on a vt.Emulator. They are deterministic functions of the
// keys they are given, so the simulated server and the zero-latency
// "oracle" that judges the predictions stay in step.

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/roamterm/roam/vt"
)

type worldMode uint8

const (
	modeShell worldMode = iota
	modePassword
	modeVimNormal
	modeVimInsert
	modeVimCommand
)

// echo is where a printable key's character appears, if it does.
type echo struct {
	ok       bool
	row, col int
	r        rune
}

// world is the remote side: applications drawing on an emulator.
type world struct {
	emu  *vt.Emulator
	mode worldMode
	// scrolls counts lines scrolled off the top of the primary screen;
	// screen increments on every switch between primary and alternate
	// screen. Together they let the oracle's rows be compared with an
	// older screen's.
	scrolls, screen int

	cwd     string
	line    []rune
	pos     int
	history []string

	vim    []string
	vr, vc int
	vcmd   string
	// notes is notes.txt as vim last wrote it: like the real file of
	// the end-to-end replay, it grows with every session, so that later
	// sessions edit above lines of text rather than "~" filler rows.
	notes []string
}

func newWorld(width, height int) *world {
	w := &world{emu: vt.NewEmulator(width, height), cwd: "~",
		notes: []string{"Meeting notes", "- ship the release", "- fix the bug"}}
	w.out(w.prompt())
	return w
}

func (w *world) prompt() string { return "u@roam:" + w.cwd + "$ " }

func (w *world) fb() *vt.Framebuffer { return w.emu.Framebuffer() }

// out writes s, counting scrolls of the primary screen.
func (w *world) out(s string) {
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			w.emu.Write([]byte(s))
			return
		}
		w.emu.Write([]byte(s[:i]))
		if !w.emu.Modes().AltScreen && w.fb().Cursor.Row == w.fb().Height()-1 {
			w.scrolls++
		}
		w.emu.Write([]byte{'\n'})
		s = s[i+1:]
	}
}

func cells(rs []rune) int {
	n := 0
	for _, r := range rs {
		n += max(vt.Width(r), 0)
	}
	return n
}

// key processes one key and reports where its character was echoed.
func (w *world) key(k []byte) echo {
	r, n := utf8.DecodeRune(k)
	printable := n == len(k) && vt.Width(r) > 0
	cur := w.fb().Cursor
	switch w.mode {
	case modeShell:
		if printable {
			w.shellInsert(r)
			return echo{true, cur.Row, cur.Col, r}
		}
		w.shellKey(string(k))
	case modePassword:
		if string(k) == "\r" {
			w.out("\r\nHit:1 http://deb.debian.org/debian stable InRelease\r\nReading package lists... Done\r\n" + w.prompt())
			w.mode = modeShell
		}
	default:
		return w.vimKey(k, r, printable)
	}
	return echo{}
}

func (w *world) shellInsert(r rune) {
	rest := w.line[w.pos:]
	w.line = append(w.line[:w.pos], append([]rune{r}, rest...)...)
	w.pos++
	rest = w.line[w.pos:]
	s := string(r) + string(rest)
	if n := cells(rest); n > 0 {
		s += fmt.Sprintf("\x1b[%dD", n)
	}
	w.out(s)
}

var completions = []string{"Documents/", "Downloads/", "notes.txt", "src/", "Makefile"}

func (w *world) shellKey(k string) {
	switch k {
	case "\x7f":
		if w.pos == 0 {
			return
		}
		gone := vt.Width(w.line[w.pos-1])
		w.line = append(w.line[:w.pos-1], w.line[w.pos:]...)
		w.pos--
		rest := w.line[w.pos:]
		w.out(fmt.Sprintf("\x1b[%dD%s\x1b[K", gone, string(rest)))
		if n := cells(rest); n > 0 {
			w.out(fmt.Sprintf("\x1b[%dD", n))
		}
	case "\x1bOD", "\x1b[D":
		if w.pos > 0 {
			w.pos--
			w.out(fmt.Sprintf("\x1b[%dD", vt.Width(w.line[w.pos])))
		}
	case "\x1bOC", "\x1b[C":
		if w.pos < len(w.line) {
			w.out(string(w.line[w.pos]))
			w.pos++
		}
	case "\x1bOA", "\x1b[A":
		if len(w.history) > 0 {
			w.line = []rune(w.history[len(w.history)-1])
			w.pos = len(w.line)
			w.out("\r" + w.prompt() + string(w.line) + "\x1b[K")
		}
	case "\t":
		word := string(w.line[:w.pos])
		if i := strings.LastIndexByte(word, ' '); i >= 0 {
			word = word[i+1:]
		}
		var match []string
		for _, c := range completions {
			if word != "" && strings.HasPrefix(c, word) {
				match = append(match, c)
			}
		}
		if len(match) == 1 {
			for _, r := range match[0][len(word):] {
				w.shellInsert(r)
			}
		} else {
			w.out("\a")
		}
	case "\x03":
		w.out("^C\r\n" + w.prompt())
		w.line, w.pos = nil, 0
	case "\r":
		cmd := strings.TrimSpace(string(w.line))
		w.line, w.pos = nil, 0
		w.out("\r\n")
		if cmd != "" {
			w.history = append(w.history, cmd)
		}
		w.run(cmd)
	}
}

func (w *world) run(cmd string) {
	fields := strings.Fields(cmd)
	name := ""
	if len(fields) > 0 {
		name = fields[0]
	}
	switch name {
	case "":
	case "ls":
		w.out("Documents  Downloads  Makefile  notes.txt  src\r\n")
	case "cd":
		w.cwd = "~"
		if len(fields) > 1 && fields[1] != "~" {
			w.cwd = "~/" + strings.TrimSuffix(fields[1], "/")
		}
	case "echo":
		w.out(strings.Join(fields[1:], " ") + "\r\n")
	case "git":
		w.out("On branch main\r\nChanges not staged for commit:\r\n\tmodified:   main.go\r\n\r\n")
	case "cat":
		w.out("Meeting notes\r\n- ship the release\r\n- fix the bug\r\n")
	case "pwd":
		w.out("/home/u\r\n")
	case "make":
		w.out("go build ./...\r\ngo test ./...\r\nok  \troam\t0.42s\r\n")
	case "sudo":
		w.out("[sudo] password for u: ")
		w.mode = modePassword
		return
	case "vim":
		w.vim = slices.Clone(w.notes)
		w.vr, w.vc = 0, 0
		w.mode = modeVimNormal
		w.screen++
		w.out("\x1b[?1049h")
		w.vimDraw(fmt.Sprintf("\"notes.txt\" %dL", len(w.vim)))
		return
	default:
		w.out(name + ": command not found\r\n")
	}
	w.out(w.prompt())
}

// vimRows returns the screen rows of the buffer from the top, as vim
// shows them: a line longer than the screen is wide continues on the
// next rows (the buffer's text is ASCII).
func (w *world) vimRows() []string {
	width := w.fb().Width()
	var rows []string
	for _, line := range w.vim {
		rows = append(rows, line[:min(len(line), width)])
		for i := width; i < len(line); i += width {
			rows = append(rows, line[i:min(len(line), i+width)])
		}
	}
	return rows
}

// vimCursor returns the screen position of the buffer position (vr, vc).
func (w *world) vimCursor() (row, col int) {
	width := w.fb().Width()
	for _, line := range w.vim[:w.vr] {
		row += max(1, (len(line)+width-1)/width)
	}
	return row + w.vc/width, w.vc % width
}

// vimDraw redraws the whole screen, as vim's output leaves it.
func (w *world) vimDraw(status string) {
	fb := w.fb()
	rows := w.vimRows()
	var b strings.Builder
	b.WriteString("\x1b[H")
	for y := 0; y < fb.Height()-1; y++ {
		if y < len(rows) {
			b.WriteString(rows[y])
		} else {
			b.WriteString("~")
		}
		if y >= len(rows) || len(rows[y]) < fb.Width() {
			b.WriteString("\x1b[K")
		}
		b.WriteString("\r\n")
	}
	b.WriteString(status + "\x1b[K")
	if w.mode == modeVimCommand {
		b.WriteString(fmt.Sprintf("\x1b[%d;%dH", fb.Height(), 2+len(w.vcmd)))
	} else {
		row, col := w.vimCursor()
		b.WriteString(fmt.Sprintf("\x1b[%d;%dH", row+1, col+1))
	}
	w.out(b.String())
}

func (w *world) vimStatus() string {
	switch w.mode {
	case modeVimInsert:
		return "-- INSERT --"
	case modeVimCommand:
		return ":" + w.vcmd
	}
	return ""
}

// vimRoomBelow reports whether a new line below the cursor's is on
// screen above the status row (this vim does not scroll).
func (w *world) vimRoomBelow() bool {
	row, _ := w.vimCursor()
	return row < w.fb().Height()-3
}

func (w *world) vimKey(k []byte, r rune, printable bool) echo {
	cur := w.fb().Cursor
	line := []rune(w.vim[w.vr])
	var e echo
	switch w.mode {
	case modeVimInsert:
		switch {
		case printable:
			line = append(line[:w.vc], append([]rune{r}, line[w.vc:]...)...)
			w.vc++
			e = echo{true, cur.Row, cur.Col, r}
		case string(k) == "\x7f":
			if w.vc > 0 {
				line = append(line[:w.vc-1], line[w.vc:]...)
				w.vc--
			}
		case string(k) == "\r" && w.vimRoomBelow():
			head, tail := string(line[:w.vc]), string(line[w.vc:])
			w.vim = append(w.vim[:w.vr+1], append([]string{tail}, w.vim[w.vr+1:]...)...)
			w.vim[w.vr] = head
			w.vr, w.vc = w.vr+1, 0
			w.vimDraw(w.vimStatus())
			return e
		case string(k) == "\x1b":
			w.mode = modeVimNormal
			w.vc = max(w.vc-1, 0)
		}
		w.vim[w.vr] = string(line)
	case modeVimCommand:
		switch {
		case printable:
			w.vcmd += string(r)
			e = echo{true, cur.Row, cur.Col, r}
		case string(k) == "\r":
			cmd := w.vcmd
			w.vcmd = ""
			w.mode = modeVimNormal
			if cmd == "wq" {
				w.notes = slices.Clone(w.vim)
			}
			if cmd == "wq" || cmd == "q" {
				w.mode = modeShell
				w.screen++
				w.out("\x1b[?1049l" + w.prompt())
				return e
			}
			w.vimDraw("\"notes.txt\" written")
			return e
		case string(k) == "\x7f":
			if w.vcmd == "" {
				w.mode = modeVimNormal
			} else {
				w.vcmd = w.vcmd[:len(w.vcmd)-1]
			}
		case string(k) == "\x1b":
			w.vcmd = ""
			w.mode = modeVimNormal
		}
	default:
		switch string(k) {
		case "i":
			w.mode = modeVimInsert
		case "a":
			w.vc = min(w.vc+1, len(line))
			w.mode = modeVimInsert
		case "A":
			w.vc = len(line)
			w.mode = modeVimInsert
		case "o":
			if w.vimRoomBelow() {
				w.vim = append(w.vim[:w.vr+1], append([]string{""}, w.vim[w.vr+1:]...)...)
				w.vr, w.vc = w.vr+1, 0
				w.mode = modeVimInsert
			}
		case "j", "\x1bOB":
			w.vr = min(w.vr+1, len(w.vim)-1)
		case "k", "\x1bOA":
			w.vr = max(w.vr-1, 0)
		case "l", "\x1bOC":
			w.vc++
		case "h", "\x1bOD":
			w.vc--
		case "x":
			if w.vc < len(line) {
				w.vim[w.vr] = string(append(line[:w.vc], line[w.vc+1:]...))
			}
		case ":":
			w.mode = modeVimCommand
		}
		n := len([]rune(w.vim[w.vr]))
		limit := n - 1
		if w.mode == modeVimInsert {
			limit = n
		}
		w.vc = max(min(w.vc, limit), 0)
	}
	w.vimDraw(w.vimStatus())
	return e
}
