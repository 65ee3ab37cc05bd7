package vt_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
)

// Quick local throughput checks of the emulator alone; the workload
// benchmarks of the whole pipeline are in bench_test.go.

func benchWrite(b *testing.B, in []byte) {
	e := vt.NewEmulator(80, 24)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		e.Write(in)
	}
}

func BenchmarkEmulatorASCIILog(b *testing.B) {
	var s strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&s, "2024-05-01T12:%02d:%02d.%03dZ INFO http: request served method=GET path=/api/v1/items/%d status=200\r\n", i/60%60, i%60, i%1000, i)
	}
	benchWrite(b, []byte(s.String()))
}

func BenchmarkEmulatorUTF8(b *testing.B) {
	line := "日本語のテキストを表示します。 한국어 🙂🎉 e\u0301a\u0308o\u0302 Ελληνικά кириллица\r\n"
	benchWrite(b, []byte(strings.Repeat(line, 500)))
}

func BenchmarkEmulatorSGR(b *testing.B) {
	var s strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&s, "\x1b[38;5;%dm%c\x1b[48;2;%d;%d;%dm%c\x1b[1;4m%c\x1b[0m", i%256, 'a'+i%26, i%256, (i*7)%256, (i*13)%256, 'A'+i%26, '0'+i%10)
		if i%20 == 19 {
			s.WriteString("\r\n")
		}
	}
	benchWrite(b, []byte(s.String()))
}

func BenchmarkEmulatorRedraw(b *testing.B) {
	var s strings.Builder
	for i := range 200 {
		fmt.Fprintf(&s, "\x1b[H\x1b[2J\x1b[2;22r")
		for y := 1; y <= 24; y++ {
			fmt.Fprintf(&s, "\x1b[%d;1H\x1b[K%-40s\x1b[%d;60H%d", y, strings.Repeat("=", y+i%20), y, i*y)
		}
		s.WriteString("\x1b[5;1H\x1b[3L\x1b[10;1H\x1b[2M\x1b[22;1H\n\n\x1b[r")
	}
	benchWrite(b, []byte(s.String()))
}
