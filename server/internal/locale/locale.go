// Package locale decides, as mosh-server does at start-up, whether the
// server runs in a UTF-8 locale and, if not, adopts the locale variables
// the client offered with -l.
//
// It reads environment variables only; it does not ask the C library,
// which a cgo-free binary cannot do. The character set is taken from the
// codeset part of the LC_CTYPE locale name that setlocale(LC_ALL, "")
// would pick (LC_ALL, then LC_CTYPE, then LANG). A name whose locale is
// not installed is therefore still taken at its word, where mosh-server
// would fall back to "C" and refuse.
package locale

import (
	"fmt"
	"strings"
)

// Vars are the environment variables that make up the locale; mosh
// clears all of them before adopting the client's.
var Vars = []string{
	"LANG", "LANGUAGE", "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE",
	"LC_MONETARY", "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS",
	"LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION", "LC_ALL",
}

// NotUTF8Error reports that neither the server's own environment nor the
// client's offer gives a UTF-8 character set.
type NotUTF8Error struct {
	// Native and Client describe the LC_CTYPE source of each environment,
	// e.g. `LANG=C`, and the character set it names.
	Native, NativeCharset string
	Client, ClientCharset string
}

func (e *NotUTF8Error) Error() string {
	return fmt.Sprintf("roam-server needs a UTF-8 native locale to run.\n\n"+
		"Unfortunately, the local environment (%s) specifies\nthe character set \"%s\",\n\n"+
		"The client-supplied environment (%s) specifies\nthe character set \"%s\".\n",
		e.Native, e.NativeCharset, e.Client, e.ClientCharset)
}

// Resolve returns the environment the server should run in, given its
// own environment (as os.Environ returns it) and the client's -l offers
// (NAME=VALUE). If env already has a UTF-8 character set it is returned
// unchanged and the offers are ignored. Otherwise every locale variable is
// removed and the offers are added; if that is still not UTF-8, Resolve
// returns a *NotUTF8Error.
func Resolve(env, offers []string) ([]string, error) {
	native, nativeCharset := ctype(env)
	if IsUTF8(nativeCharset) {
		return env, nil
	}
	out := make([]string, 0, len(env)+len(offers))
	for _, kv := range env {
		if !isLocaleVar(kv) {
			out = append(out, kv)
		}
	}
	for _, kv := range offers {
		if strings.Contains(kv, "=") {
			out = append(out, kv)
		}
	}
	client, clientCharset := ctype(out)
	if !IsUTF8(clientCharset) {
		return nil, &NotUTF8Error{native, nativeCharset, client, clientCharset}
	}
	return out, nil
}

// IsUTF8 reports whether a character set name means UTF-8 ("UTF-8",
// "utf8", ...).
func IsUTF8(charset string) bool {
	c := strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(charset))
	return c == "utf8"
}

// ctype returns the variable that decides LC_CTYPE in env ("LANG=C", or
// "[no charset variables]") and the character set its locale name gives.
func ctype(env []string) (source, charset string) {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := lookup(env, name); v != "" {
			return name + "=" + v, Charset(v)
		}
	}
	return "[no charset variables]", Charset("C")
}

// Charset returns the character set a locale name (language[_territory]
// [.codeset][@modifier]) selects: its codeset, US-ASCII for the C and
// POSIX locales, or "unknown" when the name does not say.
func Charset(name string) string {
	name, _, _ = strings.Cut(name, "@")
	if _, codeset, ok := strings.Cut(name, "."); ok {
		return codeset
	}
	switch {
	case name == "C" || name == "POSIX":
		return "US-ASCII"
	case IsUTF8(name):
		// macOS sets LC_CTYPE=UTF-8 with no language.
		return name
	}
	return "unknown"
}

func lookup(env []string, name string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == name {
			v = val // the last one wins, as for os/exec
		}
	}
	return v
}

func isLocaleVar(kv string) bool {
	k, _, _ := strings.Cut(kv, "=")
	for _, v := range Vars {
		if k == v {
			return true
		}
	}
	return false
}
