package transport

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/roamterm/roam/protocol/fragment"
	"github.com/roamterm/roam/protocol/transport/transporttest"
	"github.com/roamterm/roam/protocol/wire"
)

// pair is a client and a server transport wired through a Sim.
type pair struct {
	sim    *transporttest.Sim
	client *client
	server *server
	// consumed is the user stream as the server application has read it
	// through RemoteDiff.
	consumed transporttest.Log
}

func newPair(link transporttest.LinkConfig, seed uint64) *pair {
	sim := transporttest.NewSim(t0, link, seed)
	p := &pair{
		sim:    sim,
		client: New(sim.Conns[0], &transporttest.Log{}, &transporttest.Value{}, testOptions(ClientSendMinDelay, seed)),
		server: New(sim.Conns[1], &transporttest.Value{}, &transporttest.Log{}, testOptions(ServerSendMinDelay, seed+1)),
	}
	sim.Attach(p.client, p.server)
	return p
}

// step advances the simulation and lets the server consume new user input,
// as the server's session loop does after every receive.
func (p *pair) step(t *testing.T, limit time.Time) {
	t.Helper()
	if err := p.sim.Step(limit); err != nil {
		t.Fatal(err)
	}
	p.consumed.Apply(p.server.RemoteDiff())
}

func (p *pair) runUntil(t *testing.T, deadline time.Time, done func() bool) bool {
	t.Helper()
	for !p.sim.Now.After(deadline) {
		if done() {
			return true
		}
		p.step(t, deadline)
	}
	return done()
}

// checkInstructions decodes everything one side sent and checks the rules
// whose violation makes the real mosh peer abort: throwaway_num ≤ old_num,
// and an instruction id never reused for different fragment bytes.
func checkInstructions(t *testing.T, side string, datagrams []transporttest.Datagram) int {
	t.Helper()
	type slot struct {
		id  uint64
		num uint16
	}
	seen := map[slot][]byte{}
	var a fragment.Assembler
	count := 0
	for _, d := range datagrams {
		f, err := fragment.Parse(d.Payload)
		if err != nil {
			t.Fatalf("%s: %v", side, err)
		}
		k := slot{f.ID, f.Num}
		if prev, ok := seen[k]; ok && !bytes.Equal(prev, d.Payload) {
			t.Fatalf("%s: id %d fragment %d reused for different bytes", side, f.ID, f.Num)
		}
		seen[k] = d.Payload
		inst, err := a.Add(f)
		if err != nil {
			t.Fatalf("%s: %v", side, err)
		}
		if inst == nil {
			continue
		}
		count++
		if inst.ThrowawayNum > inst.OldNum {
			t.Fatalf("%s: instruction at %v has throwaway %d > old %d", side, d.At.Sub(t0), inst.ThrowawayNum, inst.OldNum)
		}
		if inst.ProtocolVersion != wire.ProtocolVersion || len(inst.Chaff) > chaffMax {
			t.Fatalf("%s: bad instruction %+v", side, inst)
		}
	}
	return count
}

// TestConvergence runs both directions over a bad link while both states
// change, then checks that each side ends up with the other's state: the
// server has consumed exactly the user stream, the client shows the
// server's latest value.
func TestConvergence(t *testing.T) {
	links := []transporttest.LinkConfig{
		{Delay: ms(5)},
		{Delay: ms(30), Jitter: ms(40), Loss: 0.3, Duplicate: 0.1},
		{Delay: ms(150), Jitter: ms(100), Loss: 0.3, Duplicate: 0.2},
	}
	for li, link := range links {
		for seed := uint64(1); seed <= 3; seed++ {
			t.Run(fmt.Sprintf("link%d/seed%d", li, seed), func(t *testing.T) {
				p := newPair(link, seed)
				rng := rand.New(rand.NewPCG(seed, 7))
				var typed []byte
				// 20 s of activity: keystrokes (sometimes bursts, some
				// large pastes that need several fragments) and screen
				// updates.
				nextKey, nextScreen := t0, t0
				for p.sim.Now.Before(at(20000)) {
					if !p.sim.Now.Before(nextKey) {
						n := 1 + rng.IntN(3)
						if rng.IntN(50) == 0 {
							n = 3000 + rng.IntN(3000)
						}
						for range n {
							b := byte(rng.Uint32())
							typed = append(typed, b)
							p.client.CurrentState().Append(b)
						}
						nextKey = p.sim.Now.Add(time.Duration(rng.IntN(300)) * time.Millisecond)
					}
					if !p.sim.Now.Before(nextScreen) {
						v := make([]byte, rng.IntN(3000))
						for i := range v {
							v[i] = byte(rng.Uint32())
						}
						p.server.CurrentState().V = v
						nextScreen = p.sim.Now.Add(time.Duration(rng.IntN(200)) * time.Millisecond)
					}
					p.step(t, earlier(nextKey, nextScreen))
					if len(p.client.sent) > sentStatesMax || len(p.server.sent) > sentStatesMax {
						t.Fatalf("sent-state list over %d", sentStatesMax)
					}
				}
				converged := p.runUntil(t, at(60000), func() bool {
					_, shown := p.client.LatestRemoteState()
					return bytes.Equal(p.consumed.Held(), typed) && shown.Equal(p.server.CurrentState())
				})
				if !converged {
					_, shown := p.client.LatestRemoteState()
					t.Fatalf("not converged 40 s after the last change: server consumed %d of %d bytes; client shows %d-byte value, server has %d",
						p.consumed.Len(), len(typed), len(shown.V), len(p.server.CurrentState().V))
				}
				t.Logf("converged at %v; datagrams %d/%d; typed %d", p.sim.Now.Sub(t0), len(p.sim.Conns[0].Sent), len(p.sim.Conns[1].Sent), len(typed))
				n := checkInstructions(t, "client", p.sim.Conns[0].Sent)
				n += checkInstructions(t, "server", p.sim.Conns[1].Sent)
				if n < 100 {
					t.Errorf("only %d instructions decoded", n)
				}
			})
		}
	}
}

func TestShutdownHandshake(t *testing.T) {
	tests := []struct {
		name string
		link transporttest.LinkConfig
	}{
		{"clean link", transporttest.LinkConfig{Delay: ms(10)}},
		{"lossy link", transporttest.LinkConfig{Delay: ms(40), Jitter: ms(20), Loss: 0.3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for seed := uint64(1); seed <= 5; seed++ {
				p := newPair(tc.link, seed)
				p.runUntil(t, at(1000), func() bool { return false })
				p.client.CurrentState().Append('q')
				p.runUntil(t, at(2000), func() bool { return false })

				start := p.sim.Now
				p.server.StartShutdown(start)
				done := p.runUntil(t, start.Add(10*time.Second), func() bool {
					return p.server.ShutdownAcknowledged() && p.client.CounterpartyShutdownAckSent()
				})
				if !done {
					t.Fatalf("seed %d: handshake incomplete: acknowledged %v, counterparty ack sent %v",
						seed, p.server.ShutdownAcknowledged(), p.client.CounterpartyShutdownAckSent())
				}
				if p.server.ShutdownAckTimedOut(p.sim.Now) && tc.link.Loss == 0 {
					t.Errorf("seed %d: timed out on a clean link", seed)
				}
				if n, _ := p.client.LatestRemoteState(); n != wire.Shutdown {
					t.Errorf("seed %d: client holds state %d, want the shutdown state", seed, n)
				}
				checkInstructions(t, "server", p.sim.Conns[1].Sent)
			}
		})
	}
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
