package vttest

import (
	"strings"

	"github.com/roamterm/roam/vt"
)

// Lines renders the text of fb, one string per row with trailing blanks
// trimmed. A wide character appears once; an erased cell is a space; a
// fallback cell (combining marks without a base) is a no-break space
// followed by its marks, as mosh draws it.
func Lines(fb *vt.Framebuffer) []string {
	lines := make([]string, fb.Height())
	var b strings.Builder
	for y := range lines {
		b.Reset()
		for _, c := range fb.Row(y).Cells {
			switch {
			case c.WideTail:
				continue
			case c.Rune != 0:
				b.WriteRune(c.Rune)
			case c.Comb != "":
				b.WriteRune('\u00a0')
			default:
				b.WriteByte(' ')
			}
			b.WriteString(c.Comb)
		}
		lines[y] = strings.TrimRight(b.String(), " ")
	}
	return lines
}
