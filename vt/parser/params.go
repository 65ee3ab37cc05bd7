package parser

// Bounds on what a control sequence may carry.
const (
	// MaxParams is the number of CSI parameters kept; later ones are
	// dropped.
	MaxParams = 32
	// MaxIntermediates is the number of intermediate (and private-marker)
	// bytes kept; a sequence with more is ignored.
	MaxIntermediates = 2
	// MaxOSC is the number of code points of an OSC string kept, as in
	// mosh; the rest is dropped.
	MaxOSC = 16384
	// maxParamValue is the largest parameter value; larger ones read as
	// omitted, as in mosh.
	maxParamValue = 65535
)

// Params are the numeric parameters of a control sequence. Parameters are
// separated by ';'; a ':' separates a sub-parameter from the parameter
// before it.
type Params struct {
	n   int
	v   [MaxParams]int32 // -1: omitted; > maxParamValue: too large
	sub uint32           // bit i: parameter i follows a ':'
}

// Len returns the number of parameters, omitted ones included. "CSI m" has
// none, "CSI ;m" two.
func (p *Params) Len() int { return p.n }

// Get returns parameter i, or def if it is absent, omitted, zero or too
// large: the VT convention for counts and coordinates, where 0 means the
// default.
func (p *Params) Get(i, def int) int {
	if v, ok := p.Raw(i); ok && v != 0 {
		return v
	}
	return def
}

// Raw returns parameter i and whether it was given (and is not above
// 65535).
func (p *Params) Raw(i int) (int, bool) {
	if i < 0 || i >= p.n || p.v[i] < 0 || p.v[i] > maxParamValue {
		return 0, false
	}
	return int(p.v[i]), true
}

// IsSub reports whether parameter i is a sub-parameter, that is, follows a
// ':' rather than a ';'.
func (p *Params) IsSub(i int) bool { return i > 0 && i < p.n && p.sub&(1<<i) != 0 }

// HasSub reports whether any parameter is a sub-parameter.
func (p *Params) HasSub() bool { return p.sub != 0 }

func (p *Params) reset() { p.n, p.sub = 0, 0 }

// put adds one parameter byte: a digit, ';' or ':'.
func (p *Params) put(b byte) {
	if p.n == 0 {
		p.n, p.v[0] = 1, -1
	}
	switch b {
	case ';', ':':
		if p.n == MaxParams {
			p.n++ // marks overflow: later bytes are dropped
			return
		}
		if p.n > MaxParams {
			return
		}
		if b == ':' {
			p.sub |= 1 << p.n
		}
		p.v[p.n] = -1
		p.n++
	default:
		if p.n > MaxParams {
			return
		}
		v := &p.v[p.n-1]
		if *v < 0 {
			*v = 0
		}
		if *v <= maxParamValue {
			*v = *v*10 + int32(b-'0')
		}
	}
}

// parse reads the parameter bytes (digits, ';' and ':') at the start of
// s, the way reset, put for each of them and finish would, in one pass,
// and returns how many there were.
func (p *Params) parse(s []byte) int {
	p.n, p.sub = 0, 0
	if len(s) == 0 || s[0] < '0' || s[0] > ';' {
		return 0
	}
	// i is the parameter being read, v its value so far; over is set once
	// MaxParams are complete, after which the rest is dropped.
	i, v, over := 0, int32(-1), false
	n := 0
	for ; n < len(s); n++ {
		b := s[n]
		if d := b - '0'; d <= 9 {
			if !over {
				if v < 0 {
					v = 0
				}
				if v <= maxParamValue {
					v = v*10 + int32(d)
				}
			}
			continue
		}
		if b != ';' && b != ':' {
			break
		}
		if over {
			continue
		}
		p.v[i], v = v, -1
		if i+1 == MaxParams {
			over = true
			continue
		}
		i++
		if b == ':' {
			p.sub |= 1 << i
		}
	}
	if !over {
		p.v[i] = v
	}
	p.n = i + 1
	return n
}

// finish undoes the overflow mark so that Len reports the kept parameters.
func (p *Params) finish() {
	if p.n > MaxParams {
		p.n = MaxParams
	}
}
