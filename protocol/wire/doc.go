// Package wire encodes and decodes the three protobuf messages of the mosh
// protocol (proto2, package TransportBuffers, ClientBuffers and HostBuffers in
// mosh's src/protobufs): the transport Instruction that carries a state diff,
// and the two diff payloads, UserMessage (client → server) and HostMessage
// (server → client).
//
// The codecs are written by hand on top of protowire, with structs that
// mirror the .proto files field for field, in the style of x/crypto/ssh's
// messages.go. No generated code and no protobuf runtime are needed: mosh's
// "extensions" are, on the wire, ordinary length-delimited fields of the
// Instruction message, so they are modelled as optional sub-message fields.
//
// Decoders follow protobuf's rules for what they accept: unknown field
// numbers (and known numbers with an unexpected wire type) are skipped, a
// repeated occurrence of a scalar field overwrites the earlier value, and a
// repeated occurrence of a sub-message is merged into it. Truncated or
// malformed input is reported as an error, never a panic. Decoded byte
// slices are copies and never alias the input.
//
// Reference: mosh src/protobufs/transportinstruction.proto, userinput.proto,
// hostinput.proto; /work/shared/docs/mosh-wire.md §3.
package wire
