package rawio

import (
	"os"
	"syscall"
)

// File reads and writes an *os.File in non-blocking mode (one that Go's
// poller serves: os.NewFile of a non-blocking descriptor, or a device
// opened with os.OpenFile), such as a pseudo-terminal's master side.
// Closing the os.File ends a pending Read or Write.
type File struct {
	f  *os.File
	rc syscall.RawConn // nil: plain f.Read and f.Write
}

// NewFile returns a File for f. A blocking f is served by its own
// methods: a raw call on it would block a thread the scheduler does not
// know is blocked.
func NewFile(f *os.File) *File {
	return &File{f: f, rc: pollable(f)}
}
