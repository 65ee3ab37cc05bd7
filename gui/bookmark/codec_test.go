package bookmark

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	first, err := LoadFile("testdata/full.roam")
	if err != nil {
		t.Fatal(err)
	}
	want := Bookmark{
		Name: "Build box", Host: "build.example.com", User: "ci", Port: 2222,
		Command:    []string{"tmux", "new", "-A", "-s", "main"},
		ServerPath: "~/bin/mosh-server", PreferBundledServer: true,
		UDPPort: "60001:60010", Predict: PredictExperimental,
		Font: "DejaVu Sans Mono", FontSize: 13.5, Theme: "dark", Palette: "solarized",
		Notes: "Reboots on Sundays.\nAsk Kim before upgrading.",
	}
	got := *first
	got.extra = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("loaded\n%+v\nwant\n%+v", got, want)
	}
	if u, w := first.UnknownFields(), []string{"added", "colors", "forward", "future_flag", "keepalive_seconds", "tags"}; !slices.Equal(u, w) {
		t.Errorf("unknown fields %q, want %q", u, w)
	}

	path := filepath.Join(t.TempDir(), "x.roam")
	data, err := Marshal(first)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	second, err := LoadFile(path)
	if err != nil {
		t.Fatalf("reloading what Marshal wrote: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("round trip changed the bookmark:\n%+v\n%+v\nfile:\n%s", first, second, data)
	}
	again, err := Marshal(second)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Errorf("Marshal is not stable:\n%s\n---\n%s", data, again)
	}
	for _, s := range []string{"version = 1\n", "future_flag = true\n", "[colors]\n", "[[forward]]\n"} {
		if !strings.Contains(string(data), s) {
			t.Errorf("saved file lacks %q:\n%s", s, data)
		}
	}
	if !strings.HasPrefix(string(data), "version = 1\nname = ") {
		t.Errorf("saved file does not start with version and name:\n%s", data)
	}
}

func TestMinimalFile(t *testing.T) {
	// A hand-written file may leave out the version.
	b, err := Parse("min.roam", []byte(`host = "example.org"`))
	if err != nil {
		t.Fatal(err)
	}
	if b.Title() != "example.org" || b.Summary() != "example.org" {
		t.Errorf("Title %q, Summary %q", b.Title(), b.Summary())
	}
	data, err := Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := "version = 1\nhost = \"example.org\"\n"; string(data) != want {
		t.Errorf("Marshal = %q, want %q", data, want)
	}
}

func TestBrokenFiles(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the whole message after "bookmark: x.roam"
		is        error
	}{
		{"port range", "version = 1\nhost = \"h\"\nport = 70000\n",
			`:3: field "port": must be 1 to 65535, not 70000`, nil},
		{"port type", "host = \"h\"\n\nport = \"22\"\n",
			`:3: field "port": must be an integer, not a string`, nil},
		{"syntax", "version = 1\nhost = \"unterminated\n",
			`:2: field "host": strings cannot contain newlines`, nil},
		{"duplicate key", "host = \"a\"\nhost = \"b\"\n",
			`:2: field "host": Key 'host' has already been defined.`, nil},
		{"password", "host = \"h\"\npassword = \"hunter2\"\n",
			`:2: field "password": ` + ErrSecretField.Error(), ErrSecretField},
		{"nested key", "host = \"h\"\n[auth]\nssh_key = \"AAAA\"\n",
			`:3: field "auth.ssh_key": ` + ErrSecretField.Error(), ErrSecretField},
		{"passphrase", "host = \"h\"\nidentity-passphrase = \"x\"\n",
			`:2: field "identity-passphrase": ` + ErrSecretField.Error(), ErrSecretField},
		{"predict", "host = \"h\"\npredict = \"sometimes\"\n",
			`:2: field "predict": must be adaptive, always, never or experimental, not "sometimes"`, nil},
		{"udp range backwards", "host = \"h\"\nudp_port = \"60010:60001\"\n",
			`:2: field "udp_port": "60010:60001": the range ends before it starts`, nil},
		{"udp garbage", "host = \"h\"\nudp_port = \"any\"\n",
			`:2: field "udp_port": "any": "any" is not a port number 1 to 65535 (want PORT or LOW:HIGH)`, nil},
		{"no host", "version = 1\nname = \"x\"\n",
			`: field "host": a bookmark needs a host (or an ssh_alias from ~/.ssh/config)`, nil},
		{"host and alias", "host = \"h\"\nssh_alias = \"a\"\n",
			`:2: field "ssh_alias": set either ssh_alias or host, not both`, nil},
		{"option as host", "host = \"-oProxyCommand=touch /tmp/x\"\n",
			`:1: field "host": "-oProxyCommand=touch /tmp/x" must not start with '-'`, nil},
		{"login in host", "host = \"me@h\"\n",
			`:1: field "host": "me@h" holds a login; put it in user`, nil},
		{"command as string", "host = \"h\"\ncommand = \"htop -d 5\"\n",
			`:2: field "command": must be a list of words, e.g. ["htop", "-d", "5"]`, nil},
		{"command element", "host = \"h\"\ncommand = [\"ls\", 3]\n",
			`:2: field "command": element 2 must be a string, not an integer`, nil},
		{"newer format", "version = 2\nhost = \"h\"\n",
			`:1: field "version": written by a newer Roam (format 2; this Roam reads format 1)`, ErrNewerFormat},
		{"font size", "host = \"h\"\nfont_size = 1000\n",
			`:2: field "font_size": must be 4 to 200 points, not 1000`, nil},
		{"theme", "host = \"h\"\ntheme = \"solarized-dark\"\n",
			`:2: field "theme": must be system, dark or light, not "solarized-dark"`, nil},
		{"palette", "host = \"h\"\npalette = \"x\\u001b[2J\"\n",
			`:2: field "palette": holds a control character`, nil},
		{"bool", "host = \"h\"\n\"prefer_bundled_server\" = \"yes\"\n",
			`:2: field "prefer_bundled_server": must be true or false, not a string`, nil},
		{"key in multi-line string", "host = \"h\"\nnotes = \"\"\"\nport = 1\n\"\"\"\nport = -1\n",
			`:5: field "port": must be 1 to 65535, not -1`, nil},
		{"too big", "host = \"h\"\nnotes = \"" + strings.Repeat("x", MaxFileSize) + "\"\n",
			`: file is larger than 65536 bytes`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.roam", []byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse = %v, want an *Error", err)
			}
			if got, want := err.Error(), "bookmark: x.roam"+tt.want; got != want {
				t.Errorf("error\n%s\nwant\n%s", got, want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error does not wrap %v", tt.is)
			}
		})
	}
}

func TestErrorShowsHomeAsTilde(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	path := filepath.Join(home, "x.roam")
	if err := os.WriteFile(path, []byte("host = \"h\"\nport = 0x10000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(path)
	want := "bookmark: ~" + string(filepath.Separator) + `x.roam:2: field "port": must be 1 to 65535, not 65536`
	if err == nil || err.Error() != want {
		t.Errorf("LoadFile = %v, want %s", err, want)
	}
}

func TestMarshalValidates(t *testing.T) {
	if _, err := Marshal(&Bookmark{Host: "h", Port: 65536}); err == nil {
		t.Error("Marshal wrote a bookmark with port 65536")
	}
}
