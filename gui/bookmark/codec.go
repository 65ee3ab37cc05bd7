package bookmark

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// MaxFileSize bounds what Parse reads: a bookmark is a few hundred bytes,
// and a huge file is a mistake (or a trap) that must not eat memory.
const MaxFileSize = 64 << 10

// LoadFile reads and validates the bookmark file at path.
func LoadFile(path string) (*Bookmark, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bookmark: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Error{File: path, Err: err}
	}
	return Parse(path, data)
}

// Parse reads and validates a bookmark. file names it in errors and may be
// empty.
func Parse(file string, data []byte) (*Bookmark, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{File: file, Err: fmt.Errorf("file is larger than %d bytes", MaxFileSize)}
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: file, Line: pe.Position.Line, Field: pe.LastKey, Err: errors.New(pe.Message)}
		}
		return nil, &Error{File: file, Err: err}
	}
	d := &decoder{file: file, src: data, raw: raw}
	d.checkSecrets(raw, "")
	b := d.bookmark()
	if d.err != nil {
		return nil, d.err
	}
	return b, nil
}

// Marshal encodes b as a bookmark file, known fields first in a fixed
// order, then the unknown ones it was read with.
func Marshal(b *Bookmark) ([]byte, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.Indent = ""
	if err := enc.Encode(fileFields{
		Version:             FormatVersion,
		Name:                b.Name,
		Host:                b.Host,
		User:                b.User,
		Port:                b.Port,
		SSHAlias:            b.SSHAlias,
		Command:             b.Command,
		ServerPath:          b.ServerPath,
		PreferBundledServer: b.PreferBundledServer,
		UDPPort:             b.UDPPort,
		Predict:             string(b.Predict),
		Font:                b.Font,
		FontSize:            b.FontSize,
		Theme:               b.Theme,
		Palette:             b.Palette,
		Notes:               b.Notes,
	}); err != nil {
		return nil, fmt.Errorf("bookmark: %w", err)
	}
	// The known fields are all plain values, so the unknown ones (which
	// the encoder writes values first, tables last) follow them at top
	// level.
	if len(b.extra) > 0 {
		if err := enc.Encode(b.extra); err != nil {
			return nil, fmt.Errorf("bookmark: %w", err)
		}
	}
	return buf.Bytes(), nil
}

// fileFields is the known part of a bookmark file, in the order written.
type fileFields struct {
	Version             int      `toml:"version"`
	Name                string   `toml:"name,omitempty"`
	Host                string   `toml:"host,omitempty"`
	User                string   `toml:"user,omitempty"`
	Port                int      `toml:"port,omitzero"`
	SSHAlias            string   `toml:"ssh_alias,omitempty"`
	Command             []string `toml:"command,omitempty"`
	ServerPath          string   `toml:"server_path,omitempty"`
	PreferBundledServer bool     `toml:"prefer_bundled_server,omitempty"`
	UDPPort             string   `toml:"udp_port,omitempty"`
	Predict             string   `toml:"predict,omitempty"`
	Font                string   `toml:"font,omitempty"`
	FontSize            float64  `toml:"font_size,omitzero"`
	Theme               string   `toml:"theme,omitempty"`
	Palette             string   `toml:"palette,omitempty"`
	Notes               string   `toml:"notes,omitempty"`
}

// knownKeys are fileFields' keys: everything else at top level is kept as
// an unknown field.
var knownKeys = map[string]bool{
	"version": true, "name": true, "host": true, "user": true, "port": true,
	"ssh_alias": true, "command": true, "server_path": true,
	"prefer_bundled_server": true, "udp_port": true, "predict": true,
	"font": true, "font_size": true, "theme": true, "palette": true, "notes": true,
}

// decoder turns the generic TOML table into a Bookmark, keeping the first
// error with the line of the key it is about.
type decoder struct {
	file string
	src  []byte
	raw  map[string]any
	err  *Error
}

func (d *decoder) fail(key string, format string, args ...any) {
	if d.err == nil {
		d.err = &Error{File: d.file, Line: keyLine(d.src, key), Field: key, Err: fmt.Errorf(format, args...)}
	}
}

