package vt

import "encoding/binary"

// Sizing of a History's storage. Lines are kept in fixed-size chunks, so
// that a snapshot copies only the list of chunks, and their encodings are
// packed into shared arenas, so that keeping a line costs no allocation of
// its own.
const (
	historyChunkLines = 256
	historyArenaBytes = 64 << 10
)

// DefaultHistoryLines is the usual bound of a History (roam-server's
// --history-lines default).
const DefaultHistoryLines = 10000

// History is a bounded log of the lines that scrolled off the top of a
// screen, oldest first. Every line has an absolute number: the first line
// ever added is line 0, and numbers are never reused, so two copies of a
// history (the server's and a client's) can be kept in step by exchanging
// numbered lines, whatever is lost, repeated or reordered on the way.
// When more than Limit lines are held, the oldest are dropped.
//
// Clear (ED 3, "erase saved lines") erases every line held, and ClearBefore
// does the same on another copy: numbering goes on where it was, and
// Cleared records the number below which lines were erased, so that a copy
// told of a clear late, or told again, ends in the same state, and a line
// numbered below the mark is never stored again.
//
// An Emulator appends to a History set with SetHistory. A History is not
// safe for concurrent use; Snapshot returns an immutable view that is.
type History struct {
	limit      int
	first, end uint64 // lines [first, end) are held
	// chunks[i] holds lines base + i*historyChunkLines onwards; each has
	// capacity historyChunkLines and is appended to, never rewritten, so
	// that snapshots may share it.
	chunks [][]Line
	base   uint64
	arena  []byte // where Push encodes lines; full arenas are left to the lines that use them
	gaps   bool
	// cleared is the number below which lines were erased (Clear,
	// ClearBefore): first >= cleared, and end >= cleared.
	cleared uint64
	// pending holds, from pendingHead on, the newest lines as row text
	// (pushRowText), lines End()-len .. End()-1, until a line is read or
	// anything else is added (settle encodes them then): a flood that
	// outruns the history drops most of its lines before anyone reads
	// them, and so never encodes them. pendingText is where their text
	// is kept.
	pending     []pendingRow
	pendingHead int
	pendingText []byte
	// scratch is where settle draws a row to encode it.
	scratch *Row
}

// pendingRow is a line kept as row text until it is read (see
// History.pending).
type pendingRow struct {
	// text is the row text, or, if encoded, the line already encoded:
	// one pushed by Push behind pending rows.
	text                    []byte
	width                   int32
	wrapped, ascii, encoded bool
}

// NewHistory returns an empty history that keeps at most limit lines
// (at least 1).
func NewHistory(limit int) *History {
	return &History{limit: max(limit, 1)}
}

// Limit returns the most lines h keeps.
func (h *History) Limit() int { return h.limit }

// First returns the number of the oldest line held (End when none is).
func (h *History) First() uint64 { return h.first }

// End returns the number the next line will get: the count of lines ever
// added.
func (h *History) End() uint64 { return h.end }

// Len returns the number of lines held.
func (h *History) Len() int { return int(h.end - h.first) }

// Cleared returns the number below which lines were erased by Clear or
// ClearBefore: 0 if none ever was.
func (h *History) Cleared() uint64 { return h.cleared }

// Gaps reports whether Add ever skipped line numbers (lines the other
// copy dropped before this one got them).
func (h *History) Gaps() bool { return h.gaps }

// Line returns line n, if it is held. Reading a line an emulator's jump
// pushed as text encodes it and the pending ones before it (see pending):
// even reads need the History to themselves.
func (h *History) Line(n uint64) (Line, bool) {
	if n < h.first || n >= h.end {
		return Line{}, false
	}
	if n >= h.stored() {
		h.settle()
	}
	i := n - h.base
	return h.chunks[i/historyChunkLines][i%historyChunkLines], true
}

// Push appends a compact copy of r as line End().
func (h *History) Push(r *Row) {
	start := h.reserve(8*len(r.Cells) + 64)
	h.arena = appendLine(h.arena, r, false)
	l := h.lineFrom(start)
	if h.pendingHead < len(h.pending) {
		// Behind pending lines, without making them encoded: the
		// emulator pushes a few rows between the runs it jumps.
		h.pending = append(h.pending, pendingRow{text: l.b, encoded: true})
		h.end++
		h.trim()
		return
	}
	h.append(l)
}

