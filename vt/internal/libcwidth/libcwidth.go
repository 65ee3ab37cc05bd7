// Package libcwidth exposes the C library's wcwidth in the C.UTF-8 locale.
//
// It exists so that the width table of package vt can be generated from,
// and tested against, glibc: real mosh servers measure characters with
// their libc. It needs cgo and is imported only by the generator and tests.
package libcwidth

/*
#define _XOPEN_SOURCE 700
#include <locale.h>
#include <wchar.h>

static int setup(void) {
	return setlocale(LC_CTYPE, "C.UTF-8") != NULL;
}
static int width(unsigned int c) { return wcwidth((wchar_t)c); }
*/
import "C"

import (
	"errors"
	"sync"
)

var setup = sync.OnceValue(func() error {
	if C.setup() == 0 {
		return errors.New("libcwidth: cannot select the C.UTF-8 locale")
	}
	return nil
})

// Width returns wcwidth(r) in the C.UTF-8 locale: -1 for a non-printable
// or unassigned code point, 0, 1 or 2.
func Width(r rune) (int, error) {
	if err := setup(); err != nil {
		return 0, err
	}
	return int(C.width(C.uint(r))), nil
}
