// Package packagetest checks Roam's packages the way a user meets them:
// its tests build the Linux archive and .deb from the current source with
// packaging/linux/package.sh, install the archive into a temporary
// prefix with its install.sh and ask the desktop tools (desktop-file-
// validate, update-mime-database, xdg-mime, gio) what they make of it;
// they lint the macOS Info.plist and the Windows registration script.
//
// The package has no code of its own, only tests.
package packagetest
