#!/bin/sh
# install-deps.sh installs what building and testing Roam needs and is not
# there yet: the Go toolchain check, Fyne's cgo libraries, and the real
# programs the tests drive (mosh, tmux, OpenSSH's sshd, Xvfb, xdotool).
#
# On Debian/Ubuntu it runs apt-get when it is root (or via sudo when asked
# with ROAM_USE_SUDO=1); otherwise it prints the exact command to run.
# On macOS and Windows it says what to install by hand.
set -eu

PACKAGES="gcc pkg-config libgl1-mesa-dev libgl1-mesa-dri libx11-dev libxcursor-dev
libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth xdotool
mosh openssh-server openssh-client tmux iproute2 nftables util-linux procps
ca-certificates file desktop-file-utils imagemagick shared-mime-info
xdg-utils libglib2.0-bin libplist-utils dpkg-dev xz-utils vim-tiny fonts-dejavu-core"

# make package-windows cross-compiles with Debian's mingw-w64 (100 MB), so
# it is installed only when that target asks (ROAM_CROSS_WINDOWS=1).
if [ "${ROAM_CROSS_WINDOWS:-0}" = 1 ]; then
	PACKAGES="$PACKAGES gcc-mingw-w64-x86-64 zip"
fi

need_go() {
	if ! command -v go >/dev/null 2>&1; then
		echo "install-deps: Go is not installed. Install Go 1.26 or newer from the Go website" >&2
		echo "  (or any Go >= 1.21 with GOTOOLCHAIN=auto, which fetches the version go.mod asks for)." >&2
		exit 1
	fi
}

case "$(uname -s)" in
Darwin)
	need_go
	echo "install-deps: on macOS install Xcode's command line tools (xcode-select --install)"
	echo "  and, for the tests, 'brew install mosh tmux'. Nothing else is needed to build."
	exit 0
	;;
MINGW* | MSYS* | CYGWIN*)
	need_go
	echo "install-deps: on Windows install a gcc for cgo (e.g. MSYS2's mingw-w64-x86_64-gcc)."
	echo "  The local session and the tests need a Unix host; build with 'go build -o bin/roam.exe .'."
	exit 0
	;;
esac

need_go

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: not a Debian/Ubuntu system; install the equivalents of:" >&2
	echo "  $PACKAGES" | tr '\n' ' ' >&2
	echo >&2
	exit 0
fi

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif [ "${ROAM_USE_SUDO:-0}" = 1 ]; then
	sudo="sudo "
else
	echo "install-deps: missing packages:$missing" >&2
	echo "  run: sudo apt-get update && sudo $cmd" >&2
	echo "  (or run make with ROAM_USE_SUDO=1)" >&2
	exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
${sudo}apt-get update -q
${sudo}$cmd
