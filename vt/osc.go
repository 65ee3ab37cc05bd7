package vt

import (
	"bytes"
	"unicode/utf8"
)

// maxTitle is the most code points of a title or icon name kept: mosh caps
// the OSC string at 256 code points including the two-character prefix.
const maxTitle = 256 - 2

// maxLinkURI and maxLinkParams bound an OSC 8 hyperlink. A longer one is
// not recorded (the text shows unlinked), as VTE ignores URIs over 2083
// bytes: a link's target travels with every line of history it covers, so
// a hostile remote must not be able to attach kilobytes to each cell run.
const (
	maxLinkURI    = 2083
	maxLinkParams = 256
)

// oscDispatch performs an operating system command: 0, 1 and 2 (icon name
// and window title), 8 (hyperlink) and 52 (clipboard). Others are ignored.
func (e *Emulator) oscDispatch(data []byte) {
	cmd, arg, ok := bytes.Cut(data, []byte{';'})
	if !ok {
		return
	}
	fb := e.fb
	switch string(cmd) {
	case "", "0":
		t := truncateRunes(arg, maxTitle)
		fb.Title, fb.IconName, fb.TitleSet = t, t, true
	case "1":
		fb.IconName, fb.TitleSet = truncateRunes(arg, maxTitle), true
	case "2":
		fb.Title, fb.TitleSet = truncateRunes(arg, maxTitle), true
	case "8":
		params, uri, ok := bytes.Cut(arg, []byte{';'})
		if !ok {
			break
		}
		if len(uri) > maxLinkURI || len(params) > maxLinkParams {
			fb.Pen.Link = 0
			break
		}
		fb.Pen.Link = InternLink(string(params), string(uri))
	case "52":
		// As mosh: only the "c" selection. A query ("?") is never
		// answered, nor stored to be forwarded: reading the user's
		// clipboard is not something a remote host gets to do.
		if payload, ok := bytes.CutPrefix(arg, []byte("c;")); ok && string(payload) != "?" {
			fb.Clipboard = string(payload)
		}
	}
}

// truncateRunes returns the first n code points of b as a string.
func truncateRunes(b []byte, n int) string {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return string(b[:i])
}
