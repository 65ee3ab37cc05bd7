package bookmark

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Store is a directory of bookmark files, one "<id>.roam" per bookmark.
// Files are written atomically, 0600, in a 0700 directory.
type Store struct {
	dir string
}

// DefaultDir is where the app keeps bookmarks: roam/bookmarks in the
// user's config directory (~/.config on Linux, ~/Library/Application
// Support on macOS, %AppData% on Windows).
func DefaultDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("bookmark: %w", err)
	}
	return filepath.Join(dir, "roam", "bookmarks"), nil
}

// NewStore returns the store in dir; the directory is made on the first
// write.
func NewStore(dir string) *Store { return &Store{dir: dir} }

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// Path is the file of the bookmark id.
func (s *Store) Path(id string) string { return filepath.Join(s.dir, id+Ext) }

// Entry is one file of the store: its bookmark, or the error that keeps
// it from loading.
type Entry struct {
	ID       string
	Path     string
	Bookmark *Bookmark // nil when Err is set
	Err      error
}

// Title is the name to show: the bookmark's, or the file's for a file
// that does not load.
func (e Entry) Title() string {
	if e.Bookmark == nil {
		return e.ID
	}
	return e.Bookmark.Title()
}

// Summary is the second line to show: the destination, or the error.
func (e Entry) Summary() string {
	if e.Err != nil {
		return e.Err.Error()
	}
	return e.Bookmark.Summary()
}

// List reads every bookmark of the store, sorted by title. A file that
// does not load is listed with its error, so the user can see and fix it.
// A store whose directory does not exist yet is empty.
func (s *Store) List() ([]Entry, error) {
	names, err := os.ReadDir(s.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("bookmark: %w", err)
	}
	var entries []Entry
	for _, n := range names {
		id, ok := strings.CutSuffix(n.Name(), Ext)
		if !ok || n.IsDir() || checkID(id) != nil {
			continue
		}
		e := Entry{ID: id, Path: s.Path(id)}
		e.Bookmark, e.Err = LoadFile(e.Path)
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b Entry) int {
		if c := strings.Compare(strings.ToLower(a.Title()), strings.ToLower(b.Title())); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return entries, nil
}

// Load reads the bookmark id.
func (s *Store) Load(id string) (*Bookmark, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	return LoadFile(s.Path(id))
}

// Save writes b as the bookmark id, replacing it atomically.
func (s *Store) Save(id string, b *Bookmark) error {
	if err := checkID(id); err != nil {
		return err
	}
	data, err := Marshal(b)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("bookmark: %w", err)
	}
	return writeFileAtomic(s.Path(id), data, 0o600)
}

// Create saves b under a new id made from its title and returns the id.
func (s *Store) Create(b *Bookmark) (string, error) {
	id := s.freeID(slug(b.Title()))
	return id, s.Save(id, b)
}

// Duplicate saves a copy of the bookmark id named "<name> (copy)" and
// returns the copy's id.
func (s *Store) Duplicate(id string) (string, error) {
	b, err := s.Load(id)
	if err != nil {
		return "", err
	}
	c := b.Clone()
	c.Name = b.Title() + " (copy)"
	return s.Create(c)
}

// Delete removes the bookmark id.
func (s *Store) Delete(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := os.Remove(s.Path(id)); err != nil {
		return fmt.Errorf("bookmark: %w", err)
	}
	return nil
}

// Rename gives the bookmark id a new name, moves it to a file named after
// it and returns its new id. The new file is written before the old one
// goes, so a crash leaves two copies rather than none.
func (s *Store) Rename(id, name string) (string, error) {
	b, err := s.Load(id)
	if err != nil {
		return "", err
	}
	b.Name = name
	newID := slug(b.Title())
	if newID != id {
		newID = s.freeID(newID)
	}
	if err := s.Save(newID, b); err != nil {
		return "", err
	}
	if newID != id {
		if err := s.Delete(id); err != nil {
			return "", err
		}
	}
	return newID, nil
}

// Export copies the bookmark id to dest as it is on disk, comments and
// all, for sharing.
func (s *Store) Export(id, dest string) error {
	if _, err := s.Load(id); err != nil {
		return err
	}
	data, err := os.ReadFile(s.Path(id))
	if err != nil {
		return fmt.Errorf("bookmark: %w", err)
	}
	return writeFileAtomic(dest, data, 0o644)
}

// Import adds the bookmark file at path (one opened from elsewhere) to the
// store and returns its id.
func (s *Store) Import(path string) (string, error) {
	b, err := LoadFile(path)
	if err != nil {
		return "", err
	}
	return s.Create(b)
}

// ImportSSHConfig adds a bookmark for each concrete host of the
// ssh_config file at path (see FromSSHConfig) that the store has no
// bookmark for yet, and returns the new ids.
func (s *Store) ImportSSHConfig(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bookmark: %w", err)
	}
	defer f.Close()
	found, err := FromSSHConfig(io.LimitReader(f, 4<<20))
	if err != nil {
		return nil, err
	}
	entries, err := s.List()
	if err != nil {
		return nil, err
	}
	have := make(map[string]bool)
	for _, e := range entries {
		if e.Bookmark != nil && e.Bookmark.SSHAlias != "" {
			have[e.Bookmark.SSHAlias] = true
		}
	}
	var ids []string
	for _, b := range found {
		if have[b.SSHAlias] {
			continue
		}
		id, err := s.Create(b)
		if err != nil {
			return ids, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// freeID returns base, or base-2, base-3, … whichever names no file yet.
func (s *Store) freeID(base string) string {
	id := base
	for n := 2; ; n++ {
		if _, err := os.Lstat(s.Path(id)); errors.Is(err, os.ErrNotExist) {
			return id
		}
		id = base + "-" + strconv.Itoa(n)
	}
}

// ErrBadID is the cause of an error for an id that is not a plain file
// name (and so could reach outside the store).
var ErrBadID = errors.New("bookmark: not a bookmark id")

func checkID(id string) error {
	if id == "" || strings.HasPrefix(id, ".") || strings.ContainsAny(id, `/\:`) || strings.ContainsRune(id, 0) {
		return fmt.Errorf("%w: %q", ErrBadID, id)
	}
	return nil
}

// slug makes a file name from a title: letters and digits kept, runs of
// anything else turned into one "-".
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range title {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	id := b.String()
	switch {
	case id == "":
		return "bookmark"
	case windowsReserved[strings.ToUpper(id)]:
		// Windows refuses these as file names whatever the extension.
		return id + "-bookmark"
	}
	return id
}

var windowsReserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true,
	"COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true,
	"LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
}
