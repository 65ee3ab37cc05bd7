// Package gui is Roam's desktop app: windows that each run one session
// (protocol/session.Client) and show it in a terminal view
// (gui/termview), with the window title from the remote, the connection
// banner, clipboard policy, zoom and settings.
//
// Run opens the first window and runs Fyne's event loop. A bare "roam"
// opens a local session: roam-server started on 127.0.0.1 (see
// Options.StartLocal) and reached over the real UDP protocol.
// "roam [user@]host", "roam x.roam" (a bookmark file, package bookmark)
// and "roam ssh://user@host:port" open a window at once and reach the
// host over SSH with package launch on a goroutine (Options.SSH). The
// questions SSH asks are dialogs in that window: an unknown host key with
// its SHA256 fingerprint (accept once, accept and remember, cancel),
// passphrases, passwords and keyboard-interactive prompts in masked
// entries, consent to upload Roam's server, then the upload's progress;
// notices go to the banner. A failure is shown in a dialog with the
// diagnosis's explanation and fix (launch.Diagnosis), a changed host key
// in a distinct red warning. A server that sends nothing within
// tty.FirstContactTimeout is taken to be behind a UDP block, with that
// diagnosis. Closing the window abandons a connection under way.
//
// The Session menu of every window:
//
//	New Local Window   Ctrl+Shift+T (Cmd+Shift+T)  a local session
//	Connect…           Ctrl+Shift+O                host, user, port, command
//	Bookmarks…         Ctrl+Shift+N                the bookmarks window
//	Close Window       Ctrl+Shift+W
//
// (Ctrl+Shift+N opened a local window before the bookmarks existed; that
// is Ctrl+Shift+T now.) The bookmarks window lists the store's bookmarks,
// files that do not load with their error, with a search box (Up and Down
// move the selection, Enter connects), connect on double-click, create,
// edit (validated before saving), duplicate, delete, export, import of
// ~/.ssh/config, and the recent connections. It opens by itself on the
// first run, beside the first session.
//
// Each window keeps the session's scrollback (session.Frame.History) in
// its view: the wheel, Shift+PgUp/PgDn/Home/End and a scrollbar scroll
// it, Edit → Find… (Ctrl+Shift+F, Cmd+F) opens a search bar over the
// top-right corner (search.go), and on the remote's alternate screen the
// wheel sends arrow keys instead, as other terminals do.
//
// Settings… (View menu, Ctrl+Shift+,) edits package settings in a dialog:
// theme, palette (a built-in one of termview.PaletteNames, or custom
// colours, each editable as #rrggbb or with a colour picker), font family
// (Go Mono or an installed monospaced family, fonts.Families), size,
// prediction, cursor and clipboard; saving applies them to every window.
// A window opened from a bookmark uses the bookmark's font, font_size,
// theme and palette instead, for that window only, whatever the settings
// later say; zooming it changes it alone. A font family that is not
// installed is logged and drawn as Go Mono.
//
// Double-clicking bookmarks: with Options.SingleInstance the app listens
// for later roam processes (package instance), which hand it their
// command line and exit; each hand-off opens a new window. On macOS,
// Finder passes documents and URLs to a running app as Apple Events
// (application:openFiles:), which Fyne 2.7 does not expose to apps
// (fyne-io/fyne#5812), so there a double-clicked bookmark starts the app
// without the file; the command line and the bookmarks window work.
//
// The package does not import fyne.io/fyne/v2/app: the root package
// creates the fyne.App (its GL driver costs minutes to build), so that
// this package's tests run on Fyne's headless test driver.
package gui
