#!/bin/sh
# install.sh installs Roam from this unpacked archive.
#
#   ./install.sh               as a user: into ~/.local (bin, share)
#   sudo ./install.sh          as root: into /usr/local
#   ./install.sh --prefix DIR  into DIR/bin and DIR/share
#   ./install.sh --ssh-handler also make Roam open ssh:// links, for this
#                              user only (not done unless asked: ssh://
#                              links are every ssh client's business)
#   ./install.sh --uninstall   remove what the same options installed
#
# It registers *.roam bookmarks (application/x-roam-bookmark) with the
# desktop by running update-mime-database and update-desktop-database
# when they are installed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
app=dev.roamterm.roam
mime=application-x-roam-bookmark

if [ "$(id -u)" -eq 0 ]; then
	prefix=/usr/local
	data=$prefix/share
else
	prefix=$HOME/.local
	data=${XDG_DATA_HOME:-$HOME/.local/share}
fi
uninstall=0
ssh_handler=0
while [ $# -gt 0 ]; do
	case $1 in
	--prefix)
		[ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }
		prefix=$2
		data=$2/share
		shift
		;;
	--prefix=*)
		prefix=${1#--prefix=}
		data=$prefix/share
		;;
	--user)
		prefix=$HOME/.local
		data=${XDG_DATA_HOME:-$HOME/.local/share}
		;;
	--system)
		prefix=/usr/local
		data=$prefix/share
		;;
	--ssh-handler) ssh_handler=1 ;;
	--uninstall) uninstall=1 ;;
	-h | --help)
		sed -n '2,14s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*)
		echo "install.sh: unknown option $1 (try --help)" >&2
		exit 2
		;;
	esac
	shift
done

files="bin/roam bin/roam-server share/applications/$app.desktop
share/mime/packages/$app.xml
share/icons/hicolor/512x512/apps/$app.png
share/icons/hicolor/512x512/mimetypes/$mime.png"
[ $ssh_handler = 1 ] && files="$files share/applications/$app-ssh.desktop"

# dest maps a file of the archive to where it goes.
dest() {
	case $1 in
	bin/*) echo "$prefix/$1" ;;
	share/*) echo "$data/${1#share/}" ;;
	esac
}

refresh() {
	if command -v update-mime-database >/dev/null 2>&1; then
		update-mime-database "$data/mime"
	fi
	if command -v update-desktop-database >/dev/null 2>&1; then
		update-desktop-database -q "$data/applications"
	fi
	if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
		gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
	fi
}

if [ $uninstall = 1 ]; then
	for f in $files; do
		rm -f "$(dest "$f")"
	done
	refresh
	echo "Roam removed from $prefix"
	exit 0
fi

for f in $files; do
	to=$(dest "$f")
	mkdir -p "$(dirname "$to")"
	case $f in
	bin/*) mode=755 ;;
	*) mode=644 ;;
	esac
	case $f in
	*.desktop)
		# The desktop starts Exec without the user's shell PATH (which may
		# lack ~/.local/bin), so it names the installed binary.
		sed "s|^Exec=roam |Exec=$prefix/bin/roam |" "$here/$f" >"$to.tmp"
		chmod $mode "$to.tmp"
		mv "$to.tmp" "$to"
		;;
	*)
		cp "$here/$f" "$to.tmp"
		chmod $mode "$to.tmp"
		mv "$to.tmp" "$to"
		;;
	esac
done
refresh

if [ $ssh_handler = 1 ]; then
	if command -v xdg-mime >/dev/null 2>&1; then
		xdg-mime default "$app-ssh.desktop" x-scheme-handler/ssh
	else
		echo "install.sh: xdg-mime not found; choose Roam for ssh:// links in your desktop's settings" >&2
	fi
fi

echo "Roam installed in $prefix (run $prefix/bin/roam)"
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "note: $prefix/bin is not on your PATH" ;;
esac
