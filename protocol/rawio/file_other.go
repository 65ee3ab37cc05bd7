//go:build !linux

package rawio

import (
	"os"
	"syscall"
)

// pollable: elsewhere File uses the os.File's own methods.
func pollable(*os.File) syscall.RawConn { return nil }

// Read reads up to len(b) bytes; at the end of the file it returns io.EOF.
func (f *File) Read(b []byte) (int, error) { return f.f.Read(b) }

// Write writes all of b unless an error stops it.
func (f *File) Write(b []byte) (int, error) { return f.f.Write(b) }
