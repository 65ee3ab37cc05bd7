package bundle

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"sync"
)

// dist holds roam-server-<GOOS>-<GOARCH> files (and a README, so the
// pattern matches in a clean clone).
//
//go:embed dist/*
var dist embed.FS

const filePrefix = "roam-server-"

// Platform is a GOOS/GOARCH pair.
type Platform struct {
	GOOS, GOARCH string
}

func (p Platform) String() string { return p.GOOS + "/" + p.GOARCH }

// Server is one roam-server build.
type Server struct {
	Platform Platform
	// Size is the binary's length in bytes and SHA256 its lower-case hex
	// digest; the uploader checks the remote copy against it.
	Size   int64
	SHA256 string

	open func() (io.ReadCloser, error)
}

// Open returns the binary's contents.
func (s Server) Open() (io.ReadCloser, error) {
	if s.open == nil {
		return nil, fmt.Errorf("bundle: no binary for %s", s.Platform)
	}
	return s.open()
}

// FromBytes makes a Server from a binary built elsewhere, for a developer's
// own build or a test.
func FromBytes(p Platform, binary []byte) Server {
	sum := sha256.Sum256(binary)
	return Server{
		Platform: p,
		Size:     int64(len(binary)),
		SHA256:   hex.EncodeToString(sum[:]),
		open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(binary)), nil
		},
	}
}

// NotBundledError is returned by Lookup for a platform this build has no
// server for. Available lists the platforms it does have; it is empty for
// a build made without `make bundle`.
type NotBundledError struct {
	Platform  Platform
	Available []Platform
}

func (e *NotBundledError) Error() string {
	if len(e.Available) == 0 {
		return "bundle: this build of Roam has no bundled roam-server binaries (it was built without `make bundle`)"
	}
	names := make([]string, len(e.Available))
	for i, p := range e.Available {
		names[i] = p.String()
	}
	return fmt.Sprintf("bundle: no bundled roam-server for %s (bundled: %s)", e.Platform, strings.Join(names, ", "))
}

// Platforms lists the platforms this build has a roam-server for, sorted.
func Platforms() []Platform {
	servers := All()
	ps := make([]Platform, len(servers))
	for i, s := range servers {
		ps[i] = s.Platform
	}
	return ps
}

// Lookup returns the bundled server for goos/goarch, or a *NotBundledError.
func Lookup(goos, goarch string) (Server, error) {
	want := Platform{goos, goarch}
	for _, s := range All() {
		if s.Platform == want {
			return s, nil
		}
	}
	return Server{}, &NotBundledError{Platform: want, Available: Platforms()}
}

// All returns every bundled server, sorted by platform. The digests are
// computed on the first call and remembered.
func All() []Server {
	loadOnce.Do(func() { loaded = load(dist, "dist") })
	return loaded
}

var (
	loadOnce sync.Once
	loaded   []Server
)

// load reads the servers in dir of fsys. Embedded files cannot fail to read,
// so a file that does is left out rather than reported.
func load(fsys embed.FS, dir string) []Server {
	entries, _ := fsys.ReadDir(dir)
	var servers []Server
	for _, e := range entries {
		p, ok := parseName(e.Name())
		if !ok || e.IsDir() {
			continue
		}
		name := path.Join(dir, e.Name())
		f, err := fsys.Open(name)
		if err != nil {
			continue
		}
		h := sha256.New()
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			continue
		}
		servers = append(servers, Server{
			Platform: p,
			Size:     n,
			SHA256:   hex.EncodeToString(h.Sum(nil)),
			open:     func() (io.ReadCloser, error) { return fsys.Open(name) },
		})
	}
	sort.Slice(servers, func(i, j int) bool {
		return servers[i].Platform.String() < servers[j].Platform.String()
	})
	return servers
}

// parseName reads the platform from "roam-server-<GOOS>-<GOARCH>".
func parseName(name string) (Platform, bool) {
	rest, ok := strings.CutPrefix(name, filePrefix)
	if !ok {
		return Platform{}, false
	}
	goos, goarch, ok := strings.Cut(rest, "-")
	if !ok || goos == "" || goarch == "" || strings.Contains(goarch, "-") {
		return Platform{}, false
	}
	return Platform{goos, goarch}, true
}
