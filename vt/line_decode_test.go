package vt

import "testing"

// FuzzLineDecodeCheckOnly checks that decoding only to check a line
// (ParseLine's first pass, which reads runs of characters whole) accepts
// and rejects exactly what decoding its cells does.
func FuzzLineDecodeCheckOnly(f *testing.F) {
	f.Add([]byte{8, 0, 'a', 0xc3, 0xa9, 1, 2, 3, 0xe6, 0x97, 0xa5, 5, 'z'})
	f.Add([]byte{4, 1, 'a', 0x7f, 'b'})
	f.Add([]byte{4, 0, 0xc2, 0x85, 'b'})
	f.Add([]byte{2, 0, 'a', 'b', 'c'})
	f.Add([]byte{6, 0, 4, 2, 0xcc, 0x81, 'e', 'x', 0, 1, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		l := Line{b: b}
		_, errCells := l.decode(func(Cell) {}, nil)
		_, errCheck := l.decode(nil, nil)
		if (errCells == nil) != (errCheck == nil) {
			t.Fatalf("decoding cells: %v; checking only: %v", errCells, errCheck)
		}
	})
}
