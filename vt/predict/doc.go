// Package predict is Roam's local echo: mosh's prediction engine
// (src/frontend/terminaloverlay.cc, PredictionEngine) with improvements.
//
// The client feeds it every read of user input (NewUserInput), the frame
// numbers of the transport (SetLocalFrameSent, SetLocalFrameLateAcked =
// the server's echo ack) and its send interval, and runs Cull before each
// redraw. The engine never writes into the synchronised framebuffer: it
// describes an Overlay (predicted cells, some underlined, and a predicted
// cursor) that front ends draw on top; ApplyTo returns a drawn clone for
// front ends that cannot layer. WaitTime says when to re-run Cull.
//
// # mosh's model (kept)
//
// Printable characters are predicted at the predicted cursor, inserting
// (or, with Options.Overwrite, replacing); Backspace (DEL) moves left and
// closes the gap; Enter predicts the start of the next row; CSI/SS3 C and
// D move the cursor. Anything else starts a new epoch. Predictions of an
// epoch are shown only once one of them has been confirmed by the server
// (echo ack ≥ its frame and the screen shows it); a wrong prediction kills
// its epoch, or, if it was shown, resets everything, so a wrong guess is
// on screen for at most one round trip. Adaptive display turns on when the
// send interval exceeds 30 ms (off at ≤ 20 ms with nothing active),
// underlines above 80 ms (off at ≤ 50 ms); a prediction pending 250 ms
// (5 s) turns display (and underlining) on as a glitch, repaired by quick
// confirmations, one step per 150 ms. A read of more than 100 bytes is a
// paste and is not predicted. See constants.go for the numbers.
//
// # Improvements (off with Options.MoshCompatible)
//
//   - Enter boundary (enter.go): after Enter or Ctrl-C, type-ahead waits
//     for the new prompt and is shown as soon as the same prompt appears,
//     instead of waiting for a confirmation in a new epoch.
//   - Resynchronising (trust.go): after anything unpredictable, once the
//     server has had all input and the cursor is after the known shell
//     prompt or in vim's insert mode, typing is shown at once again. A
//     killed epoch or an abandoned prompt wait keeps its characters in
//     the typed run, so fast typing after a wrong guess is re-placed from
//     the screen as soon as the screen shows unambiguously how much of it
//     was echoed, instead of chasing the echo with one wrong guess per
//     round trip as mosh does. Type-ahead typed before the screen showed
//     the prompt (after a password, after vim's ":wq") or vim's insert
//     mode (right after "A") counts once the echo of its first
//     characters lines up with the prompt or shows in insert mode, or,
//     for the known prompt, once the screen is up to date with every key
//     before it.
//   - vim (vim.go): Escape in insert mode followed by ":", "/" or "?"
//     predicts the command line on the bottom row, shown at once; Enter
//     at the end of a line in insert mode predicts the new empty line
//     below where no indent or comment leader can follow; typing past
//     the margin in insert mode is shown at once on the continuation row.
//   - Enter on the bottom row: once the line shows higher up (the screen
//     scrolled), its unacknowledged predictions are not drawn over the
//     new prompt; Enter in vim's insert mode drops the predictions of the
//     rest of the line, which vim moves down.
//   - Filler (input.go): when the rest of the row is blank, or a vim "~"
//     filler row, a typed character overwrites instead of pushing the row
//     right (mosh issue #197); Backspace likewise blanks the cell. A row
//     a typed line wrapped onto holds only the line's continuation, so
//     typing there overwrites too; Backspace at column 0 (where the
//     cursor goes is not known) is unpredictable.
//   - Wide characters are predicted (two cells, wrapping at the margin as
//     the emulator does) instead of starting a new epoch; Backspace and
//     the arrows step over them.
//   - A bracketed paste (ESC [ 200 ~ … ESC [ 201 ~) is never predicted,
//     whatever its size; modified arrows (ESC [ 1 ; 5 C) are not treated
//     as plain ones; a screen scroll after Enter on the bottom row does
//     not count the echoed line as wrong.
//
// # Measured
//
// sim_test.go plays deterministic traces of about 2,500 keystrokes
// (vt/predict/predicttest documents the typing model: shell lines with
// typos, Tab, history and Ctrl-C; vim sessions; password prompts; 30 % of
// lines typed ahead within 0.5 s of the previous Enter) over a simulated
// 500 ms RTT mosh link; as in the end-to-end replay, notes.txt grows with
// every vim session, so that its lines wrap and vim edits above text
// rather than "~" rows. Over seeds 1–6, mosh-equivalent shows 31–46 % of
// echoed keystrokes instantly and draws a wrong prediction at 0.4–7.1 %
// of printable keystrokes; Roam shows 91.2–94.1 % instantly and draws a
// wrong one at 0–0.09 %. Most of what is left is type-ahead typed before
// the new prompt reached the client, which no engine can place, and the
// first characters after vim's "A" and "o", typed before the screen
// shows insert mode.
//
// An Engine is a single-goroutine core: not safe for concurrent use, and
// it reads no clock (callers pass now).
package predict
