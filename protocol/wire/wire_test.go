package wire

import (
	"bytes"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// message is what every codec in this package provides.
type message interface {
	AppendMarshal(dst []byte) []byte
	Unmarshal(b []byte) error
}

func ptr[T any](v T) *T { return &v }

// goldenCases are the worked vectors of mosh-wire.md §2.6, produced and
// checked against real mosh. With -update the files are rewritten from the
// encoder, so review the diff before keeping it.
var goldenCases = []struct {
	file  string
	value message
	empty func() message
}{
	{
		file: "instruction_client_resize.hex",
		value: &Instruction{ProtocolVersion: 2, NewNum: 1,
			Diff: (&UserMessage{Instructions: []UserInstruction{{Resize: &Resize{Width: 80, Height: 24}}}}).Marshal()},
		empty: func() message { return new(Instruction) },
	},
	{
		file: "instruction_host_echoack_hostbytes.hex",
		value: &Instruction{ProtocolVersion: 2, NewNum: 2, AckNum: 1,
			Diff: (&HostMessage{Instructions: []HostInstruction{{EchoAck: ptr(uint64(1))}, {HostBytes: []byte("hi")}}}).Marshal()},
		empty: func() message { return new(Instruction) },
	},
	{
		file:  "usermessage_resize.hex",
		value: &UserMessage{Instructions: []UserInstruction{{Resize: &Resize{Width: 80, Height: 24}}}},
		empty: func() message { return new(UserMessage) },
	},
	{
		file:  "hostmessage_echoack_hostbytes.hex",
		value: &HostMessage{Instructions: []HostInstruction{{EchoAck: ptr(uint64(1))}, {HostBytes: []byte("hi")}}},
		empty: func() message { return new(HostMessage) },
	},
	// Roam's history extension as the first Roam servers encoded it (no
	// clear): a message without ClearedBefore must keep these bytes.
	{
		file:  "hostmessage_history.hex",
		value: &HostMessage{Instructions: []HostInstruction{{History: &History{First: 7, Lines: [][]byte{{2, 0, 'a'}, {}}}}}},
		empty: func() message { return new(HostMessage) },
	},
	// After ED 3: lines below 300 are gone, line 300 follows.
	{
		file:  "hostmessage_history_cleared.hex",
		value: &HostMessage{Instructions: []HostInstruction{{History: &History{First: 300, Lines: [][]byte{{2, 0, 'b'}}, ClearedBefore: 300}}}},
		empty: func() message { return new(HostMessage) },
	},
	// A line whose cell belongs to link 5, defined beside it.
	{
		file: "hostmessage_history_links.hex",
		value: &HostMessage{Instructions: []HostInstruction{{History: &History{First: 1,
			Lines: [][]byte{{2, 0, 0x06, 0, 0, 0, 5, 'l'}},
			Links: []Link{{ID: 5, Params: "id=x", URI: "https://example.com/"}}}}}},
		empty: func() message { return new(HostMessage) },
	},
	// The application went to the alternate screen: no line, only the
	// flag (field 5, true) after First.
	{
		file:  "hostmessage_history_altscreen.hex",
		value: &HostMessage{Instructions: []HostInstruction{{History: &History{First: 9, AltScreen: ptr(true)}}}},
		empty: func() message { return new(HostMessage) },
	},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			got := tc.value.AppendMarshal(nil)
			if *update {
				if err := os.WriteFile(path, []byte(hex.EncodeToString(got)+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := hex.DecodeString(strings.TrimSpace(string(text)))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("marshal:\n got %x\nwant %x", got, want)
			}
			decoded := tc.empty()
			if err := decoded.Unmarshal(want); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			if !reflect.DeepEqual(decoded, tc.value) {
				t.Errorf("unmarshal:\n got %+v\nwant %+v", decoded, tc.value)
			}
		})
	}
}

func TestAppendMarshalAppends(t *testing.T) {
	prefix := []byte("prefix")
	m := &Instruction{ProtocolVersion: ProtocolVersion}
	got := m.AppendMarshal(append([]byte(nil), prefix...))
	if !bytes.HasPrefix(got, prefix) {
		t.Fatalf("AppendMarshal lost the prefix: %x", got)
	}
	// All seven fields are present even when zero.
	if want := "08021000180020002800320" + "03a00"; hex.EncodeToString(got[len(prefix):]) != want {
		t.Errorf("zero instruction = %x, want %s", got[len(prefix):], want)
	}
}

