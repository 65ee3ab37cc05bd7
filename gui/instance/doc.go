// Package instance makes Roam a single-instance app on the desktop: when
// a file manager or a browser starts "roam x.roam" (or "roam ssh://…")
// while Roam is already running, the new process hands its arguments to
// the running one, which opens them in a new window, and exits.
//
// The first process calls Listen; every later one first calls Forward
// and exits 0 if it reports a hand-off:
//
//	if ok, _ := instance.Forward(args); ok {
//		os.Exit(0)
//	}
//	srv, err := instance.Listen(ctx, openInNewWindow)
//
// On Unix the processes meet at a socket in a directory only the user
// can enter ($XDG_RUNTIME_DIR/roam, or roam in the user cache
// directory). A lock file held for the server's lifetime tells a live
// instance from a socket left behind by a crash. On Windows there is no
// hand-off yet: Forward reports none and every process runs on its own.
//
// The package does not import Fyne.
package instance
