package vt

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestHistoryPendingRows drives a History that keeps jumped rows as text
// (pushRowText) and one that encodes every row at once through random
// pushes, reads, snapshots, clears and additions, and checks after each
// step that both hold the same lines, encoded alike: keeping rows as text
// until read changes nothing that can be seen.
func TestHistoryPendingRows(t *testing.T) {
	texts := []struct {
		text  string
		ascii bool
	}{
		{"plain row", true},
		{"a\x00\x00b", true},
		{"", true},
		{"日本e\u0301", false},
		{"x\u0301\u0302 🙂", false},
		{"\x00語", false},
	}
	const width = 10
	for seed := range uint64(20) {
		rnd := rand.New(rand.NewPCG(seed, 1))
		limit := 1 + rnd.IntN(40)
		lazy, eager := NewHistory(limit), NewHistory(limit)
		snapshots := 0
		for step := range 400 {
			switch op := rnd.IntN(20); {
			case op < 12:
				tx := texts[rnd.IntN(len(texts))]
				wrapped := rnd.IntN(2) == 0
				lazy.pushRowText(width, []byte(tx.text), wrapped, tx.ascii)
				r := &Row{Cells: make([]Cell, width), Wrapped: wrapped}
				rowCells(r.Cells, []byte(tx.text))
				eager.Push(r)
			case op < 15:
				r := &Row{Cells: make([]Cell, width)}
				r.Cells[0] = Cell{Rune: 'P', Rend: Rendition{Attrs: AttrBold}}
				lazy.Push(r)
				eager.Push(r)
			case op < 17:
				if lazy.Len() > 0 {
					n := lazy.First() + uint64(rnd.IntN(lazy.Len()))
					l, _ := lazy.Line(n)
					e, _ := eager.Line(n)
					if !bytes.Equal(l.Bytes(), e.Bytes()) {
						t.Fatalf("seed %d step %d: line %d reads %q, want %q", seed, step, n, l.Bytes(), e.Bytes())
					}
				}
			case op < 18:
				a, b := lazy.Snapshot(), eager.Snapshot()
				if a.First() != b.First() || a.End() != b.End() {
					t.Fatalf("seed %d step %d: snapshot holds %d…%d, want %d…%d", seed, step, a.First(), a.End(), b.First(), b.End())
				}
				snapshots++
			case op < 19:
				n := lazy.First() + uint64(rnd.IntN(lazy.Len()+2))
				lazy.ClearBefore(n)
				eager.ClearBefore(n)
			default:
				n := lazy.End() + uint64(rnd.IntN(3))
				l := Line{b: appendPlainRow(nil, width, []byte("added"), false)}
				lazy.Add(n, l)
				eager.Add(n, l)
			}
			if lazy.First() != eager.First() || lazy.End() != eager.End() || lazy.Cleared() != eager.Cleared() {
				t.Fatalf("seed %d step %d: holds %d…%d (cleared %d), want %d…%d (cleared %d)", seed, step,
					lazy.First(), lazy.End(), lazy.Cleared(), eager.First(), eager.End(), eager.Cleared())
			}
			if step%50 == 49 {
				if d := historyDiff(lazy, eager); d != "" {
					t.Fatalf("seed %d step %d: %s", seed, step, d)
				}
			}
		}
		if snapshots == 0 {
			t.Fatalf("seed %d: no snapshot taken", seed)
		}
	}
}

// TestHistoryFloodStaysText checks that rows pushed as text and dropped
// before anything reads them are never encoded, and that the list of
// pending rows stays bounded however many go through it.
func TestHistoryFloodStaysText(t *testing.T) {
	h := NewHistory(100)
	for range 100000 {
		h.pushRowText(80, []byte("日本語 flood"), false, false)
	}
	if len(h.arena) != 0 {
		t.Errorf("%d bytes encoded while no line was read", len(h.arena))
	}
	if h.Len() != 100 || cap(h.pending) > 1000 {
		t.Errorf("holds %d lines with %d pending rows in a list of %d, want 100 in a list of at most 1000", h.Len(), len(h.pending)-h.pendingHead, cap(h.pending))
	}
	l, ok := h.Line(h.End() - 1)
	if !ok || l.Text() != "日本語 flood" {
		t.Errorf("last line reads %q, want %q", l.Text(), "日本語 flood")
	}
}
