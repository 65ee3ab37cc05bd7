// Package e2ebench measures Roam against mosh end to end, in one run and
// interleaved, for every pairing of client and server that is available:
// mosh-client ↔ mosh-server (the baseline), mosh-client ↔ roam-server,
// roam ↔ mosh-server and roam ↔ roam. It has no API: everything is in its
// benchmarks, which `make bench` runs, and in a smoke test that `make test`
// runs to prove the harness itself works.
//
// # What a session is
//
// Each measurement starts a fresh session the way mosh's own wrapper does,
// minus SSH: the server is run as `SERVER new -i 127.0.0.1 -p 0 -c 256 -l
// LANG=C.UTF-8 -- /bin/sh`, its `MOSH CONNECT port key` line is read, and the
// pid of the detached server is taken from the `[mosh-server detached, pid =
// N]` line on its standard error. The client runs in an 80×24 tmux pane (a
// real terminal, which mosh-client needs) and talks to the server through a
// linktest.Relay, which counts the bytes on the wire and, for the Ctrl-C
// benchmark, adds delay and a rate limit. The session key reaches the client
// without ever being on a command line: the pane runs a small wrapper script
// that reads it from a 0600 file, records its own pid and execs the client
// with MOSH_KEY in its environment, so that pid is the client's.
//
// A server's CPU time is utime+stime from /proc/PID/stat (whole process,
// all threads). Figures too small for its 10 ms clock ticks (the idle
// benchmark), and every client's CPU, are summed from
// /proc/PID/task/*/schedstat instead: a client runs in short bursts, one
// per event, which tick sampling charges by chance, and the keystroke
// replay compares clients whose figures differ by a few percent. Peak
// RSS is VmHWM from /proc/PID/status, read after the measurement and
// before the session ends (a high-water mark only grows). Wakeups are
// voluntary plus involuntary context switches summed over
// /proc/PID/task/*/status.
//
// # Benchmarks
//
//   - BenchmarkBulk/KIND: `cat` of a 20 MiB workload (vt/internal/workload,
//     made by its genworkload command into bench-data/) followed by a marker
//     line; the time from pressing Enter until the marker is on the client's
//     screen, server and client CPU, bytes server→client, peak RSS of both;
//     the client's CPU until the link is quiet (no byte server→client for
//     1 s), which for a Roam client of roam-server includes the scrollback
//     that follows the flood; the same figure with no client keeping
//     scrollback, for the clients of the same work (mosh-client keeps
//     none; roam ↔ roam is run a second time with ROAM_HISTORY_LINES=0);
//     and, over all its sessions, the connect time (server start to the
//     prompt on the client's screen).
//   - BenchmarkIdle: every pairing's session at once at a quiet prompt for
//     E2E_IDLE (default 30s); server and client wakeups/s and CPU.
//   - BenchmarkCtrlC: through the relay at 250 ms RTT and 1 Mbit/s each way,
//     `seq` floods the screen for 2 s plus a random 0–250 ms (so that Ctrl-C
//     falls at every phase of the client's send cycle), then Ctrl-C; the
//     time until the screen is quiet (unchanged for 200 ms with the prompt
//     back on its last line).
//
// Each benchmark does its measurement once, whatever b.N is (the Makefile
// passes -benchtime=1x), alternating the pairings ABCD ABCD … for a number
// of rounds, and reports medians with b.ReportMetric. At the end of the
// run, TestMain prints one Markdown table of medians and ratios to the
// baseline; the results of each benchmark are kept in bench-results/parts/
// and assembled into bench-results/report.md and report.png at the
// module root.
// Progress goes to standard error, one line per step, with the load
// average: other work on the machine is the main source of noise.
//
// # Configuration (environment)
//
//	E2E_PAIRINGS     comma-separated subset of mosh-mosh,mosh-roam,roam-mosh,roam-roam
//	                 (client-server); default: every pairing whose binaries exist
//	E2E_REPS         repetitions per pairing for bulk output (default 5)
//	E2E_CTRLC_REPS   repetitions per pairing for Ctrl-C (default 9)
//	E2E_SIZE         bytes per bulk workload (default 20971520)
//	E2E_IDLE         idle period, a Go duration (default 30s)
//	E2E_BUDGET       time after which no further rounds start (default 18m;
//	                 every benchmark still runs its first round)
//	E2E_ROAM_SERVER  roam-server binary (default bin/roam-server at the module root)
//	E2E_ROAM_CLIENT  roam client binary (default bin/roam at the module root)
//
// mosh-server and mosh-client are taken from PATH.
package e2ebench
