package vt

import "unicode/utf8"

// appendSGR appends the full-form SGR for r, as mosh writes it: a reset
// followed by every attribute and both colours, so that the result does
// not depend on the receiver's previous rendition. The hyperlink is not
// part of SGR; see appendLink.
//
// Faint (2) and strikethrough (9) are not in mosh's renditions; its
// emulator skips SGR parameters it does not know, so including them costs
// a mosh-client nothing.
func appendSGR(b []byte, r Rendition) []byte {
	b = append(b, "\x1b[0"...)
	a := r.Attrs
	if a&AttrBold != 0 {
		b = append(b, ";1"...)
	}
	if a&AttrFaint != 0 {
		b = append(b, ";2"...)
	}
	if a&AttrItalic != 0 {
		b = append(b, ";3"...)
	}
	if a&AttrUnderline != 0 {
		b = append(b, ";4"...)
	}
	if a&AttrBlink != 0 {
		b = append(b, ";5"...)
	}
	if a&AttrInverse != 0 {
		b = append(b, ";7"...)
	}
	if a&AttrInvisible != 0 {
		b = append(b, ";8"...)
	}
	if a&AttrStrikethrough != 0 {
		b = append(b, ";9"...)
	}
	b = appendSGRColor(b, r.Fg, 30, 90, "38")
	b = appendSGRColor(b, r.Bg, 40, 100, "48")
	return append(b, 'm')
}

// appendSGRColor appends ";<param>" for colour c: base+n for the eight basic
// colours, bright+n-8 for the eight bright ones (SGR 90–97 and 100–107,
// which mosh parses), and the extended forms for the rest.
func appendSGRColor(b []byte, c Color, base, bright int, extended string) []byte {
	if n, ok := c.Index(); ok {
		b = append(b, ';')
		switch {
		case n < 8:
			return appendInt(b, base+int(n))
		case n < 16:
			return appendInt(b, bright+int(n)-8)
		}
		b = append(b, extended...)
		b = append(b, ";5;"...)
		return appendInt(b, int(n))
	}
	if r, g, bl, ok := c.RGB(); ok {
		b = append(b, ';')
		b = append(b, extended...)
		b = append(b, ";2;"...)
		b = appendInt(b, int(r))
		b = append(b, ';')
		b = appendInt(b, int(g))
		b = append(b, ';')
		return appendInt(b, int(bl))
	}
	return b
}

// appendLink appends the OSC 8 sequence that makes id the current
// hyperlink (or ends the current one for 0). mosh-client 1.4 discards OSC
// strings it does not know, so the sequence is harmless there.
func appendLink(b []byte, id LinkID) []byte {
	params, uri := LinkTarget(id)
	b = append(b, "\x1b]8;"...)
	b = appendOSCText(b, params)
	b = append(b, ';')
	b = appendOSCText(b, uri)
	return append(b, "\x1b\\"...)
}

// appendOSCText appends s to an OSC string, dropping what would end or
// corrupt the string: C0 and C1 controls, DEL and invalid UTF-8. The
// emulator never stores such characters; this only guards against a
// hand-made Framebuffer.
func appendOSCText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0xa0 && (r != utf8.RuneError || n > 1) {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// appendCSI appends ESC [ prefix n final, leaving n out when it is 1 (the
// default of every sequence it is used for).
func appendCSI(b []byte, prefix string, n int, final byte) []byte {
	b = append(b, "\x1b["...)
	b = append(b, prefix...)
	if n != 1 {
		b = appendInt(b, n)
	}
	return append(b, final)
}

// appendMode appends DECSET or DECRST of private mode m.
func appendMode(b []byte, m int, on bool) []byte {
	b = append(b, "\x1b[?"...)
	b = appendInt(b, m)
	if on {
		return append(b, 'h')
	}
	return append(b, 'l')
}
