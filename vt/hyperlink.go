package vt

import "sync"

// LinkID names an OSC 8 hyperlink (its parameters and URI) in a
// process-wide table, so that renditions stay small and comparable and the
// same link gets the same ID in every emulator of the process. 0 is "no
// link".
type LinkID uint16

// maxLinks bounds the table: a remote that sends endless distinct links
// cannot grow memory past it. Links beyond the bound are not recorded
// (InternLink returns 0 and the text is shown unlinked).
const maxLinks = 1<<16 - 1

type linkTarget struct{ params, uri string }

var links struct {
	sync.Mutex
	ids     map[linkTarget]LinkID
	targets []linkTarget // targets[id-1]
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
	if len(links.targets) >= maxLinks {
		return 0
	}
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
