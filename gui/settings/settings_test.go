package settings

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestLoadMissing(t *testing.T) {
	s, err := Load(filepath.Join(t.TempDir(), "none.json"))
	if err != nil || s != Default() {
		t.Fatalf("Load(missing) = %+v, %v; want defaults", s, err)
	}
}

func TestSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roam", "settings.json")
	want := Settings{Theme: ThemeLight, Palette: PaletteXterm, FontSize: 18, Prediction: PredictNever,
		CursorShape: CursorBar, CursorSteady: true, CopyOnSelect: true, OSC52: ClipboardDeny}
	if err := want.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil || got != want {
		t.Fatalf("Load = %+v, %v; want %+v", got, err, want)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestLoadInvalid(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, data string
		wantErr    bool
		want       Settings
	}{
		{"garbage", "{not json", true, Default()},
		{"unknown values", `{"theme":"purple","font_size":500,"osc52":"always","prediction":"never"}`, false,
			func() Settings { d := Default(); d.Prediction = PredictNever; return d }()},
		{"empty object", `{}`, false, Default()},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, tt.name+".json")
		os.WriteFile(p, []byte(tt.data), 0o600)
		got, err := Load(p)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("%s: Load = %+v, %v; want %+v (error %v)", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}
