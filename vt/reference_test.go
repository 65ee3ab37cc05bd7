package vt_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/internal/workload"
	"github.com/roamterm/roam/vt/vttest"
)

// tmuxWait bounds how long a case may take to play in tmux.
const tmuxWait = 30 * time.Second

// referenceCases are the corpus plus deterministic workloads of every kind,
// at two lengths so that they stop in different states.
func referenceCases(t *testing.T) []vttest.Case {
	cases := vttest.Corpus()
	for _, k := range workload.Kinds() {
		for _, size := range []int{20_000, 300_000} {
			var buf bytes.Buffer
			if err := workload.Generate(k, size, &buf); err != nil {
				t.Fatal(err)
			}
			cases = append(cases, vttest.Case{
				Name:   fmt.Sprintf("workload-%s-%d", k, size),
				Chunks: [][]byte{buf.Bytes()},
			})
		}
	}
	return cases
}

// TestReferenceTmux plays every case in an 80×24 tmux pane and in an
// Emulator and requires the same screen: text, colours, attributes, wide
// characters and cursor position (see vttest.Diff).
func TestReferenceTmux(t *testing.T) {
	for i, c := range referenceCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			e := vt.NewEmulator(vttest.CorpusWidth, vttest.CorpusHeight)
			for _, chunk := range c.Chunks {
				e.Write(chunk)
			}
			got := e.Framebuffer()
			if c.Expect != nil {
				if err := vttest.CheckExpect(got, c.Expect); err != nil {
					t.Errorf("post-check: %v", err)
				}
			}
			if !c.CompareWithTmux() {
				t.Logf("not compared with tmux: %s", c.TmuxQuirk)
				return
			}
			want := playInTmux(t, c, fmt.Sprintf("roam-reference-%d", i))
			if c.TmuxFix != nil {
				c.TmuxFix(want) // c.TmuxQuirk says why
			}
			if d := vttest.Diff(want, got); d != "" {
				t.Errorf("screen differs from tmux (want = tmux, got = vt):\n%s", d)
			}
		})
	}
}

func playInTmux(t *testing.T, c vttest.Case, marker string) *vt.Framebuffer {
	t.Helper()
	cmd, err := vttest.PlayCommand(t.TempDir(), c, 0, marker)
	if err != nil {
		t.Fatal(err)
	}
	tm := vttest.StartTmux(t, vttest.TmuxOptions{Width: vttest.CorpusWidth, Height: vttest.CorpusHeight, Command: cmd})
	if err := tm.WaitForFormat("#{pane_title}", marker, tmuxWait); err != nil {
		t.Fatal(err)
	}
	fb, err := tm.Screen()
	if err != nil {
		t.Fatal(err)
	}
	return fb
}
