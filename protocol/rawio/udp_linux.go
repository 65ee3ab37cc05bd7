//go:build linux && !386 && !s390x

// (On 386 and s390x socket calls go through socketcall(2), which older
// kernels require; those use the standard library.)

package rawio

import (
	"net"
	"net/netip"
	"os"
	"strconv"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// rawUDP returns c's RawConn and whether it is an AF_INET socket; nil if
// the raw path cannot serve it.
func rawUDP(c *net.UDPConn) (syscall.RawConn, bool) {
	rc, err := c.SyscallConn()
	if err != nil {
		return nil, false
	}
	var sa unix.Sockaddr
	var nameErr error
	if err := rc.Control(func(fd uintptr) { sa, nameErr = unix.Getsockname(int(fd)) }); err != nil || nameErr != nil {
		return nil, false
	}
	switch sa.(type) {
	case *unix.SockaddrInet4:
		return rc, true
	case *unix.SockaddrInet6:
		return rc, false
	}
	return nil, false
}

func (u *UDP) readFrom(b []byte) (int, netip.AddrPort, error) {
	var n uintptr
	var sa unix.RawSockaddrAny
	var errno unix.Errno
	err := u.rc.Read(func(fd uintptr) bool {
		return rawCall(func() unix.Errno {
			salen := uint32(unsafe.Sizeof(sa))
			var e unix.Errno
			n, _, e = unix.RawSyscall6(unix.SYS_RECVFROM, fd, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), 0,
				uintptr(unsafe.Pointer(&sa)), uintptr(unsafe.Pointer(&salen)))
			return e
		}, &errno)
	})
	switch {
	case err != nil:
		return 0, netip.AddrPort{}, &net.OpError{Op: "read", Net: "udp", Err: err}
	case errno != 0:
		return 0, netip.AddrPort{}, &net.OpError{Op: "read", Net: "udp", Err: os.NewSyscallError("recvfrom", errno)}
	}
	return int(n), sockaddrAddrPort(&sa), nil
}

// sockaddrAddrPort converts a received address as the standard library
// does, except that an IPv6 zone is the interface's index.
func sockaddrAddrPort(sa *unix.RawSockaddrAny) netip.AddrPort {
	switch sa.Addr.Family {
	case unix.AF_INET:
		in := (*unix.RawSockaddrInet4)(unsafe.Pointer(sa))
		return netip.AddrPortFrom(netip.AddrFrom4(in.Addr), ntohs(in.Port))
	case unix.AF_INET6:
		in := (*unix.RawSockaddrInet6)(unsafe.Pointer(sa))
		addr := netip.AddrFrom16(in.Addr)
		if in.Scope_id != 0 {
			addr = addr.WithZone(strconv.FormatUint(uint64(in.Scope_id), 10))
		}
		return netip.AddrPortFrom(addr, ntohs(in.Port))
	}
	return netip.AddrPort{}
}

func (u *UDP) writeTo(b []byte, addr netip.AddrPort) (int, error) {
	var sa4 unix.RawSockaddrInet4
	var sa6 unix.RawSockaddrInet6
	var sa unsafe.Pointer
	var salen uintptr
	ip := addr.Addr()
	if u.inet {
		if !ip.Unmap().Is4() {
			return 0, &net.OpError{Op: "write", Net: "udp", Err: syscall.EAFNOSUPPORT}
		}
		sa4 = unix.RawSockaddrInet4{Family: unix.AF_INET, Port: htons(addr.Port()), Addr: ip.Unmap().As4()}
		sa, salen = unsafe.Pointer(&sa4), unsafe.Sizeof(sa4)
	} else {
		sa6 = unix.RawSockaddrInet6{Family: unix.AF_INET6, Port: htons(addr.Port()), Addr: ip.As16()}
		if z := ip.Zone(); z != "" {
			id, _ := strconv.ParseUint(z, 10, 32)
			sa6.Scope_id = uint32(id)
		}
		sa, salen = unsafe.Pointer(&sa6), unsafe.Sizeof(sa6)
	}
	var n uintptr
	var errno unix.Errno
	err := u.rc.Write(func(fd uintptr) bool {
		return rawCall(func() unix.Errno {
			var e unix.Errno
			n, _, e = unix.RawSyscall6(unix.SYS_SENDTO, fd, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), 0, uintptr(sa), salen)
			return e
		}, &errno)
	})
	switch {
	case err != nil:
		return 0, &net.OpError{Op: "write", Net: "udp", Err: err}
	case errno != 0:
		return 0, &net.OpError{Op: "write", Net: "udp", Err: os.NewSyscallError("sendto", errno)}
	}
	return int(n), nil
}

// htons and ntohs convert a port to and from network byte order in the
// host's representation of a uint16 field.
func htons(p uint16) uint16 {
	var b [2]byte
	b[0], b[1] = byte(p>>8), byte(p)
	return *(*uint16)(unsafe.Pointer(&b))
}

func ntohs(p uint16) uint16 {
	b := (*[2]byte)(unsafe.Pointer(&p))
	return uint16(b[0])<<8 | uint16(b[1])
}
