package vttest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/roamterm/roam/vt"
)

// ParseCapture reads the output of `tmux capture-pane -p -e -N` for a
// width×height pane into a framebuffer (cursor at the top left; the caller
// sets it). tmux writes only the SGR changes between cells and carries the
// state from one line to the next, so the parser does too. Characters take
// the columns vt.Width gives them; combining marks join the cell before.
//
// It returns an error for anything it cannot place: a line wider than the
// pane (which is how a width disagreement with tmux shows), a combining
// mark with no cell before it, a control character, an escape sequence
// other than SGR, or an SGR parameter it does not know.
func ParseCapture(capture string, width, height int) (*vt.Framebuffer, error) {
	fb := vt.NewFramebuffer(width, height)
	lines := strings.Split(strings.TrimSuffix(capture, "\n"), "\n")
	if len(lines) != height {
		return nil, fmt.Errorf("vttest: capture has %d lines, want %d", len(lines), height)
	}
	var pen vt.Rendition
	for y, line := range lines {
		row := fb.MutableRow(y)
		col, last := 0, -1 // next column, column of the last character
		for i := 0; i < len(line); {
			if line[i] == 0x1b {
				n, err := parseSGR(line[i:], &pen)
				if err != nil {
					return nil, fmt.Errorf("vttest: capture line %d: %w", y, err)
				}
				i += n
				continue
			}
			r, size := utf8.DecodeRuneInString(line[i:])
			i += size
			if r == utf8.RuneError && size == 1 {
				return nil, fmt.Errorf("vttest: capture line %d: invalid UTF-8 at byte %d", y, i-1)
			}
			switch w := vt.Width(r); {
			case w < 0:
				return nil, fmt.Errorf("vttest: capture line %d: control character %U", y, r)
			case w == 0:
				if last < 0 {
					return nil, fmt.Errorf("vttest: capture line %d: combining %U with no cell before it", y, r)
				}
				row.Cells[last].Comb += string(r)
			default:
				if col+w > width {
					return nil, fmt.Errorf("vttest: capture line %d is wider than %d columns at %U (do tmux and vt.Width disagree on a width?):\n%s", y, width, r, line)
				}
				row.Cells[col] = vt.Cell{Rune: r, Rend: pen, Wide: w == 2}
				if w == 2 {
					row.Cells[col+1] = vt.Cell{Rend: pen, WideTail: true}
				}
				last, col = col, col+w
			}
		}
	}
	return fb, nil
}

// parseSGR applies the CSI ... m sequence at the start of s to pen and
// returns its length.
func parseSGR(s string, pen *vt.Rendition) (int, error) {
	if len(s) < 2 || s[1] != '[' {
		return 0, fmt.Errorf("escape sequence %q is not CSI", prefix(s))
	}
	end := strings.IndexFunc(s[2:], func(r rune) bool { return r >= 0x40 && r <= 0x7e })
	if end < 0 || s[2+end] != 'm' {
		return 0, fmt.Errorf("escape sequence %q is not SGR", prefix(s))
	}
	params := s[2 : 2+end]
	if err := applySGR(params, pen); err != nil {
		return 0, fmt.Errorf("SGR %q: %w", params, err)
	}
	return 2 + end + 1, nil
}

func prefix(s string) string { return s[:min(len(s), 12)] }

// sgrAttrs maps the SGR numbers that set an attribute, and those that clear
// attributes, as xterm defines them.
var (
	sgrSet = map[int]vt.Attr{
		1: vt.AttrBold, 2: vt.AttrFaint, 3: vt.AttrItalic, 4: vt.AttrUnderline,
		5: vt.AttrBlink, 7: vt.AttrInverse, 8: vt.AttrInvisible, 9: vt.AttrStrikethrough,
	}
	sgrClear = map[int]vt.Attr{
		22: vt.AttrBold | vt.AttrFaint, 23: vt.AttrItalic, 24: vt.AttrUnderline,
		25: vt.AttrBlink, 27: vt.AttrInverse, 28: vt.AttrInvisible, 29: vt.AttrStrikethrough,
	}
)

func applySGR(params string, pen *vt.Rendition) error {
	if params == "" {
		*pen = vt.Rendition{}
		return nil
	}
	var ps []int
	for _, f := range strings.Split(params, ";") {
		n, err := strconv.Atoi(f)
		if err != nil {
			return fmt.Errorf("parameter %q", f)
		}
		ps = append(ps, n)
	}
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		switch {
		case p == 0:
			*pen = vt.Rendition{}
		case sgrSet[p] != 0:
			pen.Attrs |= sgrSet[p]
		case sgrClear[p] != 0:
			pen.Attrs &^= sgrClear[p]
		case p >= 30 && p <= 37:
			pen.Fg = vt.IndexedColor(uint8(p - 30))
		case p >= 90 && p <= 97:
			pen.Fg = vt.IndexedColor(uint8(p - 90 + 8))
		case p >= 40 && p <= 47:
			pen.Bg = vt.IndexedColor(uint8(p - 40))
		case p >= 100 && p <= 107:
			pen.Bg = vt.IndexedColor(uint8(p - 100 + 8))
		case p == 39:
			pen.Fg = vt.ColorDefault
		case p == 49:
			pen.Bg = vt.ColorDefault
		case p == 38 || p == 48:
			c, n, err := extendedColor(ps[i+1:])
			if err != nil {
				return err
			}
			if p == 38 {
				pen.Fg = c
			} else {
				pen.Bg = c
			}
			i += n
		default:
			return fmt.Errorf("unknown parameter %d", p)
		}
	}
	return nil
}

// extendedColor reads the "5;n" or "2;r;g;b" after a 38 or 48 and returns
// the colour and how many parameters it used.
func extendedColor(ps []int) (vt.Color, int, error) {
	inRange := func(vs ...int) bool {
		for _, v := range vs {
			if v < 0 || v > 255 {
				return false
			}
		}
		return true
	}
	switch {
	case len(ps) >= 2 && ps[0] == 5 && inRange(ps[1]):
		return vt.IndexedColor(uint8(ps[1])), 2, nil
	case len(ps) >= 4 && ps[0] == 2 && inRange(ps[1:4]...):
		return vt.RGBColor(uint8(ps[1]), uint8(ps[2]), uint8(ps[3])), 4, nil
	}
	return 0, 0, fmt.Errorf("bad extended colour %v", ps)
}
