package launch

import (
	"bufio"
	"errors"
	"io"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/roamterm/roam/protocol/datagram"
)

const (
	// maxLine bounds one line of remote output; the rest is dropped.
	maxLine = 4096
	// keptLines is how much output an error shows.
	keptLines = 40
)

var (
	// connectLine is mosh.pl's pattern (§1.7 of mosh-wire.md).
	connectLine    = regexp.MustCompile(`^MOSH CONNECT (\d+?) ([A-Za-z0-9/+]{22})\s*$`)
	detachedLine   = regexp.MustCompile(`^\[(?:mosh|roam)-server detached, pid = (\d+)\]`)
	localeFailures = []string{"needs a UTF-8 native locale"}
)

// reply is what the start script and the server printed.
type reply struct {
	connected bool
	port      uint16
	key       datagram.Key

	server  string   // ROAM SERVER
	corrupt []string // ROAM CORRUPT
	pid     int      // from the server's "detached" line

	noServer        bool // ROAM NOSERVER
	system, machine string

	sshConnection netip.Addr // from MOSH SSH_CONNECTION
	localeFailure bool

	output []string // the last keptLines lines that were none of the above
}

var errBadConnect = errors.New("launch: the server's MOSH CONNECT line has a bad port or key")

// line takes one line of output (without "\n"). It returns an error for a
// CONNECT line that matches mosh's pattern but not a valid port or key.
func (r *reply) line(s string) (notable string, err error) {
	s = strings.TrimRight(strings.TrimLeft(s, "\r"), "\r")
	if m := connectLine.FindStringSubmatch(s); m != nil && !r.connected {
		port, err := strconv.ParseUint(m[1], 10, 16)
		if err != nil || port == 0 {
			return "", errBadConnect
		}
		key, err := datagram.ParseKey(m[2])
		if err != nil {
			return "", errBadConnect
		}
		r.connected, r.port, r.key = true, uint16(port), key
		return "", nil
	}
	if rest, ok := strings.CutPrefix(s, "ROAM "); ok {
		verb, arg, _ := strings.Cut(rest, " ")
		switch verb {
		case "SERVER":
			r.server = arg
			return "", nil
		case "CORRUPT":
			r.corrupt = append(r.corrupt, arg)
			return "", nil
		case "NOSERVER":
			r.noServer = true
			r.system, r.machine, _ = strings.Cut(arg, " ")
			return "", nil
		}
	}
	if rest, ok := strings.CutPrefix(s, "MOSH SSH_CONNECTION "); ok {
		if f := strings.Fields(rest); len(f) == 4 {
			if ip, err := netip.ParseAddr(f[2]); err == nil {
				r.sshConnection = ip.Unmap()
			}
		}
		return "", nil
	}
	if m := detachedLine.FindStringSubmatch(s); m != nil {
		r.pid, _ = strconv.Atoi(m[1])
	}
	for _, f := range localeFailures {
		if strings.Contains(s, f) {
			r.localeFailure = true
		}
	}
	r.output = append(r.output, s)
	if len(r.output) > keptLines {
		r.output = r.output[len(r.output)-keptLines:]
	}
	return s, nil
}

// outputText is the kept output, for an error message.
func (r *reply) outputText() string {
	return strings.TrimSpace(strings.Join(r.output, "\n"))
}

// readLines calls fn for each line of rd, without the "\n". Lines longer
// than maxLine are cut; the rest of such a line is dropped.
func readLines(rd io.Reader, fn func(string) error) error {
	br := bufio.NewReaderSize(rd, maxLine)
	for {
		b, err := br.ReadSlice('\n')
		line := strings.TrimSuffix(string(b), "\n")
		if errors.Is(err, bufio.ErrBufferFull) {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
		}
		if len(b) > 0 {
			if ferr := fn(line); ferr != nil {
				return ferr
			}
		}
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}
