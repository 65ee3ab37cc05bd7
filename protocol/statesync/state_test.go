package statesync_test

import (
	"github.com/roamterm/roam/protocol/statesync"
	"github.com/roamterm/roam/protocol/transport"
)

// Both states satisfy the transport's State without the package importing
// the transport.
var (
	_ transport.State[*statesync.UserStream] = (*statesync.UserStream)(nil)
	_ transport.State[*statesync.Complete]   = (*statesync.Complete)(nil)
)
