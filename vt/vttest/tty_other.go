//go:build !unix

package vttest

import (
	"errors"
	"fmt"
)

// TTYSize returns the window size of the terminal device at path; there
// are no such devices here.
func TTYSize(path string) (width, height int, err error) {
	return 0, 0, fmt.Errorf("vttest: %s: %w", path, errors.ErrUnsupported)
}
