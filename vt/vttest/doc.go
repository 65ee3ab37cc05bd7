// Package vttest holds test helpers for the terminal emulator and for the
// end-to-end tests built on it: a tmux reference harness, a parser that turns
// tmux's `capture-pane -e` output back into a screen, a cell-by-cell screen
// comparison, and a corpus of terminal output stimuli modelled on mosh's
// emulation tests (src/tests/emulation-*.test).
//
// # Comparing with tmux
//
// tmux is the reference terminal, as in mosh's own test suite. Rather than
// render a vt.Framebuffer in tmux's capture format, which would mean
// copying tmux's choices of SGR encoding (it emits only the changes between
// cells, carries the state across lines, uses 38;5;n for colours set that
// way and 3x/9x for the others, and trims trailing blanks), ParseCapture
// reads `capture-pane -p -e -N` back into a vt.Framebuffer with a small SGR
// interpreter, and Compare checks two screens cell by cell. Encoding
// details tmux is free to change then cannot break the comparison; only
// what is on the screen counts:
//
//   - the text of each cell, with an erased cell equal to a space and a
//     base-less "fallback" cell (mosh's NBSP plus combining marks) equal to a
//     space plus the same marks;
//   - foreground, background and attributes, with SGR 3x, 9x and 38;5;n
//     all read as indexed colours (tmux keeps which form was used, vt does
//     not);
//   - double width, and the cursor position.
//
// Hyperlinks (OSC 8), titles and modes are not compared: tmux 3.3a cannot
// show them in a capture.
//
// The column of each character in a capture follows from the widths of the
// characters before it, which ParseCapture takes from vt.Width. A width that
// tmux and vt disagree on is therefore only visible where it moves text to
// another line; stimuli that test widths fill each line up to the margin so
// that it does (see Corpus).
package vttest
