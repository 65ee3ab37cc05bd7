package daemon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Report is what the child tells the parent before the parent exits.
type Report struct {
	// Warnings are printed on the parent's stderr, in order.
	Warnings []string
	// Port and Key go into the MOSH CONNECT line; Key is the printable
	// key. Both are zero when Err is set.
	Port int
	Key  string
	// Err is set when the child could not start serving; the parent
	// prints it and exits 1.
	Err string
}

// maxReport bounds what the parent reads from the child.
const maxReport = 64 << 10

// Reporter writes the child's side of the report.
type Reporter struct {
	w io.WriteCloser
}

// Warn sends a warning line.
func (r *Reporter) Warn(msg string) { r.line("warning", msg) }

// Connect sends the port and printable key and closes the report.
func (r *Reporter) Connect(port int, key string) error {
	r.line("connect", strconv.Itoa(port)+" "+key)
	return r.w.Close()
}

// Fail sends the fatal error and closes the report.
func (r *Reporter) Fail(msg string) error {
	r.line("error", msg)
	return r.w.Close()
}

func (r *Reporter) line(kind, msg string) {
	// One report line per message; embedded newlines would end it early.
	msg = strings.ReplaceAll(msg, "\n", " ")
	fmt.Fprintf(r.w, "%s %s\n", kind, msg)
}

// ErrNoReport means the child exited or closed the pipe without saying
// whether it started.
var ErrNoReport = errors.New("daemon: server process ended without reporting")

// ErrReportTimeout means the child did not report in time.
var ErrReportTimeout = errors.New("daemon: timed out waiting for the server process")

// ReadReport reads the child's report from r, waiting at most timeout.
func ReadReport(r io.Reader, timeout time.Duration) (Report, error) {
	type result struct {
		rep Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := parseReport(io.LimitReader(r, maxReport))
		done <- result{rep, err}
	}()
	select {
	case res := <-done:
		return res.rep, res.err
	case <-time.After(timeout):
		return Report{}, ErrReportTimeout
	}
}

func parseReport(r io.Reader) (Report, error) {
	var rep Report
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		kind, msg, _ := strings.Cut(sc.Text(), " ")
		switch kind {
		case "warning":
			rep.Warnings = append(rep.Warnings, msg)
		case "error":
			rep.Err = msg
			return rep, nil
		case "connect":
			port, key, _ := strings.Cut(msg, " ")
			p, err := strconv.Atoi(port)
			if err != nil || key == "" {
				return rep, fmt.Errorf("daemon: malformed report line")
			}
			rep.Port, rep.Key = p, key
			return rep, nil
		}
	}
	return rep, ErrNoReport
}
