package vttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// PlayCommand writes the chunks of c into files under dir and returns a
// /bin/sh command that puts its tty in raw mode, writes the chunks with
// pause between them, and then sets the window title to marker (OSC 2).
// Run in a terminal, the title tells the watcher that everything before it
// has been processed, without drawing anything: wait for it with
// Tmux.WaitForFormat("#{pane_title}", marker, ...). The command then
// sleeps, so that the screen stays as the stimulus left it.
func PlayCommand(dir string, c Case, pause time.Duration, marker string) (string, error) {
	if strings.ContainsAny(marker, "\x07\x1b'%\\") {
		return "", fmt.Errorf("vttest: marker %q has characters a shell printf would mangle", marker)
	}
	var cmd strings.Builder
	cmd.WriteString("stty raw -echo")
	for i, chunk := range c.Chunks {
		name := filepath.Join(dir, fmt.Sprintf("chunk%03d", i))
		if err := os.WriteFile(name, chunk, 0o644); err != nil {
			return "", fmt.Errorf("vttest: %w", err)
		}
		if i > 0 && pause > 0 {
			fmt.Fprintf(&cmd, "; sleep %.3f", pause.Seconds())
		}
		fmt.Fprintf(&cmd, "; cat %s", shellQuote(name))
	}
	fmt.Fprintf(&cmd, "; printf '\\033]2;%s\\007'; exec sleep 86400", marker)
	return cmd.String(), nil
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
