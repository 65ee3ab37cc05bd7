package bookmark

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// MaxRecent is how many recent connections the store remembers.
const MaxRecent = 10

// recentFile holds the recent connections beside the bookmarks; its
// extension keeps it out of List.
const recentFile = "recent.json"

// Recent is one connection the user made.
type Recent struct {
	// Title is what the launcher shows.
	Title string `json:"title"`
	// Target is what Resolve opens again: a bookmark file's path or an
	// ssh URL.
	Target string    `json:"target"`
	Time   time.Time `json:"time"`
}

// Recent lists the recent connections, newest first. A missing or
// unreadable list is empty: it is a convenience, not data to fail over.
func (s *Store) Recent() []Recent {
	f, err := os.Open(filepath.Join(s.dir, recentFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	var list []Recent
	if json.NewDecoder(io.LimitReader(f, 1<<20)).Decode(&list) != nil {
		return nil
	}
	if len(list) > MaxRecent {
		list = list[:MaxRecent]
	}
	return list
}

// AddRecent puts r first in the recent connections, dropping an older
// entry for the same target and the oldest beyond MaxRecent.
func (s *Store) AddRecent(r Recent) error {
	if r.Target == "" {
		return errors.New("bookmark: a recent connection needs a target")
	}
	list := []Recent{r}
	for _, old := range s.Recent() {
		if old.Target != r.Target && len(list) < MaxRecent {
			list = append(list, old)
		}
	}
	data, err := json.MarshalIndent(list, "", "\t")
	if err != nil {
		return fmt.Errorf("bookmark: %w", err)
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("bookmark: %w", err)
	}
	return writeFileAtomic(filepath.Join(s.dir, recentFile), data, 0o600)
}
