#!/bin/sh
# package.sh makes Roam.app on a Mac, from binaries `make build` made:
#
#   packaging/darwin/package.sh --check-host   exit 1 with a message unless on macOS
#   packaging/darwin/package.sh VERSION ROAM ROAM_SERVER OUTDIR
#
# It runs `fyne package -os darwin --exe ROAM` (fyne.io/tools v1.7.4,
# installed into bin/tools if missing) from the repository root, so the
# name, ID and icon come from FyneApp.toml; puts packaging/darwin/Info.plist
# (document type and UTI for *.roam) in place of the generated one; adds
# roam-server for the local session; signs ad hoc; and zips the bundle to
# OUTDIR/roam-VERSION-darwin-ARCH.zip.
#
# A Mac is needed: Fyne's GL and GLFW code links Apple's frameworks, and
# their SDK cannot be had on Linux.
set -eu

if [ "$(uname -s)" != Darwin ]; then
	echo "package-darwin: Roam.app can only be built on macOS (Fyne links Apple's Cocoa and OpenGL frameworks)." >&2
	echo "  On a Mac with Go and Xcode's command line tools, run: make package-darwin" >&2
	exit 1
fi
[ "${1:-}" = --check-host ] && exit 0
[ $# -eq 4 ] || { sed -n '2,5s/^# \{0,1\}//p' "$0" >&2; exit 2; }
version=$1 roam=$2 server=$3 out=$4
src=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$src/../.." && pwd)

fyne=$root/bin/tools/fyne
if [ ! -x "$fyne" ]; then
	GOBIN=$root/bin/tools go install fyne.io/tools/cmd/fyne@v1.7.4
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
(cd "$root" && "$fyne" package -os darwin --exe "$roam" --release=false)
mv "$root/Roam.app" "$stage/Roam.app"
app=$stage/Roam.app
plist=$app/Contents/Info.plist

buddy=/usr/libexec/PlistBuddy
exe=$($buddy -c 'Print :CFBundleExecutable' "$plist")
icon=$($buddy -c 'Print :CFBundleIconFile' "$plist")
sed -e "s/@VERSION@/$version/g" -e "s/@EXECUTABLE@/$exe/g" -e "s/@ICON@/$icon/g" \
	"$src/Info.plist" >"$plist"
plutil -lint "$plist"
install -m 755 "$server" "$app/Contents/MacOS/roam-server"
codesign --force --deep --sign - "$app"

mkdir -p "$out"
zip=$out/roam-$version-darwin-$(uname -m).zip
rm -f "$zip"
ditto -c -k --keepParent "$app" "$zip"
echo "wrote $zip"