func (d *decoder) bookmark() *Bookmark {
	if v, ok := d.raw["version"]; ok {
		n, ok := v.(int64)
		switch {
		case !ok:
			d.fail("version", "must be an integer, not %s", typeName(v))
		case n > FormatVersion:
			d.err = &Error{File: d.file, Line: keyLine(d.src, "version"), Field: "version",
				Err: fmt.Errorf("%w (format %d; this Roam reads format %d)", ErrNewerFormat, n, FormatVersion)}
		case n < 1:
			d.fail("version", "must be %d, not %d", FormatVersion, n)
		}
	}
	b := &Bookmark{
		Name:                d.string("name"),
		Host:                d.string("host"),
		User:                d.string("user"),
		Port:                d.int("port"),
		SSHAlias:            d.string("ssh_alias"),
		Command:             d.words("command"),
		ServerPath:          d.string("server_path"),
		PreferBundledServer: d.bool("prefer_bundled_server"),
		UDPPort:             d.udpPort("udp_port"),
		Predict:             Predict(d.string("predict")),
		Font:                d.string("font"),
		FontSize:            d.float("font_size"),
		Theme:               d.string("theme"),
		Palette:             d.string("palette"),
		Notes:               d.string("notes"),
	}
	for k, v := range d.raw {
		if !knownKeys[k] {
			if b.extra == nil {
				b.extra = make(map[string]any)
			}
			b.extra[k] = v
		}
	}
	if d.err != nil {
		return nil
	}
	if err := b.Validate(); err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File, e.Line = d.file, keyLine(d.src, e.Field)
		}
		d.err = e
	}
	return b
}

func (d *decoder) string(key string) string {
	v, ok := d.raw[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.fail(key, "must be a string, not %s", typeName(v))
	}
	return s
}

func (d *decoder) int(key string) int {
	v, ok := d.raw[key]
	if !ok {
		return 0
	}
	n, ok := v.(int64)
	if !ok {
		d.fail(key, "must be an integer, not %s", typeName(v))
		return 0
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		d.fail(key, "%d is out of range", n)
		return 0
	}
	return int(n)
}

func (d *decoder) float(key string) float64 {
	switch v := d.raw[key].(type) {
	case nil:
		return 0
	case int64:
		return float64(v)
	case float64:
		return v
	default:
		d.fail(key, "must be a number, not %s", typeName(v))
		return 0
	}
}

func (d *decoder) bool(key string) bool {
	v, ok := d.raw[key]
	if !ok {
		return false
	}
	t, ok := v.(bool)
	if !ok {
		d.fail(key, "must be true or false, not %s", typeName(v))
	}
	return t
}

// words reads a list of strings. A lone string is refused rather than
// split: how to split it is exactly what the user should decide.
func (d *decoder) words(key string) []string {
	v, ok := d.raw[key]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		if s, isString := v.(string); isString {
			d.fail(key, "must be a list of words, e.g. %s", tomlList(strings.Fields(s)))
		} else {
			d.fail(key, "must be a list of strings, not %s", typeName(v))
		}
		return nil
	}
	words := make([]string, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			d.fail(key, "element %d must be a string, not %s", i+1, typeName(e))
			return nil
		}
		words[i] = s
	}
	return words
}

// udpPort reads "PORT" or "LOW:HIGH"; a bare integer is accepted too, as
// users write one port.
func (d *decoder) udpPort(key string) string {
	if n, ok := d.raw[key].(int64); ok {
		return strconv.FormatInt(n, 10)
	}
	return d.string(key)
}

// checkSecrets refuses any key, at any depth, named like a secret.
func (d *decoder) checkSecrets(table map[string]any, prefix string) {
	for k, v := range table {
		name := prefix + k
		if isSecretName(k) {
			if d.err == nil {
				d.err = &Error{File: d.file, Line: keyLine(d.src, name), Field: name, Err: ErrSecretField}
			}
			return
		}
		switch v := v.(type) {
		case map[string]any:
			d.checkSecrets(v, name+".")
		case []map[string]any:
			for _, t := range v {
				d.checkSecrets(t, name+".")
			}
		}
	}
}

// secretWords are the words of a key name that mark it as a secret:
// "password", "ssh_key", "identity-passphrase", "api_token".
var secretWords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "passphrase": true,
	"key": true, "privatekey": true, "secret": true, "token": true,
}

func isSecretName(key string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(key), func(r rune) bool {
		return r == '_' || r == '-' || r == '.' || r == ' '
	}) {
		if secretWords[w] {
			return true
		}
	}
	return false
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any, []map[string]any:
		return "a table"
	}
	return "a date or time"
}

func tomlList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(w)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
