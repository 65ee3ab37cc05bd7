package launch

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// consents remembers the hosts the user allowed Roam to upload its server
// to, in a small JSON file (0600) in Roam's configuration directory.
type consents struct {
	path string
}

type consentFile struct {
	// Upload maps "host:port" to when the user agreed.
	Upload map[string]time.Time `json:"upload"`
}

// consentMu serialises read-modify-write of the file within this process;
// the atomic rename keeps other processes from seeing a partial file.
var consentMu sync.Mutex

func (c consents) read() (consentFile, error) {
	var f consentFile
	b, err := os.ReadFile(c.path)
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return consentFile{}, fmt.Errorf("launch: %s: %w", c.path, err)
	}
	return f, nil
}

func (c consents) allowed(host string) bool {
	consentMu.Lock()
	defer consentMu.Unlock()
	f, err := c.read()
	if err != nil {
		return false
	}
	_, ok := f.Upload[host]
	return ok
}

func (c consents) allow(host string, now time.Time) error {
	consentMu.Lock()
	defer consentMu.Unlock()
	f, err := c.read()
	if err != nil {
		f = consentFile{} // a damaged file is replaced
	}
	if f.Upload == nil {
		f.Upload = map[string]time.Time{}
	}
	f.Upload[host] = now.UTC()
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return fmt.Errorf("launch: saving upload consent: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".consent-*")
	if err != nil {
		return fmt.Errorf("launch: saving upload consent: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("launch: saving upload consent: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("launch: saving upload consent: %w", err)
	}
	// CreateTemp makes the file 0600.
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		return fmt.Errorf("launch: saving upload consent: %w", err)
	}
	return nil
}
