package settings

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestLoadMissing(t *testing.T) {
	s, err := Load(filepath.Join(t.TempDir(), "none.json"))
	if err != nil || !reflect.DeepEqual(s, Default()) {
		t.Fatalf("Load(missing) = %+v, %v; want defaults", s, err)
	}
}

// testColors is a custom palette with every colour different.
func testColors() *Colors {
	c := &Colors{Foreground: Color{1, 2, 3}, Background: Color{0xfe, 0xdc, 0xba}, Cursor: Color{0xff, 0, 0}, Selection: Color{0, 0x80, 0xff}}
	for i := range c.ANSI {
		c.ANSI[i] = Color{uint8(i), uint8(16 * i), 0xaa}
	}
	return c
}

func TestSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roam", "settings.json")
	want := Settings{Theme: ThemeLight, Palette: PaletteCustom, CustomPalette: testColors(),
		FontFamily: "DejaVu Sans Mono", FontSize: 18, Prediction: PredictNever,
		CursorShape: CursorBar, CursorSteady: true, CopyOnSelect: true, OSC52: ClipboardDeny}
	if err := want.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Load = %+v, %v; want %+v", got, err, want)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"background": "#fedcba"`) {
		t.Errorf("colours not written as #rrggbb:\n%s", data)
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
		}
		di, err := os.Stat(filepath.Dir(path))
		if err != nil {
			t.Fatal(err)
		}
		if di.Mode().Perm() != 0o700 {
			t.Errorf("directory mode %v, want 0700", di.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestLoadMalformed(t *testing.T) {
	dir := t.TempDir()
	with := func(f func(*Settings)) Settings { s := Default(); f(&s); return s }
	goodPalette := `"custom_palette": {"ansi": ["#000000","#000001","#000002","#000003","#000004","#000005","#000006","#000007",
		"#000008","#000009","#00000a","#00000b","#00000c","#00000d","#00000e","#00000f"],
		"foreground": "#FFFFFF", "background": "#000000", "cursor": "#ff0000", "selection": "#333333"}`
	tests := []struct {
		name, data string
		// wantKeys are the keys the error names, in order; nil for no error.
		wantKeys []string
		want     Settings
	}{
		{"garbage", "{not json", nil, Default()},
		{"not an object", `[1, 2]`, nil, Default()},
		{"empty object", `{}`, nil, Default()},
		{"unknown keys ignored", `{"future": 1, "theme": "dark"}`, nil, with(func(s *Settings) { s.Theme = ThemeDark })},
		{"unknown values", `{"theme":"purple","font_size":500,"osc52":"always","prediction":"never"}`,
			[]string{"theme", "osc52", "font_size"}, with(func(s *Settings) { s.Prediction = PredictNever })},
		{"wrong types", `{"font_size":"big","copy_on_select":"yes","cursor_shape":"bar"}`,
			[]string{"font_size", "copy_on_select"}, with(func(s *Settings) { s.CursorShape = CursorBar })},
		{"good custom palette", `{"palette": "custom", ` + goodPalette + `}`, nil, with(func(s *Settings) {
			s.Palette = PaletteCustom
			s.CustomPalette = &Colors{Foreground: Color{0xff, 0xff, 0xff}, Cursor: Color{0xff, 0, 0}, Selection: Color{0x33, 0x33, 0x33}}
			for i := range s.CustomPalette.ANSI {
				s.CustomPalette.ANSI[i] = Color{0, 0, uint8(i)}
			}
		})},
		{"malformed colour", `{"palette": "custom", "font_family": "X Mono", ` + strings.Replace(goodPalette, `"#000003"`, `"#00003"`, 1) + `}`,
			[]string{"custom_palette.ansi[3]", "palette"}, with(func(s *Settings) { s.FontFamily = "X Mono" })},
		{"colour not a string", `{"custom_palette": {"cursor": 12}}`, []string{"custom_palette.cursor"}, Default()},
		{"too few colours", `{"custom_palette": {"ansi": ["#000000"]}}`, []string{"custom_palette.ansi"}, Default()},
		{"palette not an object", `{"custom_palette": "solarized"}`, []string{"custom_palette"}, Default()},
		{"custom without colours", `{"palette": "custom"}`, []string{"palette"}, Default()},
		{"control character", `{"font_family": "Mono\u0007"}`, []string{"font_family"}, Default()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name+".json")
			if err := os.WriteFile(p, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := Load(p)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Load = %+v; want %+v", got, tt.want)
			}
			if err == nil {
				if tt.wantKeys != nil {
					t.Fatalf("no error; want one naming %q", tt.wantKeys)
				}
				return
			}
			if !strings.HasPrefix(err.Error(), "settings: "+p) {
				t.Errorf("error %q does not name the file", err)
			}
			var keys []string
			if joined, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range joined.Unwrap() {
					var ke *KeyError
					if !errors.As(e, &ke) {
						t.Fatalf("%v is not a *KeyError", e)
					}
					keys = append(keys, ke.Key)
				}
			}
			if !reflect.DeepEqual(keys, tt.wantKeys) {
				t.Errorf("error %q names keys %q, want %q", err, keys, tt.wantKeys)
			}
		})
	}
}

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want Color
		ok   bool
	}{
		{"#000000", Color{}, true},
		{"#A0b1C2", Color{0xa0, 0xb1, 0xc2}, true},
		{" #ffffff ", Color{0xff, 0xff, 0xff}, true},
		{"ffffff", Color{}, false},
		{"#fff", Color{}, false},
		{"#gggggg", Color{}, false},
		{"#1234567", Color{}, false},
		{"", Color{}, false},
	}
	for _, tt := range tests {
		got, err := ParseColor(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseColor(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
		if err == nil && got.String() != strings.ToLower(strings.TrimSpace(tt.in)) {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
}

// Files written before palettes had names said "xterm" for Roam's own
// palette; they must keep their look, not switch to xterm's classic one.
func TestLoadLegacyPalette(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	if err := os.WriteFile(path, []byte(`{"theme": "dark", "palette": "xterm", "font_size": 14}`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil || s.Palette != PaletteDefault {
		t.Fatalf("Load = palette %q, %v; want %q", s.Palette, err, PaletteDefault)
	}
}
