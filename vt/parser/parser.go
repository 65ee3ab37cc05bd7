package parser

import "unicode/utf8"

// Handler receives what the parser recognises. Slices passed to it are valid
// only during the call.
type Handler interface {
	// Print is called for a graphic character: U+0020–U+007E, U+00A0 and
	// above (U+FFFD for invalid UTF-8).
	Print(r rune)
	// PrintASCII is called for a run of printable ASCII (0x20–0x7E), the
	// fast path; it is equivalent to calling Print for each byte.
	PrintASCII(s []byte)
	// Execute is called for a C0 control (0x00–0x1F except ESC) or a C1
	// control (0x80–0x9F received UTF-8 encoded) that has no sequence of
	// its own.
	Execute(c byte)
	// CSIDispatch is called for a complete control sequence. inter holds
	// the private marker ('<' '=' '>' '?'), if any, followed by the
	// intermediate bytes (0x20–0x2F).
	CSIDispatch(p *Params, inter []byte, final byte)
	// ESCDispatch is called for a complete escape sequence other than the
	// introducers of CSI, OSC, DCS, SOS, PM and APC.
	ESCDispatch(inter []byte, final byte)
	// OSCDispatch is called with the UTF-8 text of an operating system
	// command, without introducer and terminator.
	OSCDispatch(data []byte)
}

// A TextPrinter is a Handler with a faster way to take text: Parse hands
// it the undecoded UTF-8 that follows in the ground state, so that it can
// decode and store characters in one loop instead of one call per
// character.
type TextPrinter interface {
	Handler
	// PrintText draws the graphic characters at the start of s, as
	// DecodeText finds them, and returns how many bytes it took. It may
	// stop before the text does, and returns 0 to leave the first
	// character to Print or PrintASCII; what it does not take, Parse
	// handles as if PrintText had not been called.
	PrintText(s []byte) int
}

// Parser is the state machine. The zero value is ready to use, in the
// ground state.
type Parser struct {
	state state

	// UTF-8 decoder: the code point so far, the number of continuation
	// bytes still needed and the range the next one must fall in.
	cp     rune
	need   uint8
	lo, hi byte

	params    Params
	inter     [MaxIntermediates]byte
	ninter    int
	interOver bool
	osc       []byte
	oscRunes  int
}

// Clone returns an independent copy of p, mid-sequence state included.
func (p *Parser) Clone() *Parser {
	c := *p
	c.osc = append([]byte(nil), p.osc...)
	return &c
}

// Ground reports whether p is in the ground state with no partial UTF-8
// character: the next byte starts afresh.
func (p *Parser) Ground() bool { return p.state == stateGround && p.need == 0 }

// Reset returns p to the ground state, forgetting any partial sequence or
// partial UTF-8 character.
func (p *Parser) Reset() {
	*p = Parser{osc: p.osc[:0]}
}

// Parse feeds data through the machine, calling h for everything it
// recognises. Partial sequences and partial UTF-8 characters carry over to
// the next call.
func (p *Parser) Parse(h Handler, data []byte) {
	text, _ := h.(TextPrinter)
	for i := 0; i < len(data); {
		b := data[i]
		if p.need == 0 {
			if b < 0x80 {
				if p.state == stateGround {
					if b >= 0x20 && b < 0x7f {
						j := i + 1
						for j < len(data) && data[j] >= 0x20 && data[j] < 0x7f {
							j++
						}
						if text != nil && j < len(data) && data[j] >= 0xc2 {
							// The text goes on past ASCII.
							if n := text.PrintText(data[i:]); n > 0 {
								i += n
								continue
							}
						}
						h.PrintASCII(data[i:j])
						i = j
						continue
					}
					if b == 0x1b {
						if n := p.csi(h, data[i:]); n > 0 {
							i += n
							continue
						}
					}
				}
				p.advance(h, rune(b))
				i++
				continue
			}
			if text != nil && p.state == stateGround && b >= 0xc2 {
				if n := text.PrintText(data[i:]); n > 0 {
					i += n
					continue
				}
			}
			r, n := decodeShort(data[i:])
			if n == 0 {
				if r, n = utf8.DecodeRune(data[i:]); r == utf8.RuneError && n == 1 {
					n = 0
				}
			}
			if n > 0 {
				if p.state == stateGround && r >= classHigh {
					// What advance does with it, without the table.
					h.Print(r)
				} else {
					p.advance(h, r)
				}
				i += n
				continue
			}
		}
		p.decode(h, b)
		i++
	}
}

// DecodeText decodes the graphic character at the start of s: printable
// ASCII, or valid UTF-8 for a code point from U+00A0 up. It returns n == 0
// for anything else (nothing, a control, DEL, a C1 control, or UTF-8 that
// is invalid or incomplete), which only the byte-wise path of Parse may
// take, since an incomplete character carries over to the next call.
func DecodeText(s []byte) (r rune, n int) {
	if len(s) >= 2 {
		r, n = decodeShort(s)
	}
	if n == 0 {
		r, n = utf8.DecodeRune(s)
	}
	// Controls: C0, then DEL and C1.
	if r < 0x20 || uint32(r)-0x7f < classHigh-0x7f || r == utf8.RuneError && n <= 1 {
		return 0, 0
	}
	return r, n
}

