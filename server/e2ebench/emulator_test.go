package e2ebench

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/roamterm/roam/vt"
)

// emulatorReps is how many times each workload goes through the emulator
// (as many as bulk output's default repetitions); the median is reported.
const emulatorReps = defaultReps

// emulatorWrite is how much the emulator is handed per Write, about what
// one read from a pty returns (as in vt's own benchmark).
const emulatorWrite = 4 << 10

// BenchmarkEmulator times Roam's vt.Emulator (80×24) on the same workload
// files as BenchmarkBulk, inside this process. mosh's emulator has no such
// figure from outside; the report sets its end-to-end bulk throughput
// beside this one (see method).
func BenchmarkEmulator(b *testing.B) {
	h := loadHarness(b)
	size := envInt(b, "E2E_SIZE", defaultBulkSize)
	paths, err := h.workloads(size, bulkKinds...)
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range bulkKinds {
		b.Run(kind, func(b *testing.B) {
			data, err := os.ReadFile(paths[kind])
			if err != nil {
				b.Fatal(err)
			}
			bench := "emulator " + kind
			for rep := 1; rep <= emulatorReps; rep++ {
				runtime.GC() // the previous emulator's garbage is not this one's cost
				mbps := emulatorThroughput(data)
				progress("%s rep %d/%d: vt.Emulator %.1f MB/s", bench, rep, emulatorReps, mbps)
				results.add(bench, emulatorMetric, "MB/s", pairing{roam, roam}, mbps)
			}
			results.reportTo(b, bench)
		})
	}
}

// emulatorThroughput feeds data to a new 80×24 emulator in pty-sized
// writes and returns the rate in MB/s.
func emulatorThroughput(data []byte) float64 {
	start := time.Now()
	e := vt.NewEmulator(80, 24)
	for rest := data; len(rest) > 0; {
		n := min(len(rest), emulatorWrite)
		e.Write(rest[:n])
		rest = rest[n:]
	}
	return float64(len(data)) / 1e6 / time.Since(start).Seconds()
}
