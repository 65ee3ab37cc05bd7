// Package parser splits a terminal's input stream into printable
// characters, control functions and escape sequences.
//
// It is the DEC ANSI parser described by Paul Flo Williams
// (https://vt100.net/emu/dec_ansi_parser), written as a declarative
// transition table (see table.go), with a UTF-8 decoder in front of it as in
// mosh: the stream is UTF-8 only, invalid bytes become U+FFFD (one per
// maximal ill-formed subpart, the Unicode "best practice" resync), surrogates
// and values above U+10FFFF are invalid, UTF-8-encoded C1 code points
// (U+0080–U+009F) act as C1 controls and every code point from U+00A0 up is
// a graphic character.
//
// Differences from the Williams machine, all bounded so that hostile input
// cannot grow memory or time per byte:
//
//   - CSI keeps at most MaxParams parameters (further ones are dropped) and
//     at most MaxIntermediates intermediate bytes (a sequence with more is
//     ignored). A value above 65535 reads as omitted, as in mosh.
//   - A colon separates sub-parameters (ISO 8613-6, e.g. "38:2::r:g:b" or
//     "4:3"); Params.IsSub tells them apart, and handlers that do not
//     understand them can ignore the sequence. mosh ignores such sequences
//     outright.
//   - OSC strings end on BEL, ST (ESC \ or U+009C) or any ESC, keep at most
//     MaxOSC code points (the rest is dropped, the sequence still ends where
//     it should) and are aborted by CAN and SUB, as in xterm.
//   - DCS, SOS, PM and APC strings are parsed and discarded.
//   - A code point from U+00A0 up inside an escape or control sequence
//     abandons the sequence.
//
// A Parser is not safe for concurrent use. The Handler it calls sees
// slices that are valid only during the call.
package parser
