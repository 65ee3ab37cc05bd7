package predicttest

import (
	"math/rand/v2"
	"strings"
	"time"
)

// Keystroke is one key of a trace.
type Keystroke struct {
	// At is when the key is pressed, from the start of the trace.
	At time.Duration
	// Key is the bytes the terminal sends for it.
	Key []byte
	// Echo reports that the application shows the typed character at
	// the cursor: text in a shell line, vim's insert mode or its command
	// line; not a command key (vim's "o"), a password or a control key.
	Echo bool
	// Context is where the key is typed, for breaking measurements down.
	Context Context
}

// Context is the application state a key is typed into.
type Context uint8

const (
	// Shell is bash's command line.
	Shell Context = iota
	// VimNormal is vim's normal mode (commands such as "j", "o", ":").
	VimNormal
	// VimInsert is vim's insert mode.
	VimInsert
	// VimCommand is vim's command line (":wq").
	VimCommand
	// Password is a prompt that does not echo.
	Password
)

func (c Context) String() string {
	switch c {
	case Shell:
		return "shell"
	case VimNormal:
		return "vim-normal"
	case VimInsert:
		return "vim-insert"
	case VimCommand:
		return "vim-command"
	case Password:
		return "password"
	}
	return "unknown"
}

// Trace returns a trace of at least n keystrokes made from seed.
func Trace(seed uint64, n int) []Keystroke {
	g := &generator{rng: rand.New(rand.NewPCG(seed, 0x5eed)), now: time.Second}
	for len(g.keys) < n {
		g.now += g.thinkGap()
		switch p := g.rng.Float64(); {
		case p < 0.7:
			g.shellLine()
		case p < 0.9:
			g.vimSession()
		default:
			g.password()
		}
	}
	return g.keys
}

// generator writes a trace.
type generator struct {
	rng  *rand.Rand
	now  time.Duration
	keys []Keystroke
	// ctx is the context of the keys pressed next.
	ctx Context
	// recall: the last line was a plain shell command, which Up and
	// Enter may repeat.
	recall bool
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func (g *generator) press(key string, gap time.Duration, echo bool) {
	g.now += gap
	g.keys = append(g.keys, Keystroke{At: g.now, Key: []byte(key), Echo: echo, Context: g.ctx})
}

// typingGap is the time before the next key of a word.
func (g *generator) typingGap() time.Duration { return ms(90 + int(g.rng.ExpFloat64()*70)) }

// thinkGap is the pause after Enter: reading the output, thinking.
func (g *generator) thinkGap() time.Duration {
	switch p := g.rng.Float64(); {
	case p < 0.3:
		return ms(150 + g.rng.IntN(350)) // typing ahead
	case p < 0.8:
		return ms(600 + g.rng.IntN(1900))
	default:
		return ms(2500 + g.rng.IntN(3500))
	}
}

// text types s with human timing, occasional typos fixed with Backspace.
func (g *generator) text(s string, echo bool) {
	for _, r := range s {
		if g.rng.Float64() < 0.04 {
			g.press(string(rune('a'+g.rng.IntN(26))), g.typingGap(), echo)
			g.press("\x7f", ms(150+g.rng.IntN(200)), false)
		}
		g.press(string(r), g.typingGap(), echo)
	}
}

// ShellCommands are the commands of the shell lines; a replay needs a
// notes.txt and directories src, Documents and Downloads in the working
// directory for them to do what a user would expect.
var ShellCommands = []string{
	"ls", "ls -la", "cd src", "cd ~", "git status", "git diff --stat", "make test",
	"echo hello world", "cat notes.txt", "pwd", "grep -rn TODO .", "echo 你好世界",
	"go build ./...", "df -h", "ps aux", "echo done",
}

// Notes is the initial contents of notes.txt, the file the vim sessions
// edit.
const Notes = "Meeting notes\n- ship the release\n- fix the bug\n"

var words = strings.Fields("the quick brown fox jumps over lazy dog release notes " +
	"should ship before friday review tests pass again build fails fixed bug " +
	"network latency mobile shell prediction echo screen cursor line")

func (g *generator) shellLine() {
	g.ctx = Shell
	recall := g.recall
	g.recall = true
	switch p := g.rng.Float64(); {
	case p < 0.05 && recall: // repeat the last command
		g.press("\x1bOA", g.thinkGap(), false)
		g.press("\r", ms(300+g.rng.IntN(300)), false)
		return
	case p < 0.10: // complete a file name
		g.text("cat no", true)
		g.press("\t", ms(200+g.rng.IntN(200)), false)
	case p < 0.13: // give up on a line
		g.text("find / -name bu", true)
		g.press("\x03", ms(300), false)
		g.recall = recall
		return
	case p < 0.16: // fix an earlier word with the arrows
		g.text("echo helo world", true)
		for range 6 {
			g.press("\x1bOD", ms(120), false)
		}
		g.press("l", ms(200), true)
	default:
		g.text(ShellCommands[g.rng.IntN(len(ShellCommands))], true)
	}
	g.press("\r", g.typingGap(), false)
}

func (g *generator) vimSession() {
	g.recall = false
	g.ctx = Shell
	g.text("vim notes.txt", true)
	g.press("\r", g.typingGap(), false)
	g.ctx = VimNormal
	g.now += ms(800 + g.rng.IntN(1200))
	for range g.rng.IntN(3) {
		g.press("j", ms(250+g.rng.IntN(200)), false)
	}
	if g.rng.IntN(2) == 0 {
		g.press("o", ms(400), false)
		g.ctx = VimInsert
	} else {
		g.press("A", ms(400), false)
		g.ctx = VimInsert
		g.press(" ", ms(300), true)
	}
	g.now += ms(200 + g.rng.IntN(400))
	for l := range 1 + g.rng.IntN(3) {
		if l > 0 {
			g.press("\r", g.typingGap(), false)
			g.now += ms(g.rng.IntN(1500))
		}
		n := 4 + g.rng.IntN(6)
		var line []string
		for range n {
			line = append(line, words[g.rng.IntN(len(words))])
		}
		g.text(strings.Join(line, " "), true)
	}
	g.press("\x1b", ms(400+g.rng.IntN(400)), false)
	g.ctx = VimNormal
	g.now += ms(300 + g.rng.IntN(500))
	g.press(":", g.typingGap(), false)
	g.ctx = VimCommand
	g.text("wq", true)
	g.press("\r", g.typingGap(), false)
}

func (g *generator) password() {
	g.recall = true
	g.ctx = Shell
	g.text("sudo apt update", true)
	g.press("\r", g.typingGap(), false)
	g.ctx = Password
	g.now += ms(700 + g.rng.IntN(800))
	for range 8 + g.rng.IntN(5) {
		g.press(string(rune('a'+g.rng.IntN(26))), ms(100+g.rng.IntN(40)), false)
	}
	g.press("\r", ms(150), false)
}
