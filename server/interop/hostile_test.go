package interop

import (
	"bytes"
	"math/rand/v2"
	"net"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/server/servertest"
	"github.com/roamterm/roam/vt/vttest"
)

// floodRounds is how many times the hostile set is sent.
const floodRounds = 3

// The flood is sent in bursts of floodBurst datagrams floodPause apart.
const (
	floodBurst = 20
	floodPause = time.Millisecond
)

// maxFloodLogLines bounds what a verbose server may log about a flood of
// thousands of bad datagrams: it must not log per packet.
const maxFloodLogLines = 5

// Garbage, truncated, corrupted, replayed, reflected, oversized and
// wrong-key datagrams sent at the server's port during a live session are
// ignored: the client's screen stays exactly as it was, a command typed
// afterwards works, and the server (run with -v) does not log per packet.
func TestHostileDatagrams(t *testing.T) {
	t.Parallel()
	var p *tap
	s := startSession(t, sessionOptions{
		serverArgs: []string{"-v"},
		path: func(server netip.AddrPort) netip.AddrPort {
			p = newTap(t, server)
			return p.addr()
		},
	})
	for _, word := range []string{"one", "two", "before"} {
		s.typed(t, word)
	}
	s.waitPrompt(t, screenTimeout)
	before := screen(t, s.tm)
	logBefore := readFile(t, s.srv.Output)

	toServer, toClient := p.captured()
	if len(toServer) < 3 || len(toClient) < 3 {
		t.Fatalf("captured %d datagrams to the server and %d to the client; want a few of each", len(toServer), len(toClient))
	}
	attacker, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(
		netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(s.srv.Port))))
	if err != nil {
		t.Fatal(err)
	}
	defer attacker.Close()

	set := hostileSet(t, toServer, toClient)
	cpuBefore, err := servertest.CPUTime(s.srv.PID)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	sent := 0
	for range floodRounds {
		for _, h := range set {
			if h.fromClientAddr {
				p.sendFromClientAddr(h.data)
			} else {
				attacker.Write(h.data)
			}
			sent++
			if sent%floodBurst == 0 {
				// Paced, so that the datagrams reach the server rather
				// than overflow its socket buffer.
				time.Sleep(floodPause)
			}
		}
	}
	elapsed := time.Since(start)
	cpuAfter, err := servertest.CPUTime(s.srv.PID)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sent %d hostile datagrams in %v; server CPU meanwhile %v", sent, elapsed.Round(time.Millisecond), cpuAfter-cpuBefore)

	// Whatever the server made of them, give it time to show.
	time.Sleep(time.Second)
	after := screen(t, s.tm)
	if d := vttest.Diff(before, after); d != "" {
		t.Errorf("the client's screen changed under the flood (want = before, got = after):\n%s", d)
	}
	if plain, err := s.tm.Capture(false); err != nil || strings.Contains(plain, servertest.ExitStatusPrefix) {
		t.Fatalf("the client exited under the flood (%v):\n%s", err, plain)
	}
	s.typed(t, "after")

	logAfter := readFile(t, s.srv.Output)
	grown := bytes.Count(logAfter[len(logBefore):], []byte("\n"))
	if grown > maxFloodLogLines {
		t.Errorf("the verbose server logged %d lines about %d bad datagrams, want ≤ %d:\n%s", grown, sent, maxFloodLogLines, logAfter[len(logBefore):])
	}
	if s.srv.ContainsKey(logAfter) {
		t.Error("the server's log holds the session key")
	}
}

// A hostile datagram and where it comes from.
type hostile struct {
	data []byte
	// fromClientAddr sends it from the client's own address and port,
	// as an on-path attacker could; otherwise it comes from elsewhere.
	fromClientAddr bool
}

// hostileSet builds the bad datagrams from real ones of the session.
func hostileSet(t *testing.T, toServer, toClient [][]byte) []hostile {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var set []hostile
	add := func(d []byte) {
		set = append(set, hostile{data: d}, hostile{data: d, fromClientAddr: true})
	}

	// Garbage of every interesting length: empty, below the minimum
	// (nonce + tag = 24), around it, typical, the maximum and beyond.
	for _, n := range []int{0, 1, 8, 23, 24, 25, 39, 40, 100, 1300, 2048, 2049, 4096, 65000} {
		add(randomBytes(rng, n))
	}
	for range 500 {
		add(randomBytes(rng, rng.IntN(1500)))
	}

	for _, d := range toServer {
		// Replayed, from elsewhere and from the client's own address.
		add(d)
		// Truncated.
		for _, n := range []int{0, 1, 8, 23, 24, len(d) / 2, len(d) - 16, len(d) - 1} {
			if n >= 0 && n < len(d) {
				add(d[:n:n])
			}
		}
		// Corrupted: one bit flipped in the nonce, the ciphertext, the tag.
		for _, at := range []int{0, 7, 8, len(d) / 2, len(d) - 1} {
			c := bytes.Clone(d)
			c[at] ^= 1 << rng.IntN(8)
			add(c)
		}
		// Extended.
		add(append(bytes.Clone(d), randomBytes(rng, 16)...))
	}
	// Authentic datagrams in the wrong direction: the server's own,
	// reflected back at it.
	for _, d := range toClient {
		add(d)
	}

	// Well-formed datagrams sealed under another key, in both directions,
	// with small and huge sequence numbers.
	key, err := datagram.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	other, err := datagram.NewSession(key)
	if err != nil {
		t.Fatal(err)
	}
	for i := range uint64(200) {
		for _, dir := range []datagram.Direction{datagram.ToServer, datagram.ToClient} {
			for _, seq := range []uint64{i, 1<<40 + i, datagram.MaxSeq - i} {
				pkt := datagram.Packet{Seq: seq, Dir: dir, Timestamp: uint16(i), TimestampReply: datagram.NoTimestamp,
					Payload: randomBytes(rng, 10+rng.IntN(200))}
				add(other.SealPacket(nil, &pkt))
			}
		}
	}
	return set
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
