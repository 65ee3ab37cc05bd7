package conn

import (
	"testing"
	"time"
)

func TestRTTEstimator(t *testing.T) {
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	tests := []struct {
		name     string
		samples  []float64
		srtt     time.Duration
		rto      time.Duration
		rttvarMS float64
	}{
		{"initial", nil, ms(1000), ms(1000), 500}, // ceil(1000+4·500) clamped to 1000
		{"first sample sets srtt and rttvar", []float64{100}, ms(100), ms(300), 50},
		{"second sample smooths", []float64{100, 200}, ms(112.5), ms(363), 62.5},
		{"tiny rtt clamps rto to 50", []float64{1, 1, 1}, ms(1), ms(50), 0.28125},
		{"rto rounds up", []float64{20.1}, ms(20.1), ms(61), 10.05},
		{"5000 ms ignored", []float64{5000}, ms(1000), ms(1000), 500},
		{"4999 ms taken", []float64{4999}, ms(4999), ms(1000), 2499.5},
		{"ignored sample leaves the estimate", []float64{100, 60000}, ms(100), ms(300), 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e rttEstimator
			for _, s := range tt.samples {
				e.sample(s)
			}
			_, rttvar := e.values()
			if e.SRTT() != tt.srtt || e.RTO() != tt.rto || rttvar != tt.rttvarMS {
				t.Fatalf("SRTT %v RTO %v RTTVAR %v; want %v %v %v", e.SRTT(), e.RTO(), rttvar, tt.srtt, tt.rto, tt.rttvarMS)
			}
		})
	}
}
