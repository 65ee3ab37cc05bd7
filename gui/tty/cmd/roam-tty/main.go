// Command roam-tty is Roam's terminal client without the desktop app: the
// same command line as `roam --tty` (and mosh-client's, when invoked under
// that name), built without cgo or Fyne. `roam` hands terminal sessions to
// it when it is installed beside it, so a session in a terminal does not
// carry the GUI's libraries in memory.
package main

import (
	"os"

	"github.com/roamterm/roam/gui/tty"
)

func main() { os.Exit(tty.Main(os.Args)) }
