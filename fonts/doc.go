// Package fonts provides the fonts Roam's terminal view draws with: Go Mono
// in four styles, embedded in the binary, and a search of the fonts
// installed on the system for the glyphs Go Mono lacks (CJK, emoji,
// symbols), so that a character some installed font can draw is never
// shown as a missing-glyph box. Families lists the installed monospaced
// families a user may choose instead of Go Mono, and LoadFamily loads one.
//
// The package only finds and parses fonts; rasterising them (and drawing
// box-drawing and block characters procedurally) is the terminal view's
// job. It does not import Fyne, so it can be tested and reused without a
// GUI toolkit.
package fonts
