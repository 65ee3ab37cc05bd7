// Command roam is Roam's client: a mobile shell that speaks mosh's
// protocol. See gui/tty for its command line.
package main

import (
	"os"
	"runtime"

	"fyne.io/fyne/v2/app"

	"github.com/roamterm/roam/gui"
	"github.com/roamterm/roam/gui/tty"
)

func main() {
	inv, err := tty.ParseArgs(os.Args[0], os.Args[1:], os.LookupEnv)
	if err == nil && inv.Action == tty.ActionLocal && !inv.TTY && haveDisplay() {
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

// runWindow runs inv's local session in a window.
func runWindow(inv tty.Invocation) int {
	_, predictSet := os.LookupEnv("MOSH_PREDICTION_DISPLAY")
	err := gui.Run(app.NewWithID("dev.roamterm.roam"), gui.Options{
		Command:    inv.Command,
		StartLocal: tty.StartLocalServer,
		Predict:    inv.Options.Predict,
		PredictSet: predictSet,
		Escape:     inv.Options.Escape,
	})
	if err != nil {
		return tty.Fail(err)
	}
	return 0
}
