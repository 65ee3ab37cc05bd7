package vt

// resetTabs sets the default tab stops, every 8 columns, from column from
// on.
func (e *Emulator) resetTabs(from int) {
	for i := from; i < len(e.tabs); i++ {
		e.tabs[i] = i%8 == 0
	}
}

// tabForward moves to the n-th next tab stop, or the last column. Like
// mosh, it keeps a pending wrap.
func (e *Emulator) tabForward(n int) {
	cur := &e.fb.Cursor
	col := cur.Col
	for ; n > 0 && col < e.fb.width-1; n-- {
		for col++; col < e.fb.width-1 && !e.tabs[col]; col++ {
		}
	}
	cur.Col = col
	e.combRow, e.combCol = cur.Row, col
}

// tabBackward moves to the n-th previous tab stop, or the first column.
func (e *Emulator) tabBackward(n int) {
	cur := &e.fb.Cursor
	col := cur.Col
	for ; n > 0 && col > 0; n-- {
		for col--; col > 0 && !e.tabs[col]; col-- {
		}
	}
	cur.Col = col
	e.combRow, e.combCol = cur.Row, col
}

// clearTabs is TBC: 0 clears the stop at the cursor, 3 all stops.
func (e *Emulator) clearTabs(mode int) {
	switch mode {
	case 0:
		e.tabs[e.fb.Cursor.Col] = false
	case 3:
		clear(e.tabs)
	}
}
