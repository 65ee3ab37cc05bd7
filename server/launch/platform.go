package launch

import (
	"strings"

	"github.com/roamterm/roam/server/bundle"
)

// platformFor maps `uname -s` and `uname -m` to Go's names; ok is false for
// a system or machine Roam does not build for.
func platformFor(system, machine string) (p bundle.Platform, ok bool) {
	switch strings.ToLower(system) {
	case "linux":
		p.GOOS = "linux"
	case "darwin":
		p.GOOS = "darwin"
	case "freebsd":
		p.GOOS = "freebsd"
	default:
		return p, false
	}
	switch m := strings.ToLower(machine); {
	case m == "x86_64" || m == "amd64":
		p.GOARCH = "amd64"
	case m == "aarch64" || m == "arm64" || m == "aarch64_be":
		if m == "aarch64_be" {
			return p, false
		}
		p.GOARCH = "arm64"
	case m == "i386" || m == "i486" || m == "i586" || m == "i686" || m == "x86":
		p.GOARCH = "386"
	case strings.HasPrefix(m, "armv6") || strings.HasPrefix(m, "armv7") || m == "armv8l" || m == "arm":
		// 32-bit ARM userland; the bundle is built with GOARM=6.
		p.GOARCH = "arm"
	default:
		return p, false
	}
	return p, true
}
