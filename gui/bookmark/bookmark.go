package bookmark

import (
	"maps"
	"slices"
	"strconv"

	"github.com/roamterm/roam/server/launch"
)

// FormatVersion is the bookmark format this package reads and writes.
const FormatVersion = 1

// Ext is a bookmark file's extension.
const Ext = ".roam"

// MIMEType is the media type of a bookmark file, as registered with the
// desktop (packaging/linux/roam-mime.xml).
const MIMEType = "application/x-roam-bookmark"

// Predict is the local echo mode, as mosh's --predict.
type Predict string

// The prediction modes; the empty Predict leaves the app's default.
const (
	PredictAdaptive     Predict = "adaptive"
	PredictAlways       Predict = "always"
	PredictNever        Predict = "never"
	PredictExperimental Predict = "experimental"
)

// Themes a bookmark may ask for; the empty Theme leaves the app's.
const (
	ThemeSystem = "system"
	ThemeDark   = "dark"
	ThemeLight  = "light"
)

// Bookmark is one saved connection. Either Host (with optional User and
// Port) or SSHAlias names the machine; the zero value of every other
// field means "the app's default".
type Bookmark struct {
	// Name is what the launcher shows; empty shows the destination.
	Name string
	// Host is the SSH host name or address.
	Host string
	// User is the remote login; empty lets ssh_config or the local user
	// name decide.
	User string
	// Port is the SSH port; 0 means 22 or ssh_config's Port.
	Port int
	// SSHAlias is a Host entry of ~/.ssh/config, used instead of Host.
	SSHAlias string
	// Command is run instead of the login shell, one word per element.
	Command []string
	// ServerPath is the server command on the remote host, as mosh's
	// --server.
	ServerPath string
	// PreferBundledServer uses Roam's own server (cached or uploaded)
	// even where mosh-server is installed.
	PreferBundledServer bool
	// UDPPort is the server's UDP port or range, "PORT" or "LOW:HIGH".
	UDPPort string
	// Predict is the local echo mode.
	Predict Predict
	// Font (a font family), FontSize, Theme (ThemeDark, ThemeLight or
	// ThemeSystem) and Palette (a palette name, as the app's settings
	// name them) override the app's appearance in this connection's
	// window.
	Font     string
	FontSize float64
	Theme    string
	Palette  string
	// Notes is free text for the user.
	Notes string

	// extra holds the top-level keys this version does not know, written
	// back unchanged on save.
	extra map[string]any
}

// Title is the name shown for b: its Name, or else its destination.
func (b *Bookmark) Title() string {
	if b.Name != "" {
		return b.Name
	}
	return b.Destination()
}

// Destination is the SSH destination as typed on a command line:
// the alias, or "user@host", or "host".
func (b *Bookmark) Destination() string {
	if b.SSHAlias != "" {
		return b.SSHAlias
	}
	if b.User != "" {
		return b.User + "@" + b.Host
	}
	return b.Host
}

// Summary is a one-line description for a list: the destination and a
// port other than the default.
func (b *Bookmark) Summary() string {
	s := b.Destination()
	if b.Port != 0 && b.Port != 22 {
		s += ":" + strconv.Itoa(b.Port)
	}
	return s
}

// Target is the connection b asks for, for launch.Start. The app's
// defaults (colours, locale, prediction) are the caller's to add.
func (b *Bookmark) Target() launch.Target {
	t := launch.Target{
		Host:             b.Destination(),
		Port:             b.Port,
		Command:          slices.Clone(b.Command),
		Server:           b.ServerPath,
		PreferRoamServer: b.PreferBundledServer,
		PortRange:        b.UDPPort,
	}
	if b.SSHAlias != "" {
		// With an alias, User is an override of ssh_config's, not part
		// of the destination.
		t.User = b.User
	}
	return t
}

// Clone returns a deep copy of b, unknown fields included.
func (b *Bookmark) Clone() *Bookmark {
	c := *b
	c.Command = slices.Clone(b.Command)
	c.extra = cloneTable(b.extra)
	return &c
}

// UnknownFields lists the top-level keys b keeps without knowing them,
// sorted.
func (b *Bookmark) UnknownFields() []string {
	return slices.Sorted(maps.Keys(b.extra))
}

func cloneTable(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = cloneValue(v)
	}
	return c
}

func cloneValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return cloneTable(v)
	case []map[string]any:
		c := make([]map[string]any, len(v))
		for i, t := range v {
			c[i] = cloneTable(t)
		}
		return c
	case []any:
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = cloneValue(e)
		}
		return c
	}
	return v
}
