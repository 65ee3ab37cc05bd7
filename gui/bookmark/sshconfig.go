package bookmark

import (
	"fmt"
	"io"
	"strings"

	"github.com/kevinburke/ssh_config"
)

// FromSSHConfig makes one bookmark per concrete host of an ssh_config
// file: every name on a Host line that is not a pattern ("*", "?") or a
// negation ("!"). Match blocks are left out, as are the files an Include
// names. Each bookmark refers to its host by SSHAlias, so ssh_config
// keeps deciding the address, user, port, keys and proxies.
func FromSSHConfig(r io.Reader) ([]*Bookmark, error) {
	cfg, err := ssh_config.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("bookmark: ssh_config: %w", err)
	}
	var out []*Bookmark
	seen := make(map[string]bool)
	for _, h := range cfg.Hosts {
		if isMatchBlock(h) {
			continue
		}
		for _, p := range h.Patterns {
			alias := p.String()
			if seen[alias] || strings.ContainsAny(alias, "*?!") {
				continue
			}
			seen[alias] = true
			b := &Bookmark{Name: alias, SSHAlias: alias}
			// A name ssh itself would take for an option is no host.
			if b.Validate() == nil {
				out = append(out, b)
			}
		}
	}
	return out, nil
}

// isMatchBlock reports whether h came from a Match line; the parser
// exposes that only through the text it writes back.
func isMatchBlock(h *ssh_config.Host) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(h.String()), "\n")
	word, _, _ := strings.Cut(first, " ")
	return strings.EqualFold(word, "Match")
}
