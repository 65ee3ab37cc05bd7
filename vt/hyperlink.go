package vt

import "sync"

// LinkID names an OSC 8 hyperlink (its parameters and URI) in a
// process-wide table, so that renditions stay small and comparable and the
// same link gets the same ID in every emulator of the process. 0 is "no
// link".
//
// The table is the one place a link's target is kept: screen cells and
// scrollback Lines hold only IDs, so ten thousand lines of link-heavy
// output cost each target once. IDs are never reused, so a Line kept for
// the life of the process always resolves to the link it was made with.
// Entries are never dropped either: cells are copied freely (framebuffer
// clones, states awaiting acknowledgement, frames handed to front ends),
// so no owner can tell when the last reference goes; the table is bounded
// instead. A roam-server process serves one session, so there the table
// is the session's.
type LinkID uint16

// The bounds of the table: a remote that sends endless distinct links
// cannot grow memory past them. Links beyond them are not recorded
// (InternLink returns 0 and the text is shown unlinked).
const (
	maxLinks          = 1<<16 - 1
	maxLinkTableBytes = 16 << 20 // of parameters and URIs
)

type linkTarget struct{ params, uri string }

var links struct {
	sync.Mutex
	ids     map[linkTarget]LinkID
	targets []linkTarget // targets[id-1]
	bytes   int          // of the targets' parameters and URIs
}

// InternLink returns the ID of the hyperlink with the given OSC 8
// parameters and URI, adding it to the table if needed. An empty URI is "no
// link" and yields 0, as does a full table.
func InternLink(params, uri string) LinkID {
	if uri == "" {
		return 0
	}
	t := linkTarget{params, uri}
	links.Lock()
	defer links.Unlock()
	if id, ok := links.ids[t]; ok {
		return id
	}
	size := len(params) + len(uri)
	if len(links.targets) >= maxLinks || links.bytes+size > maxLinkTableBytes {
		return 0
	}
	links.bytes += size
	if links.ids == nil {
		links.ids = make(map[linkTarget]LinkID)
	}
	links.targets = append(links.targets, t)
	id := LinkID(len(links.targets))
	links.ids[t] = id
	return id
}

// LinkTarget returns the OSC 8 parameters and URI of id; both are empty for
// 0 or an unknown ID.
func LinkTarget(id LinkID) (params, uri string) {
	if id == 0 {
		return "", ""
	}
	links.Lock()
	defer links.Unlock()
	if int(id) > len(links.targets) {
		return "", ""
	}
	t := links.targets[id-1]
	return t.params, t.uri
}

// LinkMap translates the link IDs in Lines from another process (a
// server's history sent to a client) to this process's IDs. It is built
// from the link table that travels with the lines (Define) and used by
// ParseLine. The zero value is an empty map: every ID resolves to no
// link. It is not safe for concurrent use.
type LinkMap struct {
	ids map[LinkID]LinkID
}

// Define records that the sender's link id has the given OSC 8 parameters
// and URI, interning the link in this process's table. A definition the
// emulator would not have recorded itself (ID 0 or beyond LinkID, no URI,
// too long, control characters) is ignored, so the text it covers shows
// unlinked.
func (m *LinkMap) Define(id uint64, params, uri string) {
	if id == 0 || id > maxLinks || uri == "" || len(uri) > maxLinkURI || len(params) > maxLinkParams ||
		!printableString([]byte(params)) || !printableString([]byte(uri)) {
		return
	}
	local := InternLink(params, uri)
	if local == 0 {
		return
	}
	if m.ids == nil {
		m.ids = make(map[LinkID]LinkID)
	}
	m.ids[LinkID(id)] = local
}

// resolve returns this process's ID for the sender's id, 0 if undefined.
func (m *LinkMap) resolve(id LinkID) LinkID {
	if m == nil {
		return 0
	}
	return m.ids[id]
}
