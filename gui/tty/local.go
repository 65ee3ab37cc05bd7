package tty

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"

	"github.com/roamterm/roam/protocol/datagram"
)

// serverName is the server binary a local session starts.
const serverName = "roam-server"

// connectLine matches the server's announcement, as the mosh wrapper does.
var connectLine = regexp.MustCompile(`^MOSH CONNECT (\d+?) ([A-Za-z0-9/+]{22})\s*$`)

// maxBanner bounds what is read from the server's stdout before its
// MOSH CONNECT line.
const maxBanner = 64 << 10

// findServer returns roam-server's path: beside this binary, else on PATH.
func findServer() (string, error) {
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), serverName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	p, err := exec.LookPath(serverName)
	if err != nil {
		return "", fmt.Errorf("tty: %s is neither beside this program nor on PATH", serverName)
	}
	return p, nil
}

// StartLocalServer starts roam-server on 127.0.0.1 with a kernel-chosen
// port, running command (a login shell when empty), and returns where to
// reach it, as a bare "roam" does; the window front end starts its local
// sessions the same way. The key comes back over a pipe and goes nowhere
// else.
func StartLocalServer(command []string) (netip.AddrPort, datagram.Key, error) {
	var key datagram.Key
	if runtime.GOOS == "windows" {
		return netip.AddrPort{}, key, ErrNoLocalSession
	}
	path, err := findServer()
	if err != nil {
		return netip.AddrPort{}, key, err
	}
	args := []string{"new", "-i", "127.0.0.1", "-p", "0"}
	if len(command) > 0 {
		args = append(append(args, "--"), command...)
	}
	cmd := exec.Command(path, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return netip.AddrPort{}, key, err
	}
	if err := cmd.Start(); err != nil {
		return netip.AddrPort{}, key, fmt.Errorf("tty: starting %s: %w", serverName, err)
	}
	port, key, found := readConnect(io.LimitReader(out, maxBanner))
	// The server detaches: its first process exits once it has spoken.
	waitErr := cmd.Wait()
	if !found {
		return netip.AddrPort{}, key, fmt.Errorf("tty: %s did not announce a session (%v): %s",
			serverName, waitErr, bytes.TrimSpace(stderr.Bytes()))
	}
	return netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), port), key, nil
}

// ErrNoLocalSession is why there is no local session on Windows:
// roam-server runs the shell on a Unix pseudo-terminal, and Windows' ConPTY
// is not implemented.
var ErrNoLocalSession = errors.New("tty: local sessions need a Unix host (roam-server has no Windows ConPTY support yet); connect to a host instead: roam user@host, or Session → Connect… in the window")

// readConnect reads lines until the MOSH CONNECT line and returns its port
// and key.
func readConnect(r io.Reader) (uint16, datagram.Key, bool) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := connectLine.FindSubmatch(bytes.TrimRight(sc.Bytes(), "\r"))
		if m == nil {
			continue
		}
		port, err := strconv.ParseUint(string(m[1]), 10, 16)
		key, kerr := datagram.ParseKey(string(m[2]))
		if err != nil || kerr != nil || port == 0 {
			return 0, key, false
		}
		return uint16(port), key, true
	}
	return 0, datagram.Key{}, false
}