// pushRowText appends as line End() a row of width cells printed from
// plain lines, given as row text (see rowCells, jumpHistory); ascii says
// whether the text is all ASCII. The line is kept as text until it is
// read (see pending), unless it is ASCII and nothing is pending: its
// encoding is then hardly more than a copy, cheaper than keeping it.
func (h *History) pushRowText(width int, text []byte, wrapped, ascii bool) {
	if ascii && h.pendingHead == len(h.pending) {
		h.append(h.encodeRow(pendingRow{text: text, width: int32(width), wrapped: wrapped, ascii: true}))
		return
	}
	if cap(h.pendingText)-len(h.pendingText) < len(text) {
		// The rows still pending keep the old arena alive.
		h.pendingText = make([]byte, 0, max(historyArenaBytes, len(text)))
	}
	start := len(h.pendingText)
	h.pendingText = append(h.pendingText, text...)
	text = h.pendingText[start:len(h.pendingText):len(h.pendingText)]
	h.pending = append(h.pending, pendingRow{text: text, width: int32(width), wrapped: wrapped, ascii: ascii})
	h.end++
	h.trim()
}

// stored returns the number after the last line encoded in chunks: the
// first pending one.
func (h *History) stored() uint64 { return h.end - uint64(len(h.pending)-h.pendingHead) }

// settle encodes the pending lines into the chunks, in order.
func (h *History) settle() {
	if h.pendingHead == len(h.pending) {
		return
	}
	end := h.end
	h.end = h.stored()
	for _, p := range h.pending[h.pendingHead:] {
		if p.encoded {
			h.append(Line{b: p.text})
		} else {
			h.append(h.encodeRow(p))
		}
	}
	h.end = end
	h.dropPending()
}

// encodeRow encodes a row given as row text: a row of ASCII straight
// from its bytes, any other drawn first.
func (h *History) encodeRow(p pendingRow) Line {
	width := int(p.width)
	if p.ascii {
		start := h.reserve(2*len(p.text) + 2*binary.MaxVarintLen64)
		h.arena = appendPlainRow(h.arena, width, p.text, p.wrapped)
		return h.lineFrom(start)
	}
	start := h.reserve(8*width + 64 + 2*len(p.text))
	r := h.scratchRow(width)
	rowCells(r.Cells, p.text)
	r.Wrapped = p.wrapped
	h.arena = appendLine(h.arena, r, false)
	return h.lineFrom(start)
}

// reserve starts a new arena if fewer than need bytes are left in this
// one (an encoding that needs more still fits: append grows the arena),
// and returns where the next encoding starts.
func (h *History) reserve(need int) int {
	if cap(h.arena)-len(h.arena) < need {
		h.arena = make([]byte, 0, max(historyArenaBytes, need))
	}
	return len(h.arena)
}

// lineFrom returns the line encoded in the arena from start on.
func (h *History) lineFrom(start int) Line {
	return Line{b: h.arena[start:len(h.arena):len(h.arena)]}
}

// dropPending forgets every pending line, keeping the storage.
func (h *History) dropPending() {
	clear(h.pending)
	h.pending, h.pendingHead = h.pending[:0], 0
	h.pendingText = h.pendingText[:0]
}

// scratchRow returns a blank row of width cells to draw a line on before
// encoding it.
func (h *History) scratchRow(width int) *Row {
	if h.scratch == nil || len(h.scratch.Cells) != width {
		h.scratch = &Row{Cells: make([]Cell, width)}
	} else {
		clear(h.scratch.Cells)
	}
	return h.scratch
}

// Add stores l as line n, a line of another copy of the history: lines
// already held or older are ignored; if n is beyond End, the lines in
// between are recorded as empty and Gaps becomes true.
func (h *History) Add(n uint64, l Line) {
	if n < h.end {
		return
	}
	h.settle()
	if skip := n - h.end; skip > 0 {
		h.gaps = true
		if skip >= uint64(h.limit) {
			// Everything held would be dropped: start afresh.
			h.restartAt(n)
		}
		h.skipTo(n)
	}
	h.append(l)
}

// emptyChunk is a chunk of empty lines, shared by every History for the
// stretches of a gap that fill whole chunks: a client that falls behind a
// flood of output records gaps of thousands of lines between the few it
// gets, many times a second. It is full, so it is never appended to.
var emptyChunk = make([]Line, historyChunkLines)

// skipTo records empty lines up to n (beyond End), a chunk at a time
// rather than line by line.
func (h *History) skipTo(n uint64) {
	for h.end < n {
		i := h.end - h.base
		ci, off := int(i/historyChunkLines), int(i%historyChunkLines)
		k := min(n-h.end, uint64(historyChunkLines-off))
		if len(h.chunks) == ci && off == 0 && k == historyChunkLines {
			h.chunks = append(h.chunks, emptyChunk)
		} else {
			for len(h.chunks) <= ci {
				h.chunks = append(h.chunks, make([]Line, 0, historyChunkLines))
			}
			// A chunk's lines beyond its length are empty: it was
			// made so and is only ever appended to.
			c := &h.chunks[ci]
			*c = (*c)[:off+int(k)]
		}
		h.end += k
		h.trim()
	}
}

