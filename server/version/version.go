// Package version holds Roam's version, shared by the desktop app and
// roam-server. `make build` sets it from `git describe`; the app keys its
// remote server cache by it, so a client only reuses a server of its own
// version.
package version

// Version is Roam's version; set at link time with
// -X github.com/roamterm/roam/server/version.Version=….
var Version = "0.1.0-dev"
