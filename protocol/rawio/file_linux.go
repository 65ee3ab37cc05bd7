package rawio

// Read reads up to len(b) bytes; at the end of the file it returns io.EOF.
func (f *File) Read(b []byte) (int, error) {
	if f.rc == nil || len(b) == 0 {
		return f.f.Read(b)
	}
	n, errno, err := readFD(f.rc, b)
	return readResult(f.f.Name(), n, errno, err)
}

// Write writes all of b unless an error stops it.
func (f *File) Write(b []byte) (int, error) {
	if f.rc == nil || len(b) == 0 {
		return f.f.Write(b)
	}
	n, errno, err := writeFD(f.rc, b)
	return writeResult(f.f.Name(), n, errno, err)
}
