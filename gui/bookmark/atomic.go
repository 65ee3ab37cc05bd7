package bookmark

import (
	"fmt"
	"os"
	"path/filepath"
)

// tempSuffix ends the name of a file being written. It is not Ext, so a
// file left behind by a crash is never listed as a bookmark.
const tempSuffix = ".tmp"

// writeFileAtomic replaces path with data so that a crash at any point
// leaves either the old file or the new one, never a mix: the data goes
// to a temporary file in the same directory, is flushed to disk, and is
// then renamed over path.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, filepath.Base(path), data, perm)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("bookmark: %w", err)
	}
	// The rename itself is durable only once the directory is flushed.
	// Windows cannot open a directory for that; there NTFS's journal has
	// to do.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// writeTemp writes data to a new, synced file in dir whose name starts
// with "."+base and returns its path.
func writeTemp(dir, base string, data []byte, perm os.FileMode) (string, error) {
	f, err := os.CreateTemp(dir, "."+base+".*"+tempSuffix)
	if err != nil {
		return "", fmt.Errorf("bookmark: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("bookmark: %w", err)
	}
	return f.Name(), nil
}
