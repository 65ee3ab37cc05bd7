// Package predicttest makes the typing traces that Roam's local-echo
// measurements replay: the simulation in vt/predict and the end-to-end
// keystroke-latency benchmark in server/e2ebench. A trace is a
// deterministic function of its seed. Each keystroke carries the Context
// it is typed in, and Classify places the echoed ones by context, by the
// last key that was not typed text and by how many characters after it
// they came, so that both measurements can say which keystrokes they
// missed.
//
// # The typing model
//
// A trace is 70 % shell lines, 20 % vim sessions and 10 % password
// prompts, as a developer's session at a remote shell might be.
//
//   - Shell lines are short commands (ls, cd, git status, echo with CJK
//     text, …) typed with 4 % typos fixed by Backspace, with occasional
//     history recall (Up, Enter; only after a plain shell command),
//     file-name completion (Tab), a line abandoned with Ctrl-C, and an
//     earlier word fixed with the arrow keys.
//   - A vim session opens notes.txt, moves down a line or two, enters
//     insert mode with "o" or "A", types one to three lines of words with
//     Enter between them, leaves with Escape and types ":wq".
//   - A password prompt ("sudo apt update") is answered with 8–12
//     characters that the application does not echo.
//
// Inter-key gaps are 90 ms plus an exponential tail of mean 70 ms, about
// 160 ms on average (75 words per minute: a fast typist; the published
// average of casual typists is 200–250 ms, Dhakal et al., "Observations
// on Typing from 136 Million Keystrokes", CHI 2018, which would make the
// benchmark longer and prediction no harder). The pause after Enter is
// 150–500 ms in 30 % of lines (typing ahead before the output has
// appeared — harsh on a 500 ms link, where no prompt can be back that
// soon), 0.6–2.5 s in 50 % and 2.5–6 s in 20 %.
package predicttest
