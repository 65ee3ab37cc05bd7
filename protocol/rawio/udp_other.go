//go:build !linux || 386 || s390x

package rawio

import (
	"net"
	"net/netip"
	"syscall"
)

// rawUDP: the standard library serves UDP here.
func rawUDP(*net.UDPConn) (syscall.RawConn, bool) { return nil, false }

func (u *UDP) readFrom(b []byte) (int, netip.AddrPort, error) { return u.c.ReadFromUDPAddrPort(b) }

func (u *UDP) writeTo(b []byte, addr netip.AddrPort) (int, error) {
	return u.c.WriteToUDPAddrPort(b, addr)
}
