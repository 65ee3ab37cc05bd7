package settings

import (
	"reflect"
	"testing"
)

// FuzzParse checks that no settings file makes the decoder panic, and
// that whatever it returns is valid: checking it again changes nothing.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"theme":"dark","font_size":12.5,"palette":"solarized"}`,
		`{"palette":"custom","custom_palette":{"ansi":["#000000"],"cursor":"#fff"}}`,
		`{"custom_palette":{"ansi":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}}`,
		`{"custom_palette":null,"font_family":"\u0000"}`, `[]`, `null`, `{"theme":`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, _ := parse("fuzz.json", data)
		if err := s.Validate(); err != nil {
			t.Fatalf("parse returned invalid settings %+v: %v", s, err)
		}
		again, _ := s.check()
		if !reflect.DeepEqual(again, s) {
			t.Fatalf("checking parsed settings changed them: %+v to %+v", s, again)
		}
	})
}
