package launch

import (
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"time"
)

// startProxyCommand runs an ssh_config ProxyCommand and returns a
// connection over its stdin and stdout, as ssh does. The command's stderr
// is the user's (it may ask for a password there). The process is killed
// when the connection closes.
func startProxyCommand(ctx context.Context, command string) (net.Conn, error) {
	var cmd *exec.Cmd
	if runtime.GOOS == "windows" {
		cmd = exec.Command("cmd.exe", "/c", command)
	} else {
		cmd = exec.Command("/bin/sh", "-c", "exec "+command)
	}
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, ctx.Err()
	}
	return &commandConn{cmd: cmd, r: stdout, w: stdin}, nil
}

// commandConn is a net.Conn over a process's pipes. Deadlines are not
// supported; callers bound the connection by closing it instead.
type commandConn struct {
	cmd *exec.Cmd
	r   io.ReadCloser
	w   io.WriteCloser
}

func (c *commandConn) Read(b []byte) (int, error)  { return c.r.Read(b) }
func (c *commandConn) Write(b []byte) (int, error) { return c.w.Write(b) }

func (c *commandConn) Close() error {
	c.w.Close()
	c.r.Close()
	c.cmd.Process.Kill()
	c.cmd.Wait()
	return nil
}

func (c *commandConn) LocalAddr() net.Addr              { return commandAddr{} }
func (c *commandConn) RemoteAddr() net.Addr             { return commandAddr{} }
func (c *commandConn) SetDeadline(time.Time) error      { return nil }
func (c *commandConn) SetReadDeadline(time.Time) error  { return nil }
func (c *commandConn) SetWriteDeadline(time.Time) error { return nil }

type commandAddr struct{}

func (commandAddr) Network() string { return "proxycommand" }
func (commandAddr) String() string  { return "proxycommand" }
