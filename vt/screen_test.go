package vt_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/vttest"
)

// screenCase is one row of the screen tables: bytes in, screen out.
type screenCase struct {
	name string
	// w, h is the screen size; 10 and 4 when zero.
	w, h int
	in   string
	// lines is the expected text, top row first; rows not listed must be
	// blank.
	lines []string
	// row, col is the expected cursor position.
	row, col int
	// cells are the expected contents of chosen cells.
	cells []cellWant
	// check, if set, tests anything else.
	check func(t *testing.T, e *vt.Emulator)
}

type cellWant struct {
	row, col int
	cell     vt.Cell
}

func runScreenCases(t *testing.T, cases []screenCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, h := tc.w, tc.h
			if w == 0 {
				w = 10
			}
			if h == 0 {
				h = 4
			}
			e := vt.NewEmulator(w, h)
			e.Write([]byte(tc.in))
			fb := e.Framebuffer()

			want := make([]string, h)
			copy(want, tc.lines)
			if got := vttest.Lines(fb); !slices.Equal(got, want) {
				t.Errorf("screen:\n%s\nwant:\n%s", show(got), show(want))
			}
			if fb.Cursor.Row != tc.row || fb.Cursor.Col != tc.col {
				t.Errorf("cursor at (%d,%d), want (%d,%d)", fb.Cursor.Row, fb.Cursor.Col, tc.row, tc.col)
			}
			for _, c := range tc.cells {
				if got := *fb.Cell(c.row, c.col); got != c.cell {
					t.Errorf("cell (%d,%d) = %+v, want %+v", c.row, c.col, got, c.cell)
				}
			}
			if tc.check != nil {
				tc.check(t, e)
			}

			// Fed one byte at a time, the input must give the same
			// screen.
			s := vt.NewEmulator(w, h)
			for i := range len(tc.in) {
				s.Write([]byte{tc.in[i]})
			}
			if !s.Framebuffer().Equal(fb) {
				t.Errorf("byte-by-byte screen differs:\n%s", show(vttest.Lines(s.Framebuffer())))
			}
		})
	}
}

func show(lines []string) string {
	s := ""
	for _, l := range lines {
		s += fmt.Sprintf("  |%s|\n", l)
	}
	return s
}

// pen returns a rendition with foreground fg and attributes a.
func pen(fg vt.Color, a vt.Attr) vt.Rendition { return vt.Rendition{Fg: fg, Attrs: a} }

// bg returns a rendition with background c.
func bg(c vt.Color) vt.Rendition { return vt.Rendition{Bg: c} }

// ch is a narrow cell holding r with the default rendition.
func ch(r rune) vt.Cell { return vt.Cell{Rune: r} }