// decodeShort decodes a complete, valid two- or three-byte UTF-8 sequence
// at the start of s, inline: most non-ASCII text (accented, Greek,
// Cyrillic, CJK) is made of them. It returns n == 0 for anything else,
// which utf8.DecodeRune or decode then handle.
func decodeShort(s []byte) (r rune, n int) {
	b0 := s[0]
	switch {
	case b0 >= 0xc2 && b0 <= 0xdf && len(s) >= 2:
		if s[1]&0xc0 != 0x80 {
			return 0, 0
		}
		return rune(b0&0x1f)<<6 | rune(s[1]&0x3f), 2
	case b0 >= 0xe0 && b0 <= 0xef && len(s) >= 3:
		if s[1]&0xc0 != 0x80 || s[2]&0xc0 != 0x80 {
			return 0, 0
		}
		r = rune(b0&0x0f)<<12 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f)
		if r < 0x800 || (r >= 0xd800 && r <= 0xdfff) {
			return 0, 0 // overlong or a surrogate
		}
		return r, 3
	}
	return 0, 0
}

// decode runs one byte through the UTF-8 decoder, the slow path for
// sequences that are invalid or split between calls.
func (p *Parser) decode(h Handler, b byte) {
	if p.need > 0 {
		if b >= p.lo && b <= p.hi {
			p.cp = p.cp<<6 | rune(b&0x3f)
			p.lo, p.hi = 0x80, 0xbf
			if p.need--; p.need == 0 {
				p.advance(h, p.cp)
			}
			return
		}
		// The sequence so far is a maximal ill-formed subpart: one
		// U+FFFD, then b starts afresh.
		p.need = 0
		p.advance(h, utf8.RuneError)
	}
	p.lo, p.hi = 0x80, 0xbf
	switch {
	case b < 0x80:
		p.advance(h, rune(b))
	case b >= 0xc2 && b <= 0xdf:
		p.cp, p.need = rune(b&0x1f), 1
	case b >= 0xe0 && b <= 0xef:
		p.cp, p.need = rune(b&0x0f), 2
		if b == 0xe0 {
			p.lo = 0xa0 // no overlong forms
		} else if b == 0xed {
			p.hi = 0x9f // no surrogates
		}
	case b >= 0xf0 && b <= 0xf4:
		p.cp, p.need = rune(b&0x07), 3
		if b == 0xf0 {
			p.lo = 0x90
		} else if b == 0xf4 {
			p.hi = 0x8f // nothing above U+10FFFF
		}
	default:
		p.advance(h, utf8.RuneError)
	}
}

// advance runs one decoded code point through the transition table.
func (p *Parser) advance(h Handler, r rune) {
	class := classHigh
	if r < classHigh {
		class = int(r)
	}
	t := table[p.state][class]
	switch t.action() {
	case actionPrint:
		h.Print(r)
	case actionExecute:
		h.Execute(byte(r))
	case actionCollect:
		if p.ninter < MaxIntermediates {
			p.inter[p.ninter] = byte(r)
			p.ninter++
		} else {
			p.interOver = true
		}
	case actionParam:
		p.params.put(byte(r))
	case actionESCDispatch:
		if !p.interOver {
			h.ESCDispatch(p.inter[:p.ninter], byte(r))
		}
	case actionCSIDispatch:
		if !p.interOver {
			p.params.finish()
			h.CSIDispatch(&p.params, p.inter[:p.ninter], byte(r))
		}
	case actionOSCPut:
		if p.oscRunes < MaxOSC {
			p.osc = utf8.AppendRune(p.osc, r)
			p.oscRunes++
		}
	case actionOSCEnd:
		h.OSCDispatch(p.osc)
	}
	next := t.next()
	if next != p.state || class == 0x1b || class == 0x90 || class == 0x9b || class == 0x9d {
		p.enter(next)
	}
}

// enter performs the entry action of state s.
func (p *Parser) enter(s state) {
	p.state = s
	switch s {
	case stateEscape, stateCSIEntry, stateDCSEntry:
		p.params.reset()
		p.ninter, p.interOver = 0, false
	case stateOSCString:
		p.osc, p.oscRunes = p.osc[:0], 0
	}
}

// csi takes, in the ground state, a whole control sequence at the start
// of data (which begins with ESC): ESC [, an optional private marker,
// parameter bytes and a final byte, the shape of nearly every sequence
// (SGR, cursor motion, erasure). It dispatches it exactly as the state
// machine would, without a table step per byte, and returns its length.
// For anything else (intermediates, controls inside, a sequence split
// between calls) it returns 0, and the state machine, which starts afresh
// at the ESC, handles it.
func (p *Parser) csi(h Handler, data []byte) int {
	if len(data) < 3 || data[1] != '[' {
		return 0
	}
	j := 2
	p.ninter, p.interOver = 0, false
	if c := data[j]; c >= 0x3c && c <= 0x3f {
		p.inter[0], p.ninter = c, 1
		j++
	}
	j += p.params.parse(data[j:])
	if j == len(data) || data[j] < 0x40 || data[j] > 0x7e {
		return 0
	}
	h.CSIDispatch(&p.params, p.inter[:p.ninter], data[j])
	return j + 1
}
