//go:build unix

package instance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// timeout bounds every exchange: a stuck instance must not hang the
// process that was started to open a file.
const timeout = 5 * time.Second

// Dir is the private directory holding the socket and its lock.
func Dir() (string, error) {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "roam"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("instance: %w", err)
	}
	return filepath.Join(d, "roam"), nil
}

// privateDir makes Dir, or checks that an existing one is the user's own
// and closed to others: whoever can reach the socket can open sessions.
func privateDir() (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("instance: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return "", fmt.Errorf("instance: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !fi.IsDir() || !ok || int(st.Uid) != os.Getuid() {
		return "", fmt.Errorf("instance: %s is not a directory of this user", dir)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return "", fmt.Errorf("instance: %w", err)
		}
	}
	return dir, nil
}

// Server is the first instance's end of the hand-off.
type Server struct {
	ln      net.Listener
	lock    *os.File
	handler func(args []string)
	wg      sync.WaitGroup
	once    sync.Once
}

// Listen makes this process the instance later ones hand off to: handler
// is called, one call at a time, with each later process's arguments.
// It returns ErrRunning if another live instance listens. The server
// stops when ctx is done or Close is called.
func Listen(ctx context.Context, handler func(args []string)) (*Server, error) {
	dir, err := privateDir()
	if err != nil {
		return nil, err
	}
	lock, err := os.OpenFile(filepath.Join(dir, "instance.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("instance: %w", err)
	}
	// The kernel drops the lock when its holder dies, so a socket without
	// a locked lock file is stale whatever state it was left in.
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrRunning
		}
		return nil, fmt.Errorf("instance: locking: %w", err)
	}
	path := filepath.Join(dir, "instance.sock")
	os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("instance: %w", err)
	}
	s := &Server{ln: ln, lock: lock, handler: handler}
	s.wg.Add(1)
	go s.serve()
	go func() {
		<-ctx.Done()
		s.Close()
	}()
	return s, nil
}

// Close stops the server and removes its socket.
func (s *Server) Close() error {
	s.once.Do(func() {
		// Closing a unix listener also unlinks its socket file.
		s.ln.Close()
		s.wg.Wait()
		s.lock.Close()
	})
	return nil
}

func (s *Server) serve() {
	defer s.wg.Done()
	var mu sync.Mutex // one handler call at a time
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		go func() {
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(timeout))
			var m message
			if json.NewDecoder(io.LimitReader(conn, maxMessage)).Decode(&m) != nil {
				return
			}
			mu.Lock()
			s.handler(m.Args)
			mu.Unlock()
			conn.Write([]byte{ack})
		}()
	}
}

// Forward hands args to the running instance and reports whether it took
// them. No instance (no socket, or a stale one) is (false, nil): the
// caller is the first and should Listen.
func Forward(args []string) (bool, error) {
	dir, err := Dir()
	if err != nil {
		return false, err
	}
	data, err := encode(args)
	if err != nil {
		return false, err
	}
	conn, err := net.DialTimeout("unix", filepath.Join(dir, "instance.sock"), timeout)
	if err != nil {
		return false, nil
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	if _, err := conn.Write(data); err != nil {
		return false, fmt.Errorf("instance: handing off: %w", err)
	}
	var reply [1]byte
	if _, err := io.ReadFull(conn, reply[:]); err != nil || reply[0] != ack {
		return false, fmt.Errorf("instance: the running instance did not take the arguments: %v", err)
	}
	return true, nil
}
