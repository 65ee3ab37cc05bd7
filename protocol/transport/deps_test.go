package transport

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the transport independent of the layers around it: it
// reaches the network only through Conn, and knows nothing of terminals.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	forbidden := []string{
		"github.com/roamterm/roam/protocol/conn",
		"github.com/roamterm/roam/protocol/datagram",
		"github.com/roamterm/roam/vt",
		"github.com/roamterm/roam/server",
		"github.com/roamterm/roam/gui",
		"fyne.io/",
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if dep == f || strings.HasPrefix(dep, strings.TrimSuffix(f, "/")+"/") {
				t.Errorf("protocol/transport depends on %s", dep)
			}
		}
	}
}
