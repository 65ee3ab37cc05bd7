package cli

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	def := func(mod func(*Config)) Config {
		c := Config{PortLow: DefaultPortLow, PortHigh: DefaultPortHigh, HistoryLines: DefaultHistoryLines}
		if mod != nil {
			mod(&c)
		}
		return c
	}
	usage := strings.TrimSuffix(Usage("roam-server"), "\n")
	tests := []struct {
		name     string
		args     []string
		sshConn  string
		history  string // $ROAM_HISTORY_LINES
		want     Config
		warnings []string
		errMsg   string // non-empty: a *UsageError with this message
		usageErr bool   // a *UsageError with an empty message
	}{
		{name: "legacy no args", args: nil, want: def(nil)},
		{name: "legacy ip", args: []string{"10.0.0.1"}, want: def(func(c *Config) { c.IP = "10.0.0.1" })},
		{name: "legacy ip port", args: []string{"10.0.0.1", "60100"},
			want: def(func(c *Config) { c.IP, c.PortLow, c.PortHigh = "10.0.0.1", 60100, 60100 })},
		{name: "legacy too many", args: []string{"a", "b", "c"}, usageErr: true},
		{name: "new bare", args: []string{"new"}, want: def(nil)},
		{name: "port zero", args: []string{"new", "-p", "0"},
			want: def(func(c *Config) { c.PortLow, c.PortHigh = 0, 0 })},
		{name: "port attached", args: []string{"new", "-p60005"},
			want: def(func(c *Config) { c.PortLow, c.PortHigh = 60005, 60005 })},
		{name: "port range", args: []string{"new", "-p", "60100:60200"},
			want: def(func(c *Config) { c.PortLow, c.PortHigh = 60100, 60200 })},
		{name: "range low zero", args: []string{"new", "-p", "0:10"}, errMsg: "roam-server: Bad UDP port range (0:10)"},
		{name: "range reversed", args: []string{"new", "-p", "20:10"}, errMsg: "roam-server: Bad UDP port range (20:10)"},
		{name: "port too big", args: []string{"new", "-p", "65536"}, errMsg: "roam-server: Bad UDP port range (65536)"},
		{name: "port not a number", args: []string{"new", "-p", "ssh"}, errMsg: "roam-server: Bad UDP port range (ssh)"},
		{name: "range high missing", args: []string{"new", "-p", "100:"}, errMsg: "roam-server: Bad UDP port range (100:)"},
		{name: "legacy bad port", args: []string{"1.2.3.4", "x"}, errMsg: "roam-server: Bad UDP port range (x)"},
		{name: "colors 256", args: []string{"new", "-c", "256"}, want: def(func(c *Config) { c.Colors = 256 })},
		{name: "colors attached", args: []string{"new", "-c8"}, want: def(func(c *Config) { c.Colors = 8 })},
		{name: "colors bad", args: []string{"new", "-c", "many"}, errMsg: "roam-server: Bad number of colors (many)"},
		{name: "verbose twice clustered", args: []string{"new", "-vv"}, want: def(func(c *Config) { c.Verbose = 2 })},
		{name: "cluster with arg", args: []string{"new", "-vp", "0"},
			want: def(func(c *Config) { c.Verbose, c.PortLow, c.PortHigh = 1, 0, 0 })},
		{name: "ip", args: []string{"new", "-i", "127.0.0.1"}, want: def(func(c *Config) { c.IP = "127.0.0.1" })},
		{name: "locale vars", args: []string{"new", "-l", "LANG=C.UTF-8", "-l", "LC_ALL=x"},
			want: def(func(c *Config) { c.LocaleVars = []string{"LANG=C.UTF-8", "LC_ALL=x"} })},
		{name: "at swallows new", args: []string{"new", "-v", "-@", "new", "-c", "256"},
			want: def(func(c *Config) { c.Verbose, c.Colors = 1, 256 })},
		{name: "ssh connection", args: []string{"new", "-s"}, sshConn: "10.1.1.1 5555 10.2.2.2 22",
			want: def(func(c *Config) { c.IP = "10.2.2.2" })},
		{name: "ssh connection v4-mapped", args: []string{"new", "-s"}, sshConn: "::ffff:10.1.1.1 5555 ::FFFF:10.2.2.2 22",
			want: def(func(c *Config) { c.IP = "10.2.2.2" })},
		{name: "ssh connection v6", args: []string{"new", "-s"}, sshConn: "fe80::1 5555 fe80::2 22",
			want: def(func(c *Config) { c.IP = "fe80::2" })},
		{name: "ssh connection missing", args: []string{"new", "-s"},
			want: def(nil), warnings: []string{"Warning: SSH_CONNECTION not found; binding to any interface."}},
		{name: "ssh connection short", args: []string{"new", "-s"}, sshConn: "1.1.1.1 22",
			want: def(nil), warnings: []string{"Warning: Could not parse SSH_CONNECTION; binding to any interface."}},
		{name: "-s overrides -i", args: []string{"new", "-i", "1.2.3.4", "-s"}, sshConn: "a b 5.6.7.8 d",
			want: def(func(c *Config) { c.IP = "5.6.7.8" })},
		{name: "unknown option not fatal", args: []string{"new", "-x", "-c", "256"},
			want:     def(func(c *Config) { c.Colors = 256 }),
			warnings: []string{"roam-server: invalid option -- 'x'", usage}},
		{name: "missing argument not fatal", args: []string{"new", "-v", "-p"},
			want:     def(func(c *Config) { c.Verbose = 1 }),
			warnings: []string{"roam-server: option requires an argument -- 'p'", usage}},
		{name: "non-options skipped", args: []string{"new", "junk", "-v"}, want: def(func(c *Config) { c.Verbose = 1 })},
		{name: "command", args: []string{"new", "-c", "256", "--", "vim", "-O", "a b"},
			want: def(func(c *Config) { c.Colors, c.Command = 256, []string{"vim", "-O", "a b"} })},
		{name: "empty command", args: []string{"new", "--"}, want: def(nil)},
		{name: "options after -- are the command", args: []string{"new", "--", "-p", "x"},
			want: def(func(c *Config) { c.Command = []string{"-p", "x"} })},
		{name: "help anywhere", args: []string{"new", "-p", "bad:port", "--help"}, want: Config{Action: Help, PortLow: DefaultPortLow, PortHigh: DefaultPortHigh, HistoryLines: DefaultHistoryLines}},
		{name: "short help", args: []string{"-h"}, want: Config{Action: Help, PortLow: DefaultPortLow, PortHigh: DefaultPortHigh, HistoryLines: DefaultHistoryLines}},
		{name: "version", args: []string{"new", "--version"}, want: Config{Action: Version, PortLow: DefaultPortLow, PortHigh: DefaultPortHigh, HistoryLines: DefaultHistoryLines}},
		{name: "history lines", args: []string{"new", "--history-lines", "60000"},
			want: def(func(c *Config) { c.HistoryLines = 60000 })},
		{name: "history lines attached", args: []string{"new", "--history-lines=0", "-v"},
			want: def(func(c *Config) { c.HistoryLines, c.Verbose = 0, 1 })},
		{name: "history lines from environment", args: []string{"new"}, history: "500",
			want: def(func(c *Config) { c.HistoryLines = 500 })},
		{name: "history flag beats environment", args: []string{"new", "--history-lines", "7"}, history: "500",
			want: def(func(c *Config) { c.HistoryLines = 7 })},
		{name: "history lines bad", args: []string{"new", "--history-lines", "-1"},
			errMsg: "roam-server: Bad number of history lines (-1)"},
		{name: "history lines missing", args: []string{"new", "--history-lines"},
			errMsg: "roam-server: option '--history-lines' requires an argument"},
		{name: "history environment bad", args: []string{"new"}, history: "lots",
			errMsg: "roam-server: Bad ROAM_HISTORY_LINES (lots)"},
		{name: "help after -- is the command", args: []string{"new", "--", "cmd", "--help"},
			want: def(func(c *Config) { c.Command = []string{"cmd", "--help"} })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string {
				switch k {
				case "SSH_CONNECTION":
					return tt.sshConn
				case "ROAM_HISTORY_LINES":
					return tt.history
				}
				return ""
			}
			got, warnings, err := Parse(append([]string{"roam-server"}, tt.args...), getenv)
			if tt.errMsg != "" || tt.usageErr {
				var ue *UsageError
				if !errors.As(err, &ue) || ue.Msg != tt.errMsg {
					t.Fatalf("err = %v, want UsageError %q", err, tt.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("config\n got %+v\nwant %+v", got, tt.want)
			}
			if !reflect.DeepEqual(warnings, tt.warnings) {
				t.Errorf("warnings\n got %q\nwant %q", warnings, tt.warnings)
			}
		})
	}
}

func TestParsePortRange(t *testing.T) {
	tests := []struct {
		in        string
		low, high int
		ok        bool
	}{
		{"0", 0, 0, true},
		{"60001", 60001, 60001, true},
		{"65535", 65535, 65535, true},
		{"1:1", 1, 1, true},
		{"60000:61000", 60000, 61000, true},
		{"", 0, 0, false},
		{"-1", 0, 0, false},
		{"65536", 0, 0, false},
		{"0:0", 0, 0, false},
		{"2:1", 0, 0, false},
		{":5", 0, 0, false},
		{"5:", 0, 0, false},
		{"1:2:3", 0, 0, false},
		{"12a", 0, 0, false},
		{"000000001", 1, 1, true},
		{"99999999999999999999", 0, 0, false},
	}
	for _, tt := range tests {
		low, high, ok := ParsePortRange(tt.in)
		if low != tt.low || high != tt.high || ok != tt.ok {
			t.Errorf("ParsePortRange(%q) = %d, %d, %v; want %d, %d, %v", tt.in, low, high, ok, tt.low, tt.high, tt.ok)
		}
	}
}
