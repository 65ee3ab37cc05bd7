package vt_test

import "testing"

func TestCharset(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "G0 special", in: "\x1b(0lqk\x1b(Bq", lines: []string{"┌─┐q"}, row: 0, col: 4},
		{name: "all line drawing", w: 40, in: "\x1b(0`abcdefghijklmnopqrstuvwxyz{|}~_\x1b(B",
			lines: []string{"◆▒␉␌␍␊°±␤␋┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·\u00a0"}, row: 0, col: 32},
		{name: "G1 via SO SI", in: "\x1b)0x\x0ex\x0fx", lines: []string{"x│x"}, row: 0, col: 3},
		{name: "letters unaffected", in: "\x1b(0ABC", lines: []string{"ABC"}, row: 0, col: 3},
		{name: "saved with cursor", in: "\x1b(0\x1b7\x1b(B\x1b8q", lines: []string{"─"}, row: 0, col: 1},
		{name: "reset by RIS", in: "\x1b(0\x1bcq", lines: []string{"q"}, row: 0, col: 1},
		{name: "UK set is ASCII", in: "\x1b(A#", lines: []string{"#"}, row: 0, col: 1},
		{name: "REP repeats mapped", in: "\x1b(0q\x1b[2b", lines: []string{"───"}, row: 0, col: 3},
	})
}
