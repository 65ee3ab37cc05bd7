package instance

import "errors"

// ErrRunning is returned by Listen when another instance holds the
// socket; the caller should Forward to it instead.
var ErrRunning = errors.New("instance: another Roam instance is running")
