package workload

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// cacheVersion names the generator's output in cache file names; bump it
// whenever Generate's output changes, so stale files are not used.
const cacheVersion = 2

// DefaultDir returns the cache directory for workloads: bench-data/ in the
// root of the module that holds the working directory. bench-data/ is not
// committed (Load puts a .gitignore in it).
func DefaultDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("workload: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "bench-data"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("workload: no go.mod above the working directory")
		}
		dir = parent
	}
}

// FileName is the name of the cache file for kind and size.
func FileName(kind Kind, size int) string {
	return fmt.Sprintf("%s-%d-v%d.vt", kind, size, cacheVersion)
}

// Load returns the workload of the given kind and size from the cache
// directory dir, generating and storing it first if it is not there.
func Load(dir string, kind Kind, size int) ([]byte, error) {
	name := filepath.Join(dir, FileName(kind, size))
	if data, err := os.ReadFile(name); err == nil && len(data) >= size {
		return data, nil
	}
	var buf bytes.Buffer
	buf.Grow(size + 4<<10)
	if err := Generate(kind, size, &buf); err != nil {
		return nil, err
	}
	if err := store(dir, name, buf.Bytes()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// store writes data to name atomically, creating dir (with a .gitignore
// that keeps it out of version control) if needed.
func store(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("workload: %w", err)
	}
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(ignore); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(ignore, []byte("# Generated benchmark data (vt/internal/workload).\n*\n"), 0o644); err != nil {
			return fmt.Errorf("workload: %w", err)
		}
	}
	tmp, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(name))
	if err != nil {
		return fmt.Errorf("workload: %w", err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("workload: %w", err)
	}
	return nil
}
