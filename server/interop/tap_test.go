package interop

import (
	"net"
	"net/netip"
	"sync"
	"testing"
)

// tapKeep is how many datagrams a tap keeps per direction (the newest).
const tapKeep = 256

// A tap forwards UDP datagrams between one client and a server, as a
// plain path would, and keeps copies of the newest ones in each direction
// for a test to replay. Its server-side socket is the client's address as
// the server sees it.
type tap struct {
	front, back *net.UDPConn
	wg          sync.WaitGroup

	mu       sync.Mutex
	client   netip.AddrPort
	toServer [][]byte
	toClient [][]byte
}

// newTap starts a tap in front of server and closes it when the test
// ends.
func newTap(t *testing.T, server netip.AddrPort) *tap {
	t.Helper()
	front, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:0")))
	if err != nil {
		t.Fatal(err)
	}
	back, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(server))
	if err != nil {
		front.Close()
		t.Fatal(err)
	}
	p := &tap{front: front, back: back}
	p.wg.Add(2)
	go p.forwardToServer()
	go p.forwardToClient()
	t.Cleanup(func() {
		front.Close()
		back.Close()
		p.wg.Wait()
	})
	return p
}

// addr is where the client is to send.
func (p *tap) addr() netip.AddrPort { return p.front.LocalAddr().(*net.UDPAddr).AddrPort() }

func (p *tap) forwardToServer() {
	defer p.wg.Done()
	buf := make([]byte, 65536)
	for {
		n, from, err := p.front.ReadFromUDPAddrPort(buf)
		if err != nil {
			return
		}
		p.mu.Lock()
		p.client = from
		p.toServer = keep(p.toServer, buf[:n])
		p.mu.Unlock()
		p.back.Write(buf[:n])
	}
}

func (p *tap) forwardToClient() {
	defer p.wg.Done()
	buf := make([]byte, 65536)
	for {
		n, err := p.back.Read(buf)
		if err != nil {
			return
		}
		p.mu.Lock()
		client := p.client
		p.toClient = keep(p.toClient, buf[:n])
		p.mu.Unlock()
		if client.IsValid() {
			p.front.WriteToUDPAddrPort(buf[:n], client)
		}
	}
}

func keep(list [][]byte, d []byte) [][]byte {
	if len(list) == tapKeep {
		list = append(list[:0:0], list[1:]...)
	}
	return append(list, append([]byte(nil), d...))
}

// captured returns copies of the kept datagrams, client to server and
// server to client.
func (p *tap) captured() (toServer, toClient [][]byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([][]byte(nil), p.toServer...), append([][]byte(nil), p.toClient...)
}

// sendFromClientAddr sends d to the server from the client's own address
// (the tap's server-side socket), as an on-path attacker could.
func (p *tap) sendFromClientAddr(d []byte) { p.back.Write(d) }
