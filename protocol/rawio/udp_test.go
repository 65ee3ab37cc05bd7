package rawio

import (
	"bytes"
	"errors"
	"net"
	"net/netip"
	"runtime"
	"testing"
	"time"
)

func listen(t *testing.T, network, addr string) *net.UDPConn {
	t.Helper()
	c, err := net.ListenUDP(network, net.UDPAddrFromAddrPort(netip.MustParseAddrPort(addr)))
	if err != nil {
		t.Fatalf("listen %s %s: %v", network, addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func localAddr(c *net.UDPConn) netip.AddrPort { return c.LocalAddr().(*net.UDPAddr).AddrPort() }

// TestUDPMatchesStandardLibrary sends a datagram through UDP and through
// net.UDPConn between the same kinds of socket and checks that both
// report the same payload and source address.
func TestUDPMatchesStandardLibrary(t *testing.T) {
	tests := []struct {
		name        string
		srcNet, src string
		dstNet, dst string
		sendTo      func(dst netip.AddrPort) netip.AddrPort // nil: dst's own address
	}{
		{name: "ipv4", srcNet: "udp4", src: "127.0.0.1:0", dstNet: "udp4", dst: "127.0.0.1:0"},
		{name: "ipv6", srcNet: "udp6", src: "[::1]:0", dstNet: "udp6", dst: "[::1]:0"},
		{name: "ipv4 to dual-stack wildcard", srcNet: "udp4", src: "127.0.0.1:0", dstNet: "udp", dst: "[::]:0",
			sendTo: func(d netip.AddrPort) netip.AddrPort {
				return netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), d.Port())
			}},
		{name: "dual-stack wildcard to ipv4, plain address", srcNet: "udp", src: "[::]:0", dstNet: "udp4", dst: "127.0.0.1:0"},
		{name: "dual-stack wildcard to ipv4, mapped address", srcNet: "udp", src: "[::]:0", dstNet: "udp4", dst: "127.0.0.1:0",
			sendTo: func(d netip.AddrPort) netip.AddrPort {
				return netip.AddrPortFrom(netip.MustParseAddr("::ffff:127.0.0.1"), d.Port())
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, dst := listen(t, tt.srcNet, tt.src), listen(t, tt.dstNet, tt.dst)
			to := localAddr(dst)
			if tt.sendTo != nil {
				to = tt.sendTo(to)
			}
			rsrc, rdst := NewUDP(src), NewUDP(dst)

			if _, err := src.WriteToUDPAddrPort([]byte("std"), to); err != nil {
				t.Fatalf("standard send: %v", err)
			}
			if _, err := rsrc.WriteTo([]byte("raw"), to); err != nil {
				t.Fatalf("raw send: %v", err)
			}
			buf := make([]byte, 64)
			n, stdFrom, err := dst.ReadFromUDPAddrPort(buf)
			if err != nil || string(buf[:n]) != "std" {
				t.Fatalf("standard receive: %q, %v", buf[:n], err)
			}
			n, rawFrom, err := rdst.ReadFrom(buf)
			if err != nil || string(buf[:n]) != "raw" {
				t.Fatalf("raw receive: %q, %v", buf[:n], err)
			}
			if rawFrom != stdFrom {
				t.Errorf("raw source %v, standard %v", rawFrom, stdFrom)
			}
			if raw := rdst.rc != nil; raw != (runtime.GOOS == "linux" && runtime.GOARCH != "386" && runtime.GOARCH != "s390x") {
				t.Errorf("raw path in use: %v", raw)
			} else if raw && rdst.inet != (tt.dstNet == "udp4") {
				t.Errorf("AF_INET %v for a %s socket", rdst.inet, tt.dstNet)
			}
		})
	}
}

func TestUDPTruncatesLongDatagram(t *testing.T) {
	src, dst := listen(t, "udp4", "127.0.0.1:0"), listen(t, "udp4", "127.0.0.1:0")
	if _, err := NewUDP(src).WriteTo(bytes.Repeat([]byte("x"), 100), localAddr(dst)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 10)
	n, _, err := NewUDP(dst).ReadFrom(buf)
	if err != nil || n != 10 {
		t.Errorf("read %d bytes, %v; want 10 (truncated)", n, err)
	}
}

func TestUDPWrongFamily(t *testing.T) {
	src := listen(t, "udp4", "127.0.0.1:0")
	if _, err := NewUDP(src).WriteTo([]byte("x"), netip.MustParseAddrPort("[::1]:9")); err == nil {
		t.Error("sending to an IPv6 address from an IPv4 socket succeeded")
	}
}

func TestUDPCloseEndsRead(t *testing.T) {
	c := listen(t, "udp4", "127.0.0.1:0")
	u := NewUDP(c)
	done := make(chan error, 1)
	go func() {
		_, _, err := u.ReadFrom(make([]byte, 16))
		done <- err
	}()
	time.Sleep(20 * time.Millisecond) // let the read wait in the poller
	c.Close()
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("read after close: %v, want net.ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not end the pending read")
	}
}

func FuzzSendable(f *testing.F) {
	for _, s := range []string{"127.0.0.1:1", "[fe80::1%2]:1", "[fe80::1%eth0]:1", "[::1]:0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ap, err := netip.ParseAddrPort(s)
		if err != nil {
			return
		}
		if sendable(ap) {
			for _, r := range ap.Addr().Zone() {
				if r < '0' || r > '9' {
					t.Errorf("%v: zone %q taken as an interface index", ap, ap.Addr().Zone())
				}
			}
		}
	})
}
