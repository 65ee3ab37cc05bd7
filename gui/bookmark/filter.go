package bookmark

import "strings"

// Filter returns the entries that match query, in their order: every
// blank-separated word of the query must occur, ignoring case, in the
// entry's title, destination, host or notes. An empty query matches all.
func Filter(entries []Entry, query string) []Entry {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return entries
	}
	var out []Entry
	for _, e := range entries {
		text := strings.ToLower(searchText(e))
		match := true
		for _, w := range words {
			if !strings.Contains(text, w) {
				match = false
				break
			}
		}
		if match {
			out = append(out, e)
		}
	}
	return out
}

func searchText(e Entry) string {
	if e.Bookmark == nil {
		return e.ID
	}
	b := e.Bookmark
	return strings.Join([]string{e.ID, b.Name, b.Destination(), b.Host, b.Notes}, "\n")
}
