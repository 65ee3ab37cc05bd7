package termview

import "slices"

// SetFonts changes the fonts the view draws with (a new primary family
// changes the cell size, and so the grid the Resize callback reports).
// Setting the fonts already in use draws nothing again.
func (t *Terminal) SetFonts(set FontSet) {
	old := &t.cfg.Fonts
	if set.Mono == old.Mono && set.System == old.System && slices.Equal(set.Extra, old.Extra) {
		return
	}
	t.cfg.Fonts = set
	t.comp.atlas = nil
	t.Refresh()
}
