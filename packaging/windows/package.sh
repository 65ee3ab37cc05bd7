#!/bin/sh
# package.sh makes Roam's Windows zip from a cross-built roam.exe:
#
#   packaging/windows/package.sh VERSION ROAM_EXE OUTDIR
#
# writes OUTDIR/roam-VERSION-windows-amd64.zip with roam.exe, the per-user
# registration scripts (register.cmd runs register.ps1) and a README. It
# refuses an exe that is not a 64-bit GUI program: a console-subsystem
# build would open a console window beside every Roam window.
set -eu

[ $# -eq 3 ] || { sed -n '2,5s/^# \{0,1\}//p' "$0" >&2; exit 2; }
version=$1 exe=$2 out=$3
src=$(cd "$(dirname "$0")" && pwd)

kind=$(file -b "$exe")
case $kind in
"PE32+ executable (GUI) x86-64"*) ;;
*)
	echo "package.sh: $exe is \"$kind\", not a PE32+ GUI x86-64 executable" >&2
	exit 1
	;;
esac
echo "$exe: $kind"

name=roam-$version-windows-amd64
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$out"
cp "$exe" "$stage/$name/roam.exe"
cp "$src/register.ps1" "$src/register.cmd" "$stage/$name/"
sed "s/@VERSION@/$version/; s/\$/\r/" "$src/README.txt" >"$stage/$name/README.txt"
out=$(cd "$out" && pwd)
rm -f "$out/$name.zip"
(cd "$stage" && zip -q -r -X "$out/$name.zip" "$name")
echo "wrote $out/$name.zip"
