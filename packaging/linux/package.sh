#!/bin/sh
# package.sh makes Roam's Linux packages from binaries already built:
#
#   packaging/linux/package.sh VERSION ROAM ROAM_SERVER OUTDIR [ARCH]
#
# writes OUTDIR/roam-VERSION-linux-ARCH.tar.xz (binaries, desktop entry
# with the bookmark MIME type, shared-mime-info XML, icons and install.sh)
# and OUTDIR/roam_VERSION_ARCH.deb. ARCH is Debian's name (amd64).
# COMPRESS_LEVEL (0-9, default 6) trades size for time; the tests use 0.
#
# `fyne package -os linux` makes a similar tar.xz, but without the MIME
# registration or a .deb, and it rebuilds the binary with its own cgo
# flags (minutes, here); the app sets its ID in code, so nothing is lost
# by assembling the package from `make build`'s binary.
set -eu

[ $# -ge 4 ] || { sed -n '2,6s/^# \{0,1\}//p' "$0" >&2; exit 2; }
version=$1 roam=$2 server=$3 out=$4 arch=${5:-amd64}
level=${COMPRESS_LEVEL:-6}
src=$(cd "$(dirname "$0")" && pwd)
icons=$src/../icons
app=dev.roamterm.roam
mime=application-x-roam-bookmark

for f in "$roam" "$server"; do
	[ -x "$f" ] || { echo "package.sh: $f is not a built binary (run make build)" >&2; exit 1; }
done
for tool in desktop-file-validate dpkg-deb dpkg-shlibdeps xz; do
	command -v $tool >/dev/null 2>&1 || { echo "package.sh: $tool is missing (run make deps)" >&2; exit 1; }
done
desktop-file-validate "$src/$app.desktop" "$src/$app-ssh.desktop"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out"
out=$(cd "$out" && pwd)

# layout DIR BINDIR SHAREDIR puts every file of the package under DIR.
layout() {
	install -D -m 755 "$roam" "$1/$2/roam"
	install -D -m 755 "$server" "$1/$2/roam-server"
	# The lean terminal client roam hands terminal sessions to, when built.
	if [ -x "$(dirname "$roam")/roam-tty" ]; then
		install -D -m 755 "$(dirname "$roam")/roam-tty" "$1/$2/roam-tty"
	fi
	install -D -m 644 "$src/$app.desktop" "$1/$3/applications/$app.desktop"
	install -D -m 644 "$src/$app-ssh.desktop" "$1/$3/applications/$app-ssh.desktop"
	install -D -m 644 "$src/$app.xml" "$1/$3/mime/packages/$app.xml"
	install -D -m 644 "$icons/roam.png" "$1/$3/icons/hicolor/512x512/apps/$app.png"
	install -D -m 644 "$icons/roam.png" "$1/$3/icons/hicolor/512x512/mimetypes/$mime.png"
}

# The archive: unpack anywhere, run install.sh.
name=roam-$version-linux-$arch
layout "$stage/$name" bin share
install -m 755 "$src/install.sh" "$stage/$name/install.sh"
tar -C "$stage" --owner=0 --group=0 --sort=name -cf - "$name" | xz -T0 -"$level" >"$out/$name.tar.xz"
echo "wrote $out/$name.tar.xz"

# The .deb: /usr, with the ssh:// handler left out (a system package must
# not take ssh:// links from every user; install.sh --ssh-handler does it
# per user). Debian's shared-mime-info and desktop-file-utils triggers
# refresh the caches on install, so no maintainer scripts are needed.
deb=$stage/deb
layout "$deb" usr/bin usr/share
rm "$deb/usr/share/applications/$app-ssh.desktop"
mkdir -p "$stage/shlibs/debian" "$deb/DEBIAN"
printf 'Source: roam\n\nPackage: roam\nArchitecture: any\n' >"$stage/shlibs/debian/control"
depends=$(cd "$stage/shlibs" && dpkg-shlibdeps -O --ignore-missing-info -e "$deb/usr/bin/roam" -e "$deb/usr/bin/roam-server" 2>/dev/null |
	sed -n 's/^shlibs:Depends=//p')
size=$(du -sk "$deb/usr" | cut -f1)
cat >"$deb/DEBIAN/control" <<EOF
Package: roam
Version: $version
Architecture: $arch
Maintainer: Roam developers <roam@roamterm.dev>
Installed-Size: $size
Depends: ${depends:-libc6}
Recommends: openssh-client
Section: net
Priority: optional
Homepage: https://github.com/roamterm/roam
Description: mobile shell: a remote terminal that survives roaming
 Roam speaks mosh's protocol: sessions survive changes of network, sleep
 and bad links, with local echo of typing. It carries roam-server builds
 for other platforms and uploads one to hosts that lack a server.
EOF
dpkg-deb --root-owner-group -Zxz -z"$level" --build "$deb" "$out/roam_${version}_$arch.deb" >/dev/null
echo "wrote $out/roam_${version}_$arch.deb"
