package instance

import "context"

// On Windows there is no hand-off yet (it would be a named pipe): every
// process runs on its own, so opening a second file opens a second Roam.

// Server is a no-op on Windows.
type Server struct{}

// Listen returns a server that never hears from another process.
func Listen(ctx context.Context, handler func(args []string)) (*Server, error) {
	return &Server{}, nil
}

// Close does nothing.
func (s *Server) Close() error { return nil }

// Forward reports no running instance.
func Forward(args []string) (bool, error) { return false, nil }
