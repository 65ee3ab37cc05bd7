// Package fragment turns transport Instructions into datagram-sized pieces
// and back, as mosh's src/network/transportfragment.cc and compressor.cc do.
//
// An instruction is serialised (package wire), compressed as one zlib
// stream, and cut into fragments that each carry a 10-byte header:
//
//	offset  size  field
//	0       8     instruction id, big-endian
//	8       2     big-endian (final << 15) | fragment number
//	10      n     a slice of the zlib stream
//
// The Fragmenter numbers instructions so that an id is never reused for
// different bytes (the real mosh peer aborts if it is), and the Assembler
// rebuilds one instruction at a time with bounded memory, whatever a hostile
// or broken peer sends.
//
// Reference: /work/shared/docs/mosh-wire.md §2.5 and §10.
package fragment
