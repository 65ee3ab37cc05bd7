package launch

import "strings"

// shellQuote quotes s for a POSIX shell the way mosh.pl does: inside single
// quotes, with each ' written as '\”. The result is also read correctly by
// csh and fish, as long as s has no newline or "\\".
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellJoin quotes every word and joins them with spaces.
func shellJoin(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = shellQuote(w)
	}
	return strings.Join(quoted, " ")
}
