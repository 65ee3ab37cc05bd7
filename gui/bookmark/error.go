package bookmark

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Error is a bookmark file that cannot be used: it does not parse, or a
// field has a wrong type or value. It reads
//
//	bookmark: ~/x.roam:3: field "port": must be 1 to 65535, not 70000
type Error struct {
	File  string // the file's path; "" for a bookmark not read from a file
	Line  int    // 1-based; 0 if not known
	Field string // the TOML key, dotted for nested keys; "" if none
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("bookmark: ")
	if e.File != "" {
		b.WriteString(tildePath(e.File))
		if e.Line > 0 {
			b.WriteString(":" + strconv.Itoa(e.Line))
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		b.WriteString("line " + strconv.Itoa(e.Line) + ": ")
	}
	if e.Field != "" {
		b.WriteString("field " + strconv.Quote(e.Field) + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrSecretField is the cause of an *Error for a field named like a
// password, passphrase, key or token.
var ErrSecretField = errors.New("bookmarks never hold passwords, passphrases or keys; use ssh-agent or IdentityFile in ~/.ssh/config")

// ErrNewerFormat is the cause of an *Error for a file written in a newer
// format than FormatVersion.
var ErrNewerFormat = errors.New("written by a newer Roam")

// tildePath shortens a path under the home directory to "~/…", as users
// know their files.
func tildePath(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return path
	}
	rel, err := filepath.Rel(home, path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
		return path
	}
	return "~" + string(filepath.Separator) + rel
}
