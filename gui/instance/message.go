//go:build unix

package instance

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// maxMessage bounds a hand-off: a few paths or URLs.
const maxMessage = 64 << 10

// message is what Forward sends, one JSON object per connection; the
// reply is the single byte ack once the handler has the arguments.
type message struct {
	Args []string `json:"args"`
}

const ack = 'k'

// encode makes the message for args, with the paths of existing files
// made absolute: the running instance has its own working directory.
func encode(args []string) ([]byte, error) {
	abs := make([]string, len(args))
	for i, a := range args {
		abs[i] = a
		if strings.Contains(a, "://") || strings.HasPrefix(a, "-") {
			continue
		}
		if _, err := os.Stat(a); err == nil {
			if p, err := filepath.Abs(a); err == nil {
				abs[i] = p
			}
		}
	}
	data, err := json.Marshal(message{Args: abs})
	if err != nil {
		return nil, err
	}
	if len(data) > maxMessage {
		return nil, errors.New("instance: arguments too long to hand off")
	}
	return data, nil
}
