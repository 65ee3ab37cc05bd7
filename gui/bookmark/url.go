package bookmark

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// ParseURL reads an ssh://[user@]host[:port] URL (as a browser or the
// desktop hands to an ssh: handler) into a bookmark. The connection
// parameters some clients append to the user (";fingerprint=…") are
// dropped; a path is refused, since an ssh URL names a host.
func ParseURL(s string) (*Bookmark, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("bookmark: %w", err)
	}
	if !strings.EqualFold(u.Scheme, "ssh") || u.Opaque != "" {
		return nil, fmt.Errorf("bookmark: %q is not an ssh://[user@]host[:port] URL", s)
	}
	if u.Path != "" && u.Path != "/" {
		return nil, fmt.Errorf("bookmark: %q: an ssh URL names a host, not the path %q", s, u.Path)
	}
	b := &Bookmark{Host: u.Hostname()}
	if u.User != nil {
		b.User, _, _ = strings.Cut(u.User.Username(), ";")
	}
	if p := u.Port(); p != "" {
		if b.Port, err = strconv.Atoi(p); err != nil || b.Port < 1 || b.Port > 65535 {
			return nil, fmt.Errorf("bookmark: %q: port %q is not 1 to 65535", s, p)
		}
	}
	if err := b.Validate(); err != nil {
		return nil, fmt.Errorf("bookmark: %q: %w", s, err)
	}
	return b, nil
}

// IsURL reports whether arg is an ssh URL rather than a file name.
func IsURL(arg string) bool {
	return len(arg) >= 6 && strings.EqualFold(arg[:6], "ssh://")
}

// URL is b as an ssh://[user@]host[:port] URL, the form ParseURL reads;
// for an ssh_config alias it is ssh://alias.
func (b *Bookmark) URL() string {
	host := b.Host
	if b.SSHAlias != "" {
		host = b.SSHAlias
	}
	switch {
	case b.Port != 0:
		host = net.JoinHostPort(host, strconv.Itoa(b.Port))
	case strings.Contains(host, ":"):
		host = "[" + host + "]"
	}
	u := url.URL{Scheme: "ssh", Host: host}
	if b.User != "" {
		u.User = url.User(b.User)
	}
	return u.String()
}

// Resolve reads what the command line or the desktop hands the app: an
// ssh URL or the path of a bookmark file.
func Resolve(arg string) (*Bookmark, error) {
	if IsURL(arg) {
		return ParseURL(arg)
	}
	return LoadFile(arg)
}
