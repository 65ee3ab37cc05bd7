// Command roam is Roam's client: a mobile shell that speaks mosh's
// protocol. See gui/tty for its command line.
package main

import (
	"os"
	"runtime"

	"fyne.io/fyne/v2/app"

	"github.com/roamterm/roam/gui"
	"github.com/roamterm/roam/gui/instance"
	"github.com/roamterm/roam/gui/tty"
)

func main() {
	inv, err := tty.ParseArgs(os.Args[0], os.Args[1:], os.LookupEnv)
	if err == nil && wantsWindow(inv) && haveDisplay() {
		// As mosh-client: the key must not linger where child processes
		// and /proc/PID/environ can see it.
		os.Unsetenv("MOSH_KEY")
		os.Exit(runWindow(inv))
	}
	// Everything else is a terminal session or a one-shot command, which
	// the lean roam-tty beside us does without the GUI's libraries.
	execTerminalClient()
	os.Exit(tty.Main(os.Args))
}

// wantsWindow reports whether inv is a session the app shows in a
// window: a bare "roam" (a local session), "roam [user@]host", "roam
// x.roam" and "roam ssh://…", unless --tty asks for the terminal.
func wantsWindow(inv tty.Invocation) bool {
	return !inv.TTY && (inv.Action == tty.ActionLocal || inv.Action == tty.ActionSSH)
}

// haveDisplay reports whether a window can be opened: on X11 and Wayland
// systems only with a display to connect to, so that roam over SSH falls
// back to the terminal.
func haveDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// runWindow runs inv's session in a window. A connection (a host, a
// bookmark file double-clicked, an ssh URL) is first offered to a Roam
// already running, which opens it in a new window of its own; this
// process then has nothing left to do.
func runWindow(inv tty.Invocation) int {
	tty.DisableCoreDumps() // the window's sessions hold keys too
	opts := gui.Options{
		Command:        inv.Command,
		StartLocal:     tty.StartLocalServer,
		SingleInstance: true,
		Predict:        inv.Options.Predict,
		PredictSet:     inv.Options.PredictSet,
		Escape:         inv.Options.Escape,
	}
	if inv.Action == tty.ActionSSH {
		if handed, _ := instance.Forward(os.Args[1:]); handed {
			return 0
		}
		opts.SSH = &inv
	}
	if err := gui.Run(app.NewWithID("dev.roamterm.roam"), opts); err != nil {
		return tty.Fail(err)
	}
	return 0
}
