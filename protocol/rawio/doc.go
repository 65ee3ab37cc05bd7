// Package rawio does the waiting and the non-blocking I/O of a session
// loop — datagrams, a terminal's bytes, a deadline — so that an idle
// session costs about one thread wake-up per event, as mosh's single
// select loop does.
//
// Why: with the standard library, every system call a goroutine makes
// goes through the scheduler's syscall bookkeeping. A call made while the
// scheduler's monitor thread (sysmon) sleeps wakes it, and it then polls
// every 20 µs until the process is idle again, handing the processor of a
// goroutine caught in a system call to yet another thread. A runtime timer
// wakes the monitor too, since it sleeps only until the next timer. One
// heartbeat every 3 s thus cost 4 to 8 context switches.
//
// On Linux this package calls read, write, recvfrom, sendto and
// timerfd_settime raw, on non-blocking descriptors that Go's network
// poller waits on (a raw call on such a descriptor never blocks, so the
// scheduler need not know of it), and Timer is a timerfd in that poller
// rather than a runtime timer. Elsewhere, and where a Linux system lacks
// what this needs, it uses the standard library.
//
// A Terminal (Linux) goes one step further for a terminal: Go's poller
// registers every descriptor for both directions, so each frame a
// terminal's other side read back came back as a wake-up for no one. A
// Terminal's descriptor is watched through epoll instances of its own
// that ask for input, and for room to write only while a write waits.
//
// Each type serves one reader and one writer goroutine at a time.
package rawio
