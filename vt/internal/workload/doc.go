// Package workload generates deterministic terminal output for benchmarks
// and reference tests of the emulator and the display diff.
//
// Each Kind imitates one sort of traffic a terminal sees: plain ASCII logs,
// UTF-8 heavy text (CJK, emoji, combining marks), SGR heavy text (256 and
// 24-bit colour), full-screen redraws (cursor addressing, erases, scroll
// regions, line insert and delete, as vim and top do) and a mix of them.
// The same kind and size always give the same bytes, from a seeded PRNG.
//
// The output is written for an 80×24 terminal in raw mode (lines end in
// CR LF) and stays inside what mosh emulates, so that a screen it leaves
// can be compared with tmux's: no alternate screen, no character sets, no
// sequences mosh ignores, and no erase or scroll while a background colour
// is set (Debian's tmux 3.3a fills such cells wrongly).
//
// Benchmarks want about 20 MB per kind; Load keeps generated files in a
// cache directory (by default bench-data/ at the module root, which is not
// committed) so that they are made only once.
package workload
