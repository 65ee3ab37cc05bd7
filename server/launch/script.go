package launch

import (
	"fmt"
	"strconv"
	"strings"
)

// The remote side runs small POSIX sh scripts. Each is one line (csh cannot
// take a newline inside quotes) and avoids "!" (history expansion) and
// "\\", so that the one level of quoting around it reads the same in the
// user's shell whether that is sh, bash, zsh, fish or csh.

// loginLauncher runs "$1" with sh after the user's login shell has read its
// profile, so PATH additions in .profile, .bash_profile or .zprofile apply.
// Shells that cannot take -lc with sh syntax (fish, csh) are replaced by
// sh -l, which reads ~/.profile.
const loginLauncher = `case ${SHELL##*/} in sh|bash|zsh|ksh|ksh93|mksh|oksh|loksh|dash|ash|yash) ;; *) SHELL=/bin/sh ;; esac; ` +
	`exec "$SHELL" -lc 'exec sh -c "$1" roam' roam "$1"`

// loginShellCommand is the SSH command that runs script under the login
// environment.
func loginShellCommand(script string) string {
	return "exec sh -c " + shellQuote(loginLauncher) + " roam " + shellQuote(script)
}

// plainCommand is the SSH command that runs script with sh, without a
// login shell.
func plainCommand(script string) string {
	return "exec sh -c " + shellQuote(script)
}

// cacheDirExpr is the remote cache directory of one Roam version, as a
// shell expression.
func cacheDirExpr(version string) string {
	return `"${XDG_CACHE_HOME:-$HOME/.cache}/roam/` + version + `"`
}

// sumFunc defines sum FILE, printing the file's SHA-256 in hex, with
// whichever tool the host has (GNU, macOS/Perl, FreeBSD, OpenSSL).
const sumFunc = `sum() { { sha256sum "$1" || shasum -a 256 "$1" || sha256 -q "$1" || openssl dgst -sha256 -r "$1"; } 2>/dev/null | awk '{print $1; exit}'; }`

// moshServerPlaces are tried after PATH, in this order.
var moshServerPlaces = []string{"/usr/local/bin/mosh-server", "/opt/homebrew/bin/mosh-server",
	"/snap/bin/mosh-server", `$HOME/.local/bin/mosh-server`, "/usr/bin/mosh-server"}

// cachedServer is a roam-server the host may have cached: its file name in
// the cache directory and its digest.
type cachedServer struct {
	name, sha256 string
}

// startScript finds a server and execs it with args, printing
// "ROAM SERVER <path>" first. Without an override it tries the cached
// roam-servers (reporting "ROAM CORRUPT <path>" for one whose digest is
// wrong), then mosh-server unless skipMosh; if none is found it prints
// "ROAM NOSERVER <uname -s> <uname -m>". With reportSSHConnection it first
// prints mosh.pl's "MOSH SSH_CONNECTION …" line.
func startScript(version string, cached []cachedServer, override string, skipMosh, reportSSHConnection bool, args []string) string {
	quotedArgs := shellJoin(args)
	var s []string
	if reportSSHConnection {
		s = append(s, `printf "\nMOSH SSH_CONNECTION %s\n" "$SSH_CONNECTION"`)
	}
	if override != "" {
		// Unquoted, like mosh.pl's --server, so it may use ~ or words.
		s = append(s, "echo "+shellQuote("ROAM SERVER "+override), "exec "+override+" "+quotedArgs)
		return strings.Join(s, "; ")
	}
	if len(cached) > 0 {
		entries := make([]string, len(cached))
		for i, c := range cached {
			entries[i] = c.name + "=" + c.sha256
		}
		s = append(s, "d="+cacheDirExpr(version), sumFunc,
			`for e in `+strings.Join(entries, " ")+`; do f="$d/${e%%=*}"; if [ -f "$f" ]; then `+
				`if [ -x "$f" ] && [ "$(sum "$f")" = "${e#*=}" ]; then echo "ROAM SERVER $f"; exec "$f" `+quotedArgs+`; fi; `+
				`echo "ROAM CORRUPT $f"; fi; done`)
	}
	if !skipMosh {
		s = append(s, `for f in "$(command -v mosh-server 2>/dev/null)" `+strings.Join(quoteAllButHome(moshServerPlaces), " ")+
			`; do if [ -n "$f" ] && [ -f "$f" ] && [ -x "$f" ]; then echo "ROAM SERVER $f"; exec "$f" `+quotedArgs+`; fi; done`)
	}
	s = append(s, `echo "ROAM NOSERVER $(uname -s) $(uname -m)"`)
	return strings.Join(s, "; ")
}

// quoteAllButHome double-quotes paths, so $HOME still expands.
func quoteAllButHome(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = `"` + p + `"`
	}
	return out
}

// uploadScript stores its stdin under a unique temporary name in the cache
// directory, checks its digest, makes it executable and renames it into
// place: concurrent uploads of the same server each write their own file
// and the renames are atomic. It prints "ROAM UPLOADED <path>", or
// "ROAM NOSUM" / "ROAM BADSUM <digest>" and fails.
func uploadScript(version string, c cachedServer, tmpSuffix string) string {
	return strings.Join([]string{
		"umask 077",
		"d=" + cacheDirExpr(version),
		`mkdir -p "$d" || exit 1`,
		`t="$d/.` + c.name + `.` + tmpSuffix + `"`,
		`cat > "$t" || { rm -f "$t"; exit 1; }`,
		sumFunc,
		`h=$(sum "$t")`,
		`if [ -z "$h" ]; then rm -f "$t"; echo "ROAM NOSUM"; exit 1; fi`,
		`if [ "$h" = "` + c.sha256 + `" ]; then :; else rm -f "$t"; echo "ROAM BADSUM $h"; exit 1; fi`,
		`chmod 700 "$t" && mv -f "$t" "$d/` + c.name + `" && echo "ROAM UPLOADED $d/` + c.name + `"`,
	}, "; ")
}

// listScript prints "pid lstart args" for the user's processes.
const listScript = `ps -o pid= -o lstart= -o args= -u "$(id -u)"`

// killScript sends SIGTERM to those of pids that are still mosh or Roam
// servers (a pid may have been reused since it was listed) and prints
// "ROAM KILLED <pid>" for each.
func killScript(pids []int) string {
	words := make([]string, len(pids))
	for i, p := range pids {
		words[i] = strconv.Itoa(p)
	}
	return fmt.Sprintf(`for p in %s; do case "$(ps -o args= -p "$p" 2>/dev/null)" in *mosh-server*|*roam-server*) kill "$p" && echo "ROAM KILLED $p";; esac; done`,
		strings.Join(words, " "))
}
