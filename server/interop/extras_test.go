package interop

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

// extrasScript prints what roam-server's display diff sends beyond mosh
// 1.4 — faint (SGR 2) and strikethrough (SGR 9), alone and among other
// attributes in one full SGR, OSC 8 hyperlinks with and without
// parameters around coloured text, and a cursor style (DECSCUSR) — next
// to attributes mosh does know.
const extrasScript = `printf 'plain \033[2mfaint\033[0m \033[9mstrike\033[0m \033[1;2;4;9;31;42mall\033[0m end\n'
printf '\033]8;;http://example.com/\033\\link\033]8;;\033\\ \033]8;id=x;http://example.com/b\033\\\033[1;33mbold-link\033[0m\033]8;;\033\\ after\n'
printf '\033[4 q\033[3;35mitalic\033[0m \033[2;7mfaint-inverse\033[0m \033[9;4;38;5;208mstrike-under\033[0m\n'
`

// extrasInDiff are pieces of the display diff of extrasScript's screen
// that mosh 1.4 never sends.
var extrasInDiff = []string{
	"\x1b[0;2m",                              // faint
	"\x1b[0;9m",                              // strikethrough
	"\x1b[0;1;2;4;9;31;42m",                  // both among known attributes
	"\x1b]8;;http://example.com/\x1b\\",      // a link
	"\x1b]8;id=x;http://example.com/b\x1b\\", // a link with parameters
	"\x1b[4 q",                               // a cursor style
}

// queryScript prints every query the real mosh-client's emulator would
// answer (it aborts if its emulator ever answers: mosh-wire §10), with
// the answers from roam-server's emulator swallowed by cat, not echoed.
const queryScript = `old=$(stty -g)
stty -echo -icanon min 1
printf 'q1\033[6n q2\033[c q3\033[>c q4\033[5n q5\033[0c q6\033[?6n done\n'
timeout --foreground 1 cat >/dev/null
stty "$old"
`

// What Roam sends beyond mosh 1.4 is harmless to the real mosh-client: it
// keeps running and shows the text with every attribute it knows (mosh 1.4
// drops faint and strikethrough, and ignores OSC 8) exactly as tmux does
// when the same output is drawn straight in it, apart from those two.
// And no terminal query ever reaches the client: a program that prints
// them all leaves a client that still works.
func TestExtrasHarmlessToMoshClient(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	extras := filepath.Join(dir, "extras.sh")
	queries := filepath.Join(dir, "queries.sh")
	for path, body := range map[string]string{extras: extrasScript, queries: queryScript} {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	command := "clear; sh " + extras
	checkExtrasInDiff(t, extras)

	direct := directShell(t)
	run(t, direct, command)
	vttest.WaitLine(t, direct, "plain faint strike all end", screenTimeout)
	want := waitScreen(t, direct, nil, screenTimeout)
	if !hasAttr(want, vt.AttrFaint) || !hasAttr(want, vt.AttrStrikethrough) {
		t.Fatal("tmux shows no faint or strikethrough text; the comparison proves nothing")
	}

	s := startSession(t, sessionOptions{})
	run(t, s.tm, command)
	vttest.WaitLine(t, s.tm, "plain faint strike all end", screenTimeout)
	got := waitScreen(t, s.tm, nil, screenTimeout)
	t.Logf("through mosh-client: faint shown %v, strikethrough shown %v", hasAttr(got, vt.AttrFaint), hasAttr(got, vt.AttrStrikethrough))
	dropAttrs(want, vt.AttrFaint|vt.AttrStrikethrough)
	dropAttrs(got, vt.AttrFaint|vt.AttrStrikethrough)
	if d := vttest.Diff(want, got); d != "" {
		t.Errorf("through mosh-client + roam-server the screen differs from tmux beyond faint and strikethrough (want = tmux, got = mosh):\n%s", d)
	}
	s.typed(t, "after-extras")

	run(t, s.tm, "clear; sh "+queries)
	screen := vttest.WaitLine(t, s.tm, "q1 q2 q3 q4 q5 q6 done", screenTimeout)
	if strings.Contains(screen, "exitstatus") {
		t.Fatalf("the client exited:\n%s", screen)
	}
	s.waitPrompt(t, screenTimeout)
	s.typed(t, "after-queries")
}

// checkExtrasInDiff makes sure the display diff of extrasScript's screen
// holds every extra, so that the session below really sends them.
func checkExtrasInDiff(t *testing.T, script string) {
	t.Helper()
	out, err := exec.Command("sh", script).Output()
	if err != nil {
		t.Fatal(err)
	}
	e := vt.NewEmulator(vttest.CorpusWidth, vttest.CorpusHeight)
	e.Write(bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))) // the tty's ONLCR
	diff := string(vt.DisplayDiff(nil, e.Framebuffer()))
	for _, piece := range extrasInDiff {
		if !strings.Contains(diff, piece) {
			t.Errorf("the display diff does not hold %q, so this test does not prove it harmless:\n%q", piece, diff)
		}
	}
}

func hasAttr(fb *vt.Framebuffer, a vt.Attr) bool {
	for y := range fb.Height() {
		for _, c := range fb.Row(y).Cells {
			if c.Rend.Attrs&a != 0 {
				return true
			}
		}
	}
	return false
}

func dropAttrs(fb *vt.Framebuffer, a vt.Attr) {
	for y := range fb.Height() {
		row := fb.MutableRow(y)
		for x := range row.Cells {
			row.Cells[x].Rend.Attrs &^= a
		}
	}
}
