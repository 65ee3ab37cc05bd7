package tty

import (
	"fmt"
	"strings"
)

// localeError explains a non-UTF-8 locale as mosh-client does.
func localeError(program string, getenv func(string) (string, bool)) error {
	name, value, charset := ctype(getenv)
	if isUTF8(charset) {
		return nil
	}
	env := "no locale variable set"
	if name != "" {
		env = name + "=" + value
	}
	return &ExitError{
		Message: fmt.Sprintf("%s needs a UTF-8 native locale to run.\n\n"+
			"Unfortunately, the client's environment (%s) specifies\nthe character set %q.\n",
			program, env, charset),
		Code: 1,
	}
}

// ctype returns the variable that decides the character type locale
// (LC_ALL, then LC_CTYPE, then LANG, as setlocale does), its value, and
// the character set it names. The C locale's is US-ASCII ("ANSI_X3.4-1968"
// in glibc's words).
func ctype(getenv func(string) (string, bool)) (name, value, charset string) {
	for _, n := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v, ok := getenv(n); ok && v != "" {
			name, value = n, v
			break
		}
	}
	charset = "ANSI_X3.4-1968"
	if _, cs, ok := strings.Cut(value, "."); ok {
		cs, _, _ = strings.Cut(cs, "@")
		charset = cs
	}
	return name, value, charset
}

// isUTF8 reports whether a locale's character set is UTF-8, however it is
// spelt ("UTF-8", "utf8").
func isUTF8(charset string) bool {
	c := strings.ToLower(strings.ReplaceAll(charset, "-", ""))
	return c == "utf8"
}
