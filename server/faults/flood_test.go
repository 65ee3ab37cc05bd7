package faults

import (
	"math/rand/v2"
	"net"
	"net/netip"
	"os"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/datagram"
	"github.com/roamterm/roam/server/servertest"
)

// floodCount is how many hostile datagrams each end receives.
const floodCount = 50000

// Bounds on the damage a flood may do: CPU time of the whole flood per
// process (a datagram costs one failed authentication or one duplicate
// check), and what may be logged for 50,000 datagrams (a few lines, not
// one per datagram).
const (
	floodCPU = 5 * time.Second
	floodLog = 4 << 10
)

// While output flows, each end receives 50,000 hostile datagrams: random
// garbage, replays of datagrams captured from this very session, datagrams
// sealed with the wrong key and captured datagrams cut short. The session
// goes on as if nothing happened (same screen as the direct run, a typed
// command works, the server did not roam to the flooder), each process
// spends a bounded amount of CPU on it, and nothing is logged per
// datagram.
func TestFlood(t *testing.T) {
	t.Parallel()
	clientLog := t.TempDir() + "/client.log"
	r := startRig(t, rigOptions{workload: numbered(3000, 200*time.Millisecond), clientLog: clientLog})
	sn := sniff(t, r.srv.Port)
	time.Sleep(2 * time.Second) // capture some traffic both ways

	toServer, toClient, clientPort := sn.captured()
	if len(toServer) < 5 || len(toClient) < 5 || clientPort == 0 {
		t.Fatalf("captured %d datagrams to the server and %d to the client (client port %d)", len(toServer), len(toClient), clientPort)
	}
	loopback := netip.MustParseAddr("127.0.0.1")
	targets := []struct {
		name     string
		pid      int
		addr     netip.AddrPort
		captured [][]byte
		dir      datagram.Direction
		log      string
	}{
		{"server", r.srv.PID, netip.AddrPortFrom(loopback, uint16(r.srv.Port)), toServer, datagram.ToServer, r.srv.Output},
		{"client", r.client, netip.AddrPortFrom(loopback, clientPort), toClient, datagram.ToClient, clientLog},
	}
	cpuBefore := make([]time.Duration, len(targets))
	logBefore := make([]int64, len(targets))
	for i, tg := range targets {
		cpuBefore[i] = cpu(t, tg.pid)
		logBefore[i] = fileSize(tg.log)
	}
	start := time.Now()
	for _, tg := range targets {
		n := flood(t, tg.addr, hostile(t, tg.captured, tg.dir))
		t.Logf("%d hostile datagrams sent to the %s at %v", n, tg.name, tg.addr)
	}
	t.Logf("floods took %v", time.Since(start).Round(time.Millisecond))
	time.Sleep(2 * time.Second) // let queued datagrams drain

	for i, tg := range targets {
		used := cpu(t, tg.pid) - cpuBefore[i]
		logged := fileSize(tg.log) - logBefore[i]
		t.Logf("%s: %v CPU during the flood, %d bytes logged", tg.name, used, logged)
		if used > floodCPU {
			t.Errorf("%s spent %v of CPU on the flood, want < %v", tg.name, used, floodCPU)
		}
		if logged > floodLog {
			b, _ := os.ReadFile(tg.log)
			t.Errorf("%s logged %d bytes during the flood:\n%.2000s", tg.name, logged, b[logBefore[i]:])
		}
	}
	r.waitDone(t, screenTimeout)
	r.sameScreen(t, screenTimeout)
	r.usable(t)
}

// hostile builds floodCount datagrams for one direction from captured
// ones: a quarter each of garbage, exact replays, wrong-key datagrams and
// truncated replays. A fixed seed keeps the flood the same every run.
func hostile(t *testing.T, captured [][]byte, dir datagram.Direction) [][]byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(8, uint64(dir)))
	var wrong datagram.Key
	for i := range wrong {
		wrong[i] = byte(rng.Uint32())
	}
	sealer, err := datagram.NewSession(wrong)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]byte, 0, floodCount)
	for i := range floodCount {
		c := captured[rng.IntN(len(captured))]
		var d []byte
		switch i % 4 {
		case 0: // garbage, sometimes shorter than a header
			d = make([]byte, rng.IntN(1400))
			for j := range d {
				d[j] = byte(rng.Uint32())
			}
		case 1: // replay
			d = c
		case 2: // a well-formed datagram under another key, ahead in sequence
			plain := make([]byte, 4+rng.IntN(200))
			d = sealer.Seal(nil, dir, uint64(1_000_000+i), plain)
		case 3: // a replay cut short
			d = c[:rng.IntN(len(c))]
		}
		out = append(out, d)
	}
	return out
}

// flood sends every datagram to addr from one socket, as fast as it
// goes, and returns how many were sent.
func flood(t *testing.T, addr netip.AddrPort, datagrams [][]byte) int {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 9)})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sent := 0
	for _, d := range datagrams {
		if _, err := c.WriteToUDPAddrPort(d, addr); err == nil {
			sent++
		}
	}
	return sent
}

func cpu(t *testing.T, pid int) time.Duration {
	t.Helper()
	d, err := servertest.CPUTime(pid)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
