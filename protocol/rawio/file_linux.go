package rawio

import (
	"io"
	"os"
)

// Read reads up to len(b) bytes; at the end of the file it returns io.EOF.
func (f *File) Read(b []byte) (int, error) {
	if f.rc == nil || len(b) == 0 {
		return f.f.Read(b)
	}
	n, errno, err := readFD(f.rc, b)
	switch {
	case err != nil:
		return 0, &os.PathError{Op: "read", Path: f.f.Name(), Err: err}
	case errno != 0:
		return 0, &os.PathError{Op: "read", Path: f.f.Name(), Err: errno}
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

// Write writes all of b unless an error stops it.
func (f *File) Write(b []byte) (int, error) {
	if f.rc == nil || len(b) == 0 {
		return f.f.Write(b)
	}
	n, errno, err := writeFD(f.rc, b)
	switch {
	case err != nil:
		return n, &os.PathError{Op: "write", Path: f.f.Name(), Err: err}
	case errno != 0:
		return n, &os.PathError{Op: "write", Path: f.f.Name(), Err: errno}
	}
	return n, nil
}
