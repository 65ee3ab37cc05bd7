package rawio

import (
	"net"
	"net/netip"
	"syscall"
)

// UDP receives and sends datagrams on a *net.UDPConn. Closing the
// net.UDPConn ends a pending ReadFrom with an error that matches
// net.ErrClosed.
type UDP struct {
	c    *net.UDPConn
	rc   syscall.RawConn // nil: the net.UDPConn's own methods
	inet bool            // the socket is AF_INET (else AF_INET6)
}

// NewUDP returns a UDP for c.
func NewUDP(c *net.UDPConn) *UDP {
	u := &UDP{c: c}
	u.rc, u.inet = rawUDP(c)
	return u
}

// ReadFrom reads one datagram into b, as net.UDPConn's
// ReadFromUDPAddrPort (a longer datagram is truncated to len(b)).
func (u *UDP) ReadFrom(b []byte) (int, netip.AddrPort, error) {
	if u.rc == nil || len(b) == 0 {
		return u.c.ReadFromUDPAddrPort(b)
	}
	return u.readFrom(b)
}

// WriteTo sends b as one datagram to addr, as net.UDPConn's
// WriteToUDPAddrPort.
func (u *UDP) WriteTo(b []byte, addr netip.AddrPort) (int, error) {
	if u.rc == nil || len(b) == 0 || !sendable(addr) {
		return u.c.WriteToUDPAddrPort(b, addr)
	}
	return u.writeTo(b, addr)
}

// sendable reports whether writeTo can address addr itself: a zone that is
// an interface name needs the standard library's lookup.
func sendable(addr netip.AddrPort) bool {
	z := addr.Addr().Zone()
	for i := range len(z) {
		if z[i] < '0' || z[i] > '9' {
			return false
		}
	}
	return addr.IsValid()
}
