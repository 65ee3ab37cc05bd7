package conn

import (
	"testing"

	"github.com/roamterm/roam/protocol/datagram"
)

func TestTimestampEcho(t *testing.T) {
	const none = datagram.NoTimestamp
	type step struct {
		receive  bool
		ts       uint16
		atMS     int64
		wantEcho uint16 // for reply steps
	}
	recv := func(ts uint16, at int64) step { return step{receive: true, ts: ts, atMS: at} }
	reply := func(at int64, want uint16) step { return step{atMS: at, wantEcho: want} }
	tests := []struct {
		name  string
		steps []step
	}{
		{"nothing received", []step{reply(0, none)}},
		{"immediate echo", []step{recv(100, 5000), reply(5000, 100)}},
		{"echo advanced by hold time", []step{recv(100, 5000), reply(5250, 350)}},
		{"held 999 ms still echoes", []step{recv(100, 5000), reply(5999, 1099)}},
		{"held 1000 ms is too old", []step{recv(100, 5000), reply(6000, none)}},
		{"only the first packet echoes", []step{recv(100, 5000), reply(5010, 110), reply(5020, none)}},
		{"newest receipt wins", []step{recv(100, 5000), recv(200, 5010), reply(5015, 205)}},
		{"none is not saved", []step{recv(none, 5000), reply(5000, none)}},
		{"none keeps the earlier one", []step{recv(7, 5000), recv(none, 5001), reply(5002, 9)}},
		{"wraps mod 2^16", []step{recv(65530, 0), reply(10, 4)}},
		{"clock going backwards does not echo", []step{recv(1, 100), reply(99, none)}},
		{"echo again after a new receipt", []step{recv(1, 0), reply(0, 1), recv(2, 10), reply(11, 3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e timestampEcho
			for i, s := range tt.steps {
				if s.receive {
					e.received(s.ts, s.atMS)
					continue
				}
				if got := e.reply(s.atMS); got != s.wantEcho {
					t.Fatalf("step %d: reply(%d) = %d, want %d", i, s.atMS, got, s.wantEcho)
				}
			}
		})
	}
}
