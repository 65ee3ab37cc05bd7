package datagram

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

type datagramVector struct {
	Name                 string
	Key                  string
	Dir                  Direction
	Seq                  uint64
	Timestamp            uint16
	TimestampReply       uint16 `json:"timestamp_reply"`
	Payload, Instruction string
	Datagram             string
}

func loadDatagramVectors(t testing.TB) []datagramVector {
	var vectors []datagramVector
	loadJSON(t, "datagrams.json", &vectors)
	if len(vectors) != 2 {
		t.Fatalf("got %d datagram vectors, want 2", len(vectors))
	}
	return vectors
}

func newSession(t testing.TB, printable string) *Session {
	t.Helper()
	k, err := ParseKey(printable)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestWorkedDatagrams reproduces the two worked datagrams of mosh-wire.md
// §2.6 byte for byte, and opens them back.
func TestWorkedDatagrams(t *testing.T) {
	for _, v := range loadDatagramVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			s := newSession(t, v.Key)
			want := Packet{Seq: v.Seq, Dir: v.Dir, Timestamp: v.Timestamp, TimestampReply: v.TimestampReply, Payload: mustHex(t, v.Payload)}
			wire := mustHex(t, v.Datagram)
			if got := s.SealPacket(nil, &want); !bytes.Equal(got, wire) {
				t.Fatalf("SealPacket =\n%x\nwant\n%x", got, wire)
			}
			got, err := s.OpenPacket(wire)
			if err != nil {
				t.Fatal(err)
			}
			if got.Seq != want.Seq || got.Dir != want.Dir || got.Timestamp != want.Timestamp ||
				got.TimestampReply != want.TimestampReply || !bytes.Equal(got.Payload, want.Payload) {
				t.Fatalf("OpenPacket = %+v, want %+v", got, want)
			}
			// The fragment (10-byte header, then zlib) holds the
			// documented Instruction; zlib bytes are not canonical, so
			// compare after decompression.
			r, err := zlib.NewReader(bytes.NewReader(got.Payload[10:]))
			if err != nil {
				t.Fatal(err)
			}
			inst, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(inst, mustHex(t, v.Instruction)) {
				t.Fatalf("instruction = %x, %v; want %s", inst, err, v.Instruction)
			}
		})
	}
}

func TestFirstNonceBytes(t *testing.T) {
	s := newSession(t, "AAAAAAAAAAAAAAAAAAAAAA")
	tests := []struct {
		dir  Direction
		seq  uint64
		want string
	}{
		{ToServer, 0, "0000000000000000"},
		{ToClient, 0, "8000000000000000"},
		{ToServer, MaxSeq, "7fffffffffffffff"},
		{ToClient, MaxSeq, "ffffffffffffffff"},
		{ToClient, 0x0102030405060708, "8102030405060708"},
	}
	for _, tt := range tests {
		d := s.Seal(nil, tt.dir, tt.seq, []byte{0, 0, 0, 0})
		if got := d[:NonceTailSize]; !bytes.Equal(got, mustHex(t, tt.want)) {
			t.Errorf("%v seq %d: nonce tail %x, want %s", tt.dir, tt.seq, got, tt.want)
		}
		dir, seq, _, err := s.Open(nil, d)
		if err != nil || dir != tt.dir || seq != tt.seq {
			t.Errorf("Open = %v, %d, %v; want %v, %d", dir, seq, err, tt.dir, tt.seq)
		}
	}
}

func TestSealPanicsPastMaxSeq(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Seal with seq > MaxSeq did not panic")
		}
	}()
	newSession(t, "AAAAAAAAAAAAAAAAAAAAAA").Seal(nil, ToServer, MaxSeq+1, nil)
}

func TestOpenRejects(t *testing.T) {
	s := newSession(t, "AAAAAAAAAAAAAAAAAAAAAA")
	other := newSession(t, "AAAAAAAAAAAAAAAAAAAAAQ")
	good := s.Seal(nil, ToServer, 7, []byte("tstrpayload"))
	flipped := bytes.Clone(good)
	flipped[len(flipped)-1] ^= 1
	seqChanged := bytes.Clone(good)
	seqChanged[7] ^= 1
	dirChanged := bytes.Clone(good)
	dirChanged[0] ^= 0x80
	// Largest acceptable datagram: MaxSize bytes.
	maxPlain := make([]byte, MaxSize-MinSize)
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"nil", nil, ErrShort},
		{"one byte", []byte{0}, ErrShort},
		{"23 bytes", make([]byte, 23), ErrShort},
		{"24 zero bytes", make([]byte, 24), ErrAuth},
		{"oversize", make([]byte, MaxSize+1), ErrOversize},
		{"max size authentic", s.Seal(nil, ToClient, 1, maxPlain), nil},
		{"max size plus one", s.Seal(nil, ToClient, 1, append(maxPlain, 0)), ErrOversize},
		{"truncated", good[:len(good)-1], ErrAuth},
		{"tag bit flipped", flipped, ErrAuth},
		{"sequence changed", seqChanged, ErrAuth},
		{"direction changed", dirChanged, ErrAuth},
		{"wrong key", other.Seal(nil, ToServer, 7, []byte("tstrpayload")), ErrAuth},
		{"empty plaintext", s.Seal(nil, ToServer, 8, nil), ErrNoTimestamps},
		{"3-byte plaintext", s.Seal(nil, ToServer, 9, []byte{1, 2, 3}), ErrNoTimestamps},
		{"4-byte plaintext", s.Seal(nil, ToServer, 10, []byte{1, 2, 3, 4}), nil},
		{"authentic", good, nil},
	}
	for _, tt := range tests {
		_, _, pt, err := s.Open(nil, tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: Open error = %v, want %v", tt.name, err, tt.want)
		}
		if err != nil && pt != nil {
			t.Errorf("%s: Open returned plaintext with an error", tt.name)
		}
	}
}

