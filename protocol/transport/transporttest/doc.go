// Package transporttest provides fakes for testing code built on package
// transport: a fake Conn, a simulated lossy, reordering and duplicating
// link between two endpoints driven by a simulated clock (Sim), and two
// simple State implementations (Log, an append-only byte log like mosh's
// user stream, and Value, a latest-value-wins state like its terminal).
//
// It does not import package transport: Conn, Log and Value satisfy
// transport.Conn and transport.State structurally, and Sim drives any
// Endpoint, so the package can be used from transport's own tests.
package transporttest
