// Package bundle holds the roam-server binaries built into the Roam app.
//
// `make bundle` (run by `make build`) cross-compiles static roam-server
// builds for the platforms Roam can upload to (linux/{amd64,arm64,arm,386},
// darwin/{amd64,arm64}, freebsd/amd64) into dist/, and go:embed puts them in
// the app. When a host has neither a cached roam-server nor mosh-server,
// package launch uploads the matching one.
//
// A clean clone has only dist/README, so it builds and tests; such a build
// has no bundled servers, Platforms returns none and Lookup says why.
package bundle
