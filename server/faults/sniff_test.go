package faults

import (
	"encoding/binary"
	"net"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A sniffer records the UDP datagrams to and from one port on the IPv4
// loopback interface through a packet socket. It only watches: replaying
// what a live session sent needs copies of real datagrams, not a proxy
// that could change the path under test. Packet sockets need root, which
// the test machine has.
type sniffer struct {
	port uint16
	fd   int

	mu       sync.Mutex
	toPort   [][]byte // payloads sent to port
	fromPort [][]byte // payloads sent from port
	peer     uint16   // the other end's port, last seen
	done     chan struct{}
}

// maxSniffed bounds what a sniffer keeps per direction.
const maxSniffed = 2000

func sniff(t *testing.T, port int) *sniffer {
	t.Helper()
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_DGRAM, int(htons(unix.ETH_P_IP)))
	if err != nil {
		t.Fatalf("packet socket (needs root): %v", err)
	}
	lo, err := net.InterfaceByName("lo")
	if err != nil {
		unix.Close(fd)
		t.Fatal(err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_IP), Ifindex: lo.Index}); err != nil {
		unix.Close(fd)
		t.Fatal(err)
	}
	// A receive timeout lets the reader notice stop.
	tv := unix.NsecToTimeval(int64(100 * time.Millisecond))
	unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv)
	s := &sniffer{port: uint16(port), fd: fd, done: make(chan struct{})}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s.read()
	}()
	t.Cleanup(func() {
		close(s.done)
		<-stopped
		unix.Close(fd)
	})
	return s
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func (s *sniffer) read() {
	buf := make([]byte, 65536)
	for {
		select {
		case <-s.done:
			return
		default:
		}
		n, from, err := unix.Recvfrom(s.fd, buf, 0)
		if err != nil {
			continue
		}
		// On loopback every packet passes twice, out and back in: keep
		// the incoming copy.
		if ll, ok := from.(*unix.SockaddrLinklayer); !ok || ll.Pkttype == unix.PACKET_OUTGOING {
			continue
		}
		s.record(buf[:n])
	}
}

// record keeps the UDP payload of an IPv4 packet to or from s.port.
func (s *sniffer) record(p []byte) {
	if len(p) < 20 || p[0]>>4 != 4 || p[9] != unix.IPPROTO_UDP {
		return
	}
	ihl := int(p[0]&0xf) * 4
	if len(p) < ihl+8 {
		return
	}
	udp := p[ihl:]
	src, dst := binary.BigEndian.Uint16(udp[0:]), binary.BigEndian.Uint16(udp[2:])
	payload := append([]byte(nil), udp[8:]...)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case dst == s.port && len(s.toPort) < maxSniffed:
		s.toPort = append(s.toPort, payload)
		s.peer = src
	case src == s.port && len(s.fromPort) < maxSniffed:
		s.fromPort = append(s.fromPort, payload)
	}
}

// captured returns copies of what was seen so far each way and the peer's
// port.
func (s *sniffer) captured() (toPort, fromPort [][]byte, peer uint16) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.toPort...), append([][]byte(nil), s.fromPort...), s.peer
}