// TestOpenAppendsToDst checks the append contract of Open.
func TestOpenAppendsToDst(t *testing.T) {
	s := newSession(t, "AAAAAAAAAAAAAAAAAAAAAA")
	d := s.Seal([]byte("prefix"), ToClient, 3, []byte("\x00\x01\x00\x02hello"))
	_, _, pt, err := s.Open([]byte("dst:"), d[len("prefix"):])
	if err != nil || string(pt) != "dst:\x00\x01\x00\x02hello" {
		t.Fatalf("Open = %q, %v", pt, err)
	}
}

// TestNonceIncrement is mosh's nonce-incr test: 4,000,000 datagrams in
// each direction get 8,000,000 distinct nonces. Tails grow strictly within
// a direction and the direction bit separates the two, which proves it
// without storing them all.
func TestNonceIncrement(t *testing.T) {
	const n = 4_000_000
	for _, dir := range []Direction{ToServer, ToClient} {
		var prev uint64
		for seq := range uint64(n) {
			tail := nonceTail(dir, seq)
			if seq > 0 && tail <= prev {
				t.Fatalf("%v: tail %x after %x", dir, tail, prev)
			}
			if (tail&directionBit != 0) != (dir == ToClient) || tail&^directionBit != seq {
				t.Fatalf("%v seq %d: tail %x", dir, seq, tail)
			}
			prev = tail
		}
	}
}

// TestEncryptDecryptSessions is mosh's encrypt-decrypt test: 64 sessions of
// 256 messages with sequential nonces from a random start; about one in 16
// times a random blob must be rejected, without breaking the session.
func TestEncryptDecryptSessions(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 64 {
		var k Key
		binary.LittleEndian.PutUint64(k[:], rng.Uint64())
		binary.LittleEndian.PutUint64(k[8:], rng.Uint64())
		sender, _ := NewSession(k)
		receiver, _ := NewSession(k)
		dir := Direction(rng.IntN(2))
		seq := rng.Uint64N(MaxSeq - 256)
		for range 256 {
			if rng.IntN(16) == 0 {
				blob := make([]byte, rng.IntN(MaxSize+64))
				for i := range blob {
					blob[i] = byte(rng.Uint32())
				}
				if _, _, _, err := receiver.Open(nil, blob); err == nil {
					t.Fatalf("random blob of %d bytes accepted", len(blob))
				}
			}
			text := make([]byte, TimestampsSize+rng.IntN(MaxSize-MinSize-TimestampsSize+1))
			for i := range text {
				text[i] = byte(rng.Uint32())
			}
			d := sender.Seal(nil, dir, seq, text)
			gotDir, gotSeq, got, err := receiver.Open(nil, d)
			if err != nil || gotDir != dir || gotSeq != seq || !bytes.Equal(got, text) {
				t.Fatalf("seq %d: Open = %v, %d, %d bytes, %v", seq, gotDir, gotSeq, len(got), err)
			}
			seq++
		}
	}
}

func TestTimestamp16(t *testing.T) {
	tests := []struct {
		ms   int64
		want uint16
	}{
		{0, 0},
		{1, 1},
		{65534, 65534},
		{65535, 0}, // reserved for "none"
		{65536, 0},
		{65537, 1},
		{3*65536 + 65535, 0},
		{1_000_000, uint16(1_000_000 % 65536)},
		{-1, 0}, // mod 2^16 is 65535, reserved
		{-2, 65534},
	}
	for _, tt := range tests {
		if got := Timestamp16(tt.ms); got != tt.want {
			t.Errorf("Timestamp16(%d) = %d, want %d", tt.ms, got, tt.want)
		}
	}
}

func TestPacketRoundTrip(t *testing.T) {
	s := newSession(t, "qqqqqqqqqqqqqqqqqqqqqg")
	for _, p := range []Packet{
		{Seq: 0, Dir: ToServer, Timestamp: 0, TimestampReply: NoTimestamp, Payload: nil},
		{Seq: 42, Dir: ToClient, Timestamp: 65534, TimestampReply: 1, Payload: []byte("fragment")},
	} {
		got, err := s.OpenPacket(s.SealPacket(nil, &p))
		if err != nil || got.Seq != p.Seq || got.Dir != p.Dir || got.Timestamp != p.Timestamp ||
			got.TimestampReply != p.TimestampReply || !bytes.Equal(got.Payload, p.Payload) {
			t.Errorf("round trip of %+v = %+v, %v", p, got, err)
		}
	}
}

func BenchmarkSealOpen(b *testing.B) {
	s := newSession(b, "AAAAAAAAAAAAAAAAAAAAAA")
	text := make([]byte, 1252-Overhead+TimestampsSize)
	buf := make([]byte, 0, MaxSize)
	out := make([]byte, 0, MaxSize)
	b.SetBytes(int64(len(text)))
	for i := range b.N {
		d := s.Seal(buf[:0], ToServer, uint64(i), text)
		if _, _, _, err := s.Open(out[:0], d); err != nil {
			b.Fatal(err)
		}
	}
}