func TestInstructionUnmarshal(t *testing.T) {
	tests := []struct {
		name    string
		hex     string
		want    Instruction
		wantErr bool
	}{
		{name: "empty input reads as zero", hex: "", want: Instruction{}},
		{name: "shutdown new_num", hex: "0802" + "18ffffffffffffffffff01",
			want: Instruction{ProtocolVersion: 2, NewNum: Shutdown}},
		{name: "unknown varint field skipped", hex: "0802" + "f80105" + "1003",
			want: Instruction{ProtocolVersion: 2, OldNum: 3}},
		{name: "unknown fixed64 and fixed32 skipped", hex: "410102030405060708" + "4d01020304" + "1807",
			want: Instruction{NewNum: 7}},
		{name: "known number with wrong wire type is skipped", hex: "0a0102" + "0803",
			want: Instruction{ProtocolVersion: 3}},
		{name: "last scalar wins", hex: "1001" + "1002", want: Instruction{OldNum: 2}},
		{name: "empty diff decodes as nil", hex: "3200", want: Instruction{}},
		{name: "diff and chaff", hex: "3202abcd" + "3a01ff", want: Instruction{Diff: []byte{0xab, 0xcd}, Chaff: []byte{0xff}}},
		{name: "truncated varint", hex: "0880", wantErr: true},
		{name: "overlong varint", hex: "08ffffffffffffffffffff01", wantErr: true},
		{name: "length beyond end", hex: "3205ab", wantErr: true},
		{name: "tag without value", hex: "08", wantErr: true},
		{name: "field number zero", hex: "0001", wantErr: true},
		{name: "unterminated group", hex: "0b", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := hex.DecodeString(tc.hex)
			if err != nil {
				t.Fatal(err)
			}
			var got Instruction
			err = got.Unmarshal(b)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("Unmarshal(%s) = %+v, want an error", tc.hex, got)
				}
				if !strings.HasPrefix(err.Error(), "wire: ") {
					t.Errorf("error %q lacks the package prefix", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Unmarshal(%s): %v", tc.hex, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tc.hex, got, tc.want)
			}
		})
	}
}

func TestUnmarshalDoesNotAlias(t *testing.T) {
	b := (&Instruction{Diff: []byte("diff"), Chaff: []byte("c")}).AppendMarshal(nil)
	var m Instruction
	if err := m.Unmarshal(b); err != nil {
		t.Fatal(err)
	}
	for i := range b {
		b[i] = 0
	}
	if string(m.Diff) != "diff" || string(m.Chaff) != "c" {
		t.Errorf("decoded fields changed with the input: %+v", m)
	}
}

func TestUserMessageUnmarshal(t *testing.T) {
	tests := []struct {
		name    string
		hex     string
		want    UserMessage
		wantErr bool
	}{
		{name: "keystroke", hex: "0a05" + "1203" + "2201" + "61",
			want: UserMessage{Instructions: []UserInstruction{{Keys: []byte("a")}}}},
		{name: "keystroke without keys is present and empty", hex: "0a02" + "1200",
			want: UserMessage{Instructions: []UserInstruction{{Keys: []byte{}}}}},
		{name: "negative width round-trips as int32", hex: "0a0f" + "1a0d" + "28ffffffffffffffffff01" + "3001",
			want: UserMessage{Instructions: []UserInstruction{{Resize: &Resize{Width: -1, Height: 1}}}}},
		{name: "unknown extension leaves an empty instruction", hex: "0a04" + "5a024001",
			want: UserMessage{Instructions: []UserInstruction{{}}}},
		{name: "repeated resize merges field by field", hex: "0a08" + "1a022850" + "1a023018",
			want: UserMessage{Instructions: []UserInstruction{{Resize: &Resize{Width: 80, Height: 24}}}}},
		// Roam's hello extension, field 21069: features = 1.
		{name: "roam hello", hex: "0a06" + "eaa40a02" + "0801",
			want: UserMessage{Instructions: []UserInstruction{{Hello: &Hello{Features: FeatureHistory}}}}},
		{name: "unknown top-level field skipped", hex: "1001" + "0a00",
			want: UserMessage{Instructions: []UserInstruction{{}}}},
		{name: "malformed nested message", hex: "0a02" + "1201", wantErr: true},
		{name: "malformed keystroke body", hex: "0a03" + "120122", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := hex.DecodeString(tc.hex)
			var got UserMessage
			err := got.Unmarshal(b)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, wantErr %v", tc.hex, err, tc.wantErr)
			}
			if !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tc.hex, got, tc.want)
			}
		})
	}
}

