package vt_test

import "testing"

func TestTabs(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "HT", w: 20, in: "a\tb\tc", lines: []string{"a       b       c"}, row: 0, col: 17},
		{name: "HT to last column", w: 20, in: "\t\t\t\tx", lines: []string{"                   x"}, row: 0, col: 19},
		{name: "HTS", w: 20, in: "\x1b[4G\x1bH\r\tx", lines: []string{"   x"}, row: 0, col: 4},
		{name: "C1 HTS", w: 20, in: "\x1b[4G\u0088\r\tx", lines: []string{"   x"}, row: 0, col: 4},
		{name: "TBC 0", w: 20, in: "\t\x1b[g\r\tx", lines: []string{"                x"}, row: 0, col: 17},
		{name: "TBC 3", w: 20, in: "\x1b[3g\tx", lines: []string{"                   x"}, row: 0, col: 19},
		{name: "CHT", w: 20, in: "\x1b[2Ix", lines: []string{"                x"}, row: 0, col: 17},
		{name: "CHT huge", w: 20, in: "\x1b[65535Ix", lines: []string{"                   x"}, row: 0, col: 19},
		{name: "CBT", w: 20, in: "\x1b[15G\x1b[Zx", lines: []string{"        x"}, row: 0, col: 9},
		{name: "CBT to margin", w: 20, in: "\x1b[15G\x1b[99Zx", lines: []string{"x"}, row: 0, col: 1},
		// mosh's emulation-back-tab test.
		{name: "back tab", w: 20, in: "hello, wurld\x1b[Zo", lines: []string{"hello, world"}, row: 0, col: 9},
		{name: "back tab 2", w: 20, in: "hello, wurld\x1b[2Zo", lines: []string{"oello, wurld"}, row: 0, col: 1},
	})
}
