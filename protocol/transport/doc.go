// Package transport implements mosh's State Synchronisation Protocol: a
// generic Transport that keeps the peer's copy of a local state object up
// to date and maintains a copy of the peer's state object, as mosh's
// Network::Transport<MyState, RemoteState> (src/network/networktransport*.h,
// transportsender*.h).
//
// Each side sends Instructions "apply this diff to state old_num to obtain
// state new_num" and acknowledges the newest state it holds. The sender
// paces itself (about two frames per round trip, 20–250 ms apart), resends
// what it assumes lost, and sends a heartbeat at least every 3 s; the
// receiver keeps the states the sender may still diff against and ignores
// anything stale or duplicated, which is what makes replays harmless.
// Where mosh paces a change from the last instruction of any kind, this
// one paces it from the last that carried a change: a key typed just
// after an acknowledgement goes at once rather than up to half an RTT
// later (the wire is the same; only when the sender sends differs).
// The timing rules and their constants are in constants.go; the wire
// format of instructions and fragments is in packages wire and fragment.
//
// A Transport is a pure, single-goroutine core: it never reads a clock or
// starts a goroutine. The session loop passes the current time to every
// call, feeds it the payloads of received datagrams (Recv), calls Tick when
// WaitTime says something is due, and reads the peer's state. It talks to
// the network only through the Conn interface. It is not safe for
// concurrent use.
//
// Reference: /work/shared/docs/mosh-wire.md §4.
package transport
