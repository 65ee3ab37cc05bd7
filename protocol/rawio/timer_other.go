//go:build !linux

package rawio

import (
	"errors"
	"time"
)

// fdTimer exists only on Linux; elsewhere Timer uses a runtime timer.
type fdTimer struct{}

func newFDTimer(func()) (*fdTimer, error) { return nil, errors.ErrUnsupported }

func (*fdTimer) arm(time.Duration) {}

func (*fdTimer) close() {}
