package bookmark

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Validate checks b's fields; the error is an *Error naming the first bad
// field (its File and Line are left for the caller that knows them).
func (b *Bookmark) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &Error{Field: field, Err: fmt.Errorf(format, args...)}
	}
	switch {
	case b.Host == "" && b.SSHAlias == "":
		return bad("host", "a bookmark needs a host (or an ssh_alias from ~/.ssh/config)")
	case b.Host != "" && b.SSHAlias != "":
		return bad("ssh_alias", "set either ssh_alias or host, not both")
	}
	for _, f := range []struct{ field, value string }{
		{"host", b.Host}, {"user", b.User}, {"ssh_alias", b.SSHAlias},
	} {
		if err := checkSSHWord(f.value); err != nil {
			return bad(f.field, "%v", err)
		}
	}
	if strings.Contains(b.Host, "@") {
		return bad("host", "%q holds a login; put it in user", b.Host)
	}
	if b.Port < 0 || b.Port > 65535 {
		return bad("port", "must be 1 to 65535, not %d", b.Port)
	}
	if b.UDPPort != "" {
		if err := checkPortRange(b.UDPPort); err != nil {
			return bad("udp_port", "%v", err)
		}
	}
	switch b.Predict {
	case "", PredictAdaptive, PredictAlways, PredictNever, PredictExperimental:
	default:
		return bad("predict", "must be adaptive, always, never or experimental, not %q", string(b.Predict))
	}
	switch b.Theme {
	case "", ThemeSystem, ThemeDark, ThemeLight:
	default:
		return bad("theme", "must be system, dark or light, not %q", b.Theme)
	}
	if b.FontSize != 0 && !(b.FontSize >= 4 && b.FontSize <= 200) {
		return bad("font_size", "must be 4 to 200 points, not %v", b.FontSize)
	}
	for i, w := range b.Command {
		if strings.ContainsRune(w, 0) {
			return bad("command", "word %d holds a NUL byte", i+1)
		}
	}
	for _, f := range []struct{ field, value string }{
		{"name", b.Name}, {"server_path", b.ServerPath}, {"font", b.Font}, {"palette", b.Palette},
	} {
		if strings.IndexFunc(f.value, unicode.IsControl) >= 0 {
			return bad(f.field, "holds a control character")
		}
	}
	if strings.ContainsRune(b.Notes, 0) {
		return bad("notes", "holds a NUL byte")
	}
	return nil
}

// checkSSHWord refuses what would change the meaning of an ssh command
// line: a leading "-" (an option: "-oProxyCommand=…"), blanks and control
// characters.
func checkSSHWord(s string) error {
	switch {
	case strings.HasPrefix(s, "-"):
		return fmt.Errorf("%q must not start with '-'", s)
	case strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return fmt.Errorf("%q must not contain blanks or control characters", s)
	}
	return nil
}

// checkPortRange accepts "PORT" or "LOW:HIGH", as mosh's --port.
func checkPortRange(s string) error {
	lowText, highText, isRange := strings.Cut(s, ":")
	low, err := parsePort(lowText)
	if err != nil {
		return fmt.Errorf("%q: %v (want PORT or LOW:HIGH)", s, err)
	}
	if !isRange {
		return nil
	}
	high, err := parsePort(highText)
	if err != nil {
		return fmt.Errorf("%q: %v (want PORT or LOW:HIGH)", s, err)
	}
	if high < low {
		return fmt.Errorf("%q: the range ends before it starts", s)
	}
	return nil
}

func parsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("%q is not a port number 1 to 65535", s)
	}
	return n, nil
}
