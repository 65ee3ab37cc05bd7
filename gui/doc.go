// Package gui is Roam's desktop app: windows that each run one session
// (protocol/session.Client) and show it in a terminal view
// (gui/termview), with the window title from the remote, the connection
// banner, clipboard policy, zoom and settings.
//
// Run opens the first window and runs Fyne's event loop. A bare "roam"
// opens a local session: roam-server started on 127.0.0.1 (see
// Options.StartLocal) and reached over the real UDP protocol.
//
// The package does not import fyne.io/fyne/v2/app: the root package
// creates the fyne.App (its GL driver costs minutes to build), so that
// this package's tests run on Fyne's headless test driver.
package gui
