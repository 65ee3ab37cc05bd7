package e2ebench

// The keystroke replay's breakdown: which echoed keystrokes were not shown
// within 5 ms, by predicttest.Class (where they were typed, the key that
// last interrupted plain typing and how many characters after it they
// came), so that a miss can be traced to an engine rule or to the
// client's drawing path (a character shown 5–50 ms after its key was
// predicted but drawn late).

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/vt/predict/predicttest"
)

// keyOutcome is what the replay saw of one echoed keystroke.
type keyOutcome struct {
	// seen: the character was seen at the cursor of its send, after.
	seen  bool
	after time.Duration
	// withdrawn: a later key changed its cell before it was seen.
	withdrawn    bool
	mispredicted bool
}

// classTally counts the outcomes of one class of keystrokes.
type classTally struct {
	echoed, instant, mispredicted int
	late                          int // seen after 5 ms but within 50 ms: drawn late
	slow                          int // seen after 50 ms: not predicted
	unseen                        int // never seen at its cell
}

func (t *classTally) add(o keyOutcome) {
	t.echoed++
	switch {
	case o.seen && o.after <= keystrokeInstant:
		t.instant++
	case o.seen && o.after <= 50*time.Millisecond:
		t.late++
	case o.seen:
		t.slow++
	default:
		t.unseen++
	}
	if o.mispredicted {
		t.mispredicted++
	}
}

func (t classTally) missed() int { return t.echoed - t.instant }

func (t classTally) String() string {
	return fmt.Sprintf("%4d echoed, %5.1f%% instant, missed %3d (late %d, slow %d, unseen %d), %d mispredicted",
		t.echoed, 100*ratio(t.instant, t.echoed), t.missed(), t.late, t.slow, t.unseen, t.mispredicted)
}

// keystrokeBreakdown is the replay's tallies by class.
type keystrokeBreakdown struct {
	byContext, byBoundary, byKind, byClass map[string]*classTally
}

// breakDown tallies outcomes (one per keystroke of keys) by class.
func breakDown(keys []predicttest.Keystroke, outcomes []keyOutcome) keystrokeBreakdown {
	b := keystrokeBreakdown{map[string]*classTally{}, map[string]*classTally{}, map[string]*classTally{}, map[string]*classTally{}}
	tally := func(m map[string]*classTally, name string, o keyOutcome) {
		if m[name] == nil {
			m[name] = &classTally{}
		}
		m[name].add(o)
	}
	for i, c := range predicttest.Classify(keys) {
		o := outcomes[i]
		tally(b.byContext, c.Context.String(), o)
		tally(b.byBoundary, fmt.Sprintf("after %s #%d", c.Boundary, c.Position), o)
		tally(b.byKind, c.Kind, o)
		tally(b.byClass, c.String(), o)
	}
	return b
}

// breakdownRows is how many of the classes with the most misses lines
// lists.
const breakdownRows = 15

// lines renders the breakdown for the progress output: each dimension on
// its own, then the classes with the most misses.
func (b keystrokeBreakdown) lines() []string {
	var out []string
	section := func(title string, m map[string]*classTally, limit int) {
		names := make([]string, 0, len(m))
		for name := range m {
			names = append(names, name)
		}
		slices.SortFunc(names, func(x, y string) int {
			return cmp.Or(cmp.Compare(m[y].missed(), m[x].missed()), strings.Compare(x, y))
		})
		if limit > 0 && len(names) > limit {
			names = names[:limit]
		}
		for _, name := range names {
			out = append(out, fmt.Sprintf("by %s: %-28s %v", title, name, *m[name]))
		}
	}
	section("context", b.byContext, 0)
	section("kind", b.byKind, 0)
	section("boundary", b.byBoundary, breakdownRows)
	section("class", b.byClass, breakdownRows)
	return out
}

// writeKeyLog writes one line per echoed keystroke of p's replay into
// dir/keystroke-<pairing>.tsv, for a closer look at the misses.
func writeKeyLog(dir string, p pairing, keys []predicttest.Keystroke, outcomes []keyOutcome) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	classes := predicttest.Classify(keys)
	var b strings.Builder
	b.WriteString("index\tat_ms\tkey\tcontext\tboundary\tposition\tkind\tseen\tafter_ms\twithdrawn\tmispredicted\n")
	for i, k := range keys {
		c, ok := classes[i]
		if !ok {
			continue
		}
		o := outcomes[i]
		fmt.Fprintf(&b, "%d\t%d\t%q\t%s\t%s\t%d\t%s\t%t\t%.1f\t%t\t%t\n", i, k.At.Milliseconds(), k.Key,
			c.Context, c.Boundary, c.Position, c.Kind, o.seen, float64(o.after)/float64(time.Millisecond),
			o.withdrawn, o.mispredicted)
	}
	name := filepath.Join(dir, "keystroke-"+p.String()+".tsv")
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("e2ebench: %w", err)
	}
	return nil
}

func TestKeystrokeBreakdown(t *testing.T) {
	keys := []predicttest.Keystroke{
		{Key: []byte("l"), Echo: true},
		{Key: []byte("s"), Echo: true},
		{Key: []byte("\r")},
		{Key: []byte("p"), Echo: true},
		{Key: []byte("w"), Echo: true},
	}
	outcomes := []keyOutcome{
		{seen: true, after: time.Millisecond},
		{seen: true, after: 20 * time.Millisecond},
		{},
		{seen: true, after: 400 * time.Millisecond, mispredicted: true},
		{withdrawn: true},
	}
	b := breakDown(keys, outcomes)
	want := classTally{echoed: 4, instant: 1, late: 1, slow: 1, unseen: 1, mispredicted: 1}
	if got := *b.byContext["shell"]; got != want {
		t.Errorf("shell: %+v, want %+v", got, want)
	}
	if got := *b.byBoundary["after enter #1"]; got.echoed != 1 || got.slow != 1 {
		t.Errorf("after enter #1: %+v", got)
	}
	lines := b.lines()
	if len(lines) == 0 || !strings.Contains(lines[0], "by context: shell") || !strings.Contains(lines[0], "25.0% instant") {
		t.Errorf("lines: %q", lines)
	}
}