// Clear erases every line held (ED 3): the next line pushed is still
// numbered End, and lines numbered below it are never held again.
func (h *History) Clear() { h.ClearBefore(h.end) }

// ClearBefore erases the lines numbered below n, as the other copy of the
// history did with Clear when its End was n. If n is beyond End, the
// history goes on at n: the lines in between were erased, not lost, so
// Gaps does not change. A mark at or below Cleared changes nothing, which
// makes a repeated or late notice of a clear harmless.
func (h *History) ClearBefore(n uint64) {
	if n <= h.cleared {
		return
	}
	h.cleared = n
	if n >= h.end {
		h.restartAt(n)
		return
	}
	h.settle()
	if n > h.first {
		h.first = n
		h.dropChunks()
	}
}

// restartAt drops every line held and makes n the number of the next.
// The chunks are left to the snapshots that share them.
func (h *History) restartAt(n uint64) {
	h.chunks, h.base = nil, n-n%historyChunkLines
	h.first, h.end = n, n
	h.dropPending()
}

// dropChunks releases the chunks that hold only lines below first.
func (h *History) dropChunks() {
	for h.first-h.base >= historyChunkLines {
		h.chunks[0] = nil
		h.chunks = h.chunks[1:]
		h.base += historyChunkLines
	}
}

func (h *History) append(l Line) {
	i := h.end - h.base
	ci, off := int(i/historyChunkLines), int(i%historyChunkLines)
	for len(h.chunks) <= ci {
		h.chunks = append(h.chunks, make([]Line, 0, historyChunkLines))
	}
	c := &h.chunks[ci]
	if len(*c) < off {
		// The history started afresh in the middle of a chunk.
		*c = (*c)[:off]
	}
	*c = append(*c, l)
	h.end++
	h.trim()
}

// trim drops the oldest lines beyond the limit.
func (h *History) trim() {
	if h.Len() <= h.limit {
		return
	}
	h.first = h.end - uint64(h.limit)
	stored := h.stored()
	if h.first <= stored {
		h.dropChunks()
		return
	}
	// Every encoded line is gone, and pending ones with them: the chunks
	// start afresh where the first pending line left will go.
	h.chunks, h.base = nil, h.first-h.first%historyChunkLines
	h.pendingHead += int(h.first - stored)
	if h.pendingHead > len(h.pending)/2 {
		// Move the rest down, so that a flood does not grow the list.
		n := copy(h.pending, h.pending[h.pendingHead:])
		clear(h.pending[n:])
		h.pending, h.pendingHead = h.pending[:n], 0
	}
}

// Snapshot returns an immutable view of the lines h holds now.
func (h *History) Snapshot() HistoryView {
	h.settle()
	return HistoryView{
		first: h.first, end: h.end, base: h.base, cleared: h.cleared,
		chunks: append([][]Line(nil), h.chunks...),
	}
}

// HistoryView is an immutable snapshot of a History (see
// History.Snapshot): safe to keep and to read from any goroutine while the
// History goes on changing. The zero value is an empty history.
type HistoryView struct {
	first, end uint64
	base       uint64
	cleared    uint64
	chunks     [][]Line
}

// First returns the number of the oldest line in v.
func (v HistoryView) First() uint64 { return v.first }

// End returns the number after the newest line in v.
func (v HistoryView) End() uint64 { return v.end }

// Cleared returns the number below which lines had been erased when v
// was taken (see History.Cleared).
func (v HistoryView) Cleared() uint64 { return v.cleared }

// Len returns the number of lines in v.
func (v HistoryView) Len() int { return int(v.end - v.first) }

// EmptyRun returns the number of consecutive Empty lines v holds from
// line n on. A front end that writes lines out skips with it the runs of
// lines a client never got, which it records as empty lines, thousands
// at a time during a flood of output, without looking at each.
func (v HistoryView) EmptyRun(n uint64) uint64 {
	if n < v.first {
		return 0
	}
	start := n
	for n < v.end {
		i := n - v.base
		c, off := v.chunks[i/historyChunkLines], i%historyChunkLines
		if off == 0 && &c[0] == &emptyChunk[0] && v.end-n >= historyChunkLines {
			n += historyChunkLines
			continue
		}
		if !c[off].Empty() {
			break
		}
		n++
	}
	return n - start
}

// Line returns line n, if v holds it.
func (v HistoryView) Line(n uint64) (Line, bool) {
	if n < v.first || n >= v.end {
		return Line{}, false
	}
	i := n - v.base
	return v.chunks[i/historyChunkLines][i%historyChunkLines], true
}
