package workload

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Kind is a sort of terminal traffic.
type Kind int

// The workload kinds.
const (
	ASCII      Kind = iota // plain ASCII log lines
	UTF8                   // CJK, emoji and combining marks among Latin text
	SGR                    // short runs of text under ever-changing colours
	FullScreen             // vim- and top-like redraws
	Mix                    // all of the above, interleaved
	numKinds
)

var kindNames = [numKinds]string{"ascii", "utf8", "sgr", "fullscreen", "mix"}

// Kinds returns every kind, in a fixed order.
func Kinds() []Kind { return []Kind{ASCII, UTF8, SGR, FullScreen, Mix} }

// String returns the kind's name, as used in benchmark and file names.
func (k Kind) String() string {
	if k < 0 || k >= numKinds {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if s == name {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("workload: unknown kind %q (want one of %s)", s, strings.Join(kindNames[:], ", "))
}

// Terminal size the workloads are written for.
const (
	Width  = 80
	Height = 24
)

// seed fixes the output; change it only together with cacheVersion.
const seed = 0x526f616d // "Roam"

// Generate writes at least size bytes of the given kind to w, stopping at
// the end of a record (a line, a frame) so that no escape sequence is cut.
// The output depends only on kind and size.
func Generate(kind Kind, size int, w io.Writer) error {
	if kind < 0 || kind >= numKinds {
		return fmt.Errorf("workload: unknown kind %d", int(kind))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	g := &generator{
		w:   &countingWriter{w: bw},
		rnd: rand.New(rand.NewPCG(seed, uint64(kind))),
	}
	record := [numKinds]func(){
		ASCII:      g.logLine,
		UTF8:       g.utf8Line,
		SGR:        g.sgrLine,
		FullScreen: g.fullScreenFrame,
		Mix:        g.mixed,
	}[kind]
	for g.w.n < int64(size) && g.w.err == nil {
		record()
	}
	if g.w.err != nil {
		return fmt.Errorf("workload: %w", g.w.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("workload: %w", err)
	}
	return nil
}

// countingWriter remembers the first error, so that the generators can
// write without checking each call.
type countingWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countingWriter) WriteString(s string) {
	if c.err != nil {
		return
	}
	n, err := c.w.WriteString(s)
	c.n += int64(n)
	c.err = err
}

type generator struct {
	w   *countingWriter
	rnd *rand.Rand
}

func (g *generator) put(s string)                 { g.w.WriteString(s) }
func (g *generator) putf(format string, a ...any) { g.put(fmt.Sprintf(format, a...)) }
func (g *generator) pick(list []string) string    { return list[g.rnd.IntN(len(list))] }
func (g *generator) chance(percent int) bool      { return g.rnd.IntN(100) < percent }

// mixed writes a few records of one of the other kinds.
func (g *generator) mixed() {
	records := []func(){g.logLine, g.utf8Line, g.sgrLine, g.fullScreenFrame}
	record := records[g.rnd.IntN(len(records))]
	for range 1 + g.rnd.IntN(8) {
		record()
	}
	// Leave a full-screen state behind for the next record.
	g.put("\x1b[r\x1b[m\x1b[24;1H\r\n")
}
