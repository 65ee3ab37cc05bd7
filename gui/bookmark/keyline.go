package bookmark

import (
	"bytes"
	"strings"
)

// keyLine finds the 1-based line where key (dotted for a nested key) is
// set in src, or 0. The TOML decoder reports lines only for syntax
// errors, so type and value errors look the key up here. It is a plain
// line scan that skips multi-line strings; it understands what people
// write in a bookmark, not every corner of TOML.
func keyLine(src []byte, key string) int {
	if key == "" {
		return 0
	}
	table, name := "", key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		table, name = key[:i], key[i+1:]
	}
	fallback := 0
	current := ""
	inMultiline := ""
	for i, line := range bytes.Split(src, []byte("\n")) {
		text := strings.TrimSpace(string(line))
		if inMultiline != "" {
			if strings.Count(text, inMultiline)%2 == 1 {
				inMultiline = ""
			}
			continue
		}
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Count(text, delim)%2 == 1 {
				inMultiline = delim
			}
		}
		if strings.HasPrefix(text, "[") {
			current = unquoteKey(strings.Trim(text, "[] \t"))
			continue
		}
		k, _, ok := strings.Cut(text, "=")
		if !ok {
			continue
		}
		k = unquoteKey(strings.TrimSpace(k))
		switch {
		case current == table && k == name, current == "" && k == key:
			return i + 1
		case fallback == 0 && (k == name || strings.HasSuffix(k, "."+name)):
			fallback = i + 1
		}
	}
	return fallback
}

func unquoteKey(k string) string {
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		return k[1 : len(k)-1]
	}
	return k
}
