package termview

import (
	"testing"
)

// TestSearchOrder checks the order in which matches become current: the
// nearest above the bottom first, then up (older) and down (newer), with
// wrap-around at both ends; case-insensitive; across a soft wrap.
func TestSearchOrder(t *testing.T) {
	r := newRemote(10, 3, 100)
	f := r.write("a needle\r\nhay\r\nNEEDLE b\r\nhay\r\nhay\r\nxxxxxxneedle\r\nhay\r\nc needle\r\n$ ")
	// Virtual rows: 0 "a needle", 1 hay, 2 "NEEDLE b", 3 hay, 4 hay,
	// 5 "xxxxxxneed" wrapped to 6 "le", 7 hay | screen: 8 "c needle", 9 "$ ".
	view, _ := shownView(t, f, Config{})
	cur := func() cellPos { return view.find.cur.from }
	if !view.Search("NeEdLe") || cur() != (cellPos{8, 2}) {
		t.Fatalf("first match %v, want the one on the screen, {8 2}", cur())
	}
	ups := []cellPos{{5, 6}, {2, 0}, {0, 2}, {8, 2}, {5, 6}}
	for i, want := range ups {
		if !view.FindUp() || cur() != want {
			t.Errorf("FindUp %d: %v, want %v", i+1, cur(), want)
		}
	}
	if view.find.cur.to != (cellPos{6, 2}) {
		t.Errorf("the match across the wrap ends at %v, want {6 2}", view.find.cur.to)
	}
	if !view.scroll.back || view.viewTop() > 5 || view.viewTop()+3 <= 6 {
		t.Errorf("the view (top %d) does not show the current match", view.viewTop())
	}
	downs := []cellPos{{8, 2}, {0, 2}, {2, 0}}
	for i, want := range downs {
		if !view.FindDown() || cur() != want {
			t.Errorf("FindDown %d: %v, want %v", i+1, cur(), want)
		}
	}
	// Typing on keeps the current match while it still matches.
	if !view.Search("NeEdLe b") || cur() != (cellPos{2, 0}) {
		t.Errorf("refined search: %v, want {2 0}", cur())
	}
	if view.Search("absent") || view.FindUp() || view.FindDown() {
		t.Error("found a query that is not there")
	}
	view.EndSearch()
	if view.find.active() || len(view.find.visibleMarks(linesOf(&view.frame), 0, 10)) != 0 {
		t.Error("highlights left after EndSearch")
	}
}

// TestSearchMarks checks the highlights of the rows in view: a match
// split across a wrap is marked on both rows, the current one flagged.
func TestSearchMarks(t *testing.T) {
	r := newRemote(10, 3, 100)
	f := r.write("xxxxxxneedle\r\nneedle\r\n")
	view, _ := shownView(t, f, Config{})
	view.Search("needle")
	got := view.find.visibleMarks(linesOf(&view.frame), 0, 4)
	want := []mark{{0, 6, markToEnd, false}, {1, 0, 2, false}, {2, 0, 6, true}}
	if len(got) != len(want) {
		t.Fatalf("marks %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mark %d = %v, want %v", i, got[i], want[i])
		}
	}
}