func TestHostMessageUnmarshal(t *testing.T) {
	tests := []struct {
		name    string
		hex     string
		want    HostMessage
		wantErr bool
	}{
		{name: "resize", hex: "0a06" + "1a0428503018",
			want: HostMessage{Instructions: []HostInstruction{{Resize: &Resize{Width: 80, Height: 24}}}}},
		{name: "echo ack without number reads zero", hex: "0a02" + "3a00",
			want: HostMessage{Instructions: []HostInstruction{{EchoAck: ptr(uint64(0))}}}},
		{name: "empty hostbytes", hex: "0a02" + "1200",
			want: HostMessage{Instructions: []HostInstruction{{HostBytes: []byte{}}}}},
		{name: "empty instruction kept", hex: "0a00",
			want: HostMessage{Instructions: []HostInstruction{{}}}},
		// Roam's history extension, field 21069: first = 7, lines "a", "".
		{name: "roam history", hex: "0a0b" + "eaa40a07" + "0807" + "120161" + "1200",
			want: HostMessage{Instructions: []HostInstruction{{History: &History{First: 7, Lines: [][]byte{[]byte("a"), {}}}}}}},
		// cleared_before = 300 (field 3), no lines.
		{name: "roam history cleared", hex: "0a0a" + "eaa40a06" + "0880" + "02" + "18ac02",
			want: HostMessage{Instructions: []HostInstruction{{History: &History{First: 256, ClearedBefore: 300}}}}},
		// A field the decoder does not know yet (4) is skipped, as an
		// older Roam client skips cleared_before.
		{name: "roam history unknown field", hex: "0a08" + "eaa40a04" + "0801" + "2063",
			want: HostMessage{Instructions: []HostInstruction{{History: &History{First: 1}}}}},
		// link {id 3, uri "u"}, with an unknown field 9 skipped.
		{name: "roam history link", hex: "0a0f" + "eaa40a0b" + "0800" + "2207" + "0803" + "1a0175" + "4801",
			want: HostMessage{Instructions: []HostInstruction{{History: &History{Links: []Link{{ID: 3, URI: "u"}}}}}}},
		{name: "malformed link", hex: "0a09" + "eaa40a05" + "0800" + "2201" + "08", wantErr: true},
		// alt_screen = false (field 5) is present, not absent: it says
		// the application left the alternate screen.
		{name: "roam history primary screen", hex: "0a08" + "eaa40a04" + "0803" + "2800",
			want: HostMessage{Instructions: []HostInstruction{{History: &History{First: 3, AltScreen: ptr(false)}}}}},
		{name: "truncated", hex: "0a05" + "1203", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := hex.DecodeString(tc.hex)
			var got HostMessage
			err := got.Unmarshal(b)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, wantErr %v", tc.hex, err, tc.wantErr)
			}
			if !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tc.hex, got, tc.want)
			}
		})
	}
}

func TestMessageRoundTrip(t *testing.T) {
	um := &UserMessage{Instructions: []UserInstruction{
		{Keys: []byte("ls -l\r")}, {Resize: &Resize{Width: 132, Height: 50}}, {Keys: []byte{0x1b, 'O', 'A'}},
		{Hello: &Hello{Features: FeatureHistory}},
	}}
	var gotUM UserMessage
	if err := gotUM.Unmarshal(um.Marshal()); err != nil || !reflect.DeepEqual(&gotUM, um) {
		t.Errorf("UserMessage round trip = %+v, %v; want %+v", gotUM, err, um)
	}
	hm := &HostMessage{Instructions: []HostInstruction{
		{EchoAck: ptr(uint64(1) << 40)}, {Resize: &Resize{Width: 80, Height: 24}}, {HostBytes: []byte("\x1b[H\x1b[2J")},
		{History: &History{First: 1 << 33, Lines: [][]byte{{10, 0, 'x'}, {3, 1}}}},
		{History: &History{First: 1 << 34, ClearedBefore: 1 << 34}},
		{History: &History{First: 2, Lines: [][]byte{{1, 0}}, Links: []Link{{ID: 1, URI: "u"}, {ID: 65535, Params: "p", URI: "v"}}}},
		{History: &History{First: 3, AltScreen: ptr(true)}}, {History: &History{First: 3, Lines: [][]byte{{1, 0}}, AltScreen: ptr(false)}},
	}}
	var gotHM HostMessage
	if err := gotHM.Unmarshal(hm.Marshal()); err != nil || !reflect.DeepEqual(&gotHM, hm) {
		t.Errorf("HostMessage round trip = %+v, %v; want %+v", gotHM, err, hm)
	}
}
