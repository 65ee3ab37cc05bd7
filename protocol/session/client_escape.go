package session

// defaultEscape is mosh-client's escape key, Ctrl-^ (0x1E).
const defaultEscape = 0x1e

// EscapeKey is the client's escape key (mosh-client's MOSH_ESCAPE_KEY):
// escape then "." quits, escape then Ctrl-Z suspends, escape then the key
// without Ctrl (or the key itself, if printable) types the escape key, and
// escape then anything else sends both bytes. A printable escape key only
// acts right after a CR or LF, so that it can still be typed in text.
//
// The zero value is mosh's default, Ctrl-^.
type EscapeKey struct {
	key      byte // 0: the default
	disabled bool
}

// ParseEscapeKey interprets MOSH_ESCAPE_KEY as mosh-client does: set
// reports whether the variable exists. An empty value disables the escape
// key; a single ASCII character other than NUL, Ctrl-C, Ctrl-D, LF, Ctrl-L
// and CR becomes the escape key; anything else means the default, Ctrl-^.
func ParseEscapeKey(value string, set bool) EscapeKey {
	switch {
	case !set:
		return EscapeKey{}
	case value == "":
		return EscapeKey{disabled: true}
	case len(value) != 1 || value[0] == 0 || value[0] >= 0x80:
		return EscapeKey{}
	}
	switch b := value[0]; b {
	case 0x03, 0x04, '\n', 0x0c, '\r':
		// "There are so many better ways to shoot oneself into leg."
		return EscapeKey{}
	default:
		return EscapeKey{key: b}
	}
}

// Enabled reports whether there is an escape key at all.
func (k EscapeKey) Enabled() bool { return !k.disabled }

// Byte returns the escape key's byte.
func (k EscapeKey) Byte() byte {
	if k.key == 0 {
		return defaultEscape
	}
	return k.key
}

// control reports whether the escape key is a control character, which
// acts anywhere (any other only after CR or LF).
func (k EscapeKey) control() bool { return k.Byte() < 0x20 }

// passKeys are the bytes that, after the escape key, type the escape key
// itself: the key without Ctrl ("^" for Ctrl-^), and for a letter also its
// lower-case form.
func (k EscapeKey) passKeys() (byte, byte) {
	pass := k.Byte()
	if pass < 0x20 {
		pass += '@'
	}
	pass2 := pass
	if pass >= 'A' && pass <= 'Z' {
		pass2 = pass + 'a' - 'A'
	}
	return pass, pass2
}

// Name returns the key as mosh-client names it: "Ctrl-^", or the quoted
// character for a printable key.
func (k EscapeKey) Name() string {
	pass, _ := k.passKeys()
	if k.Byte() < 0x20 {
		return "Ctrl-" + string(rune(pass))
	}
	return quoted(k.Byte())
}

// quoted puts b in double quotes, as mosh's "\"%c\"" does.
func quoted(b byte) string { return `"` + string(rune(b)) + `"` }

// QuitHint is the reminder the notification bar ends with, such as
// " [To quit: Ctrl-^ .]"; empty when the escape key is disabled.
func (k EscapeKey) QuitHint() string {
	if k.disabled {
		return ""
	}
	return " [To quit: " + k.Name() + " .]"
}

// Help is the notification shown after the escape key was typed.
func (k EscapeKey) Help() string {
	pass, _ := k.passKeys()
	return `Commands: Ctrl-Z suspends, "." quits, ` + quoted(pass) + " gives literal " + k.Name()
}

// escapeAction is what a byte of user input asked for besides being sent.
type escapeAction uint8

const (
	actionNone    escapeAction = iota
	actionHelp                 // the escape key was typed: show its help
	actionDone                 // the escape sequence ended: hide the help
	actionQuit                 // escape "."
	actionSuspend              // escape Ctrl-Z
	actionRepaint              // Ctrl-L: redraw the local display
)

// escapeFilter is mosh-client's escape-key state machine over the user's
// input bytes. Its zero value (with key set) is the state at start-up, in
// which a printable escape key does not act yet.
type escapeFilter struct {
	key       EscapeKey
	started   bool // the escape key was the previous byte
	lfEntered bool // the previous byte was CR or LF
}

// filter appends to out the bytes of in that go to the server and calls
// act for every action, in order. It stops after a quit: mosh ignores the
// rest of that read.
func (f *escapeFilter) filter(out, in []byte, act func(escapeAction)) []byte {
	esc := f.key.Byte()
	pass, pass2 := f.key.passKeys()
	for _, b := range in {
		if f.started {
			f.started = false
			switch {
			case b == '.':
				act(actionQuit)
				return out
			case b == 0x1a:
				act(actionSuspend)
			case b == pass || b == pass2:
				out = append(out, esc)
			default:
				out = append(out, esc, b)
			}
			act(actionDone)
			continue
		}
		if f.key.Enabled() && b == esc && (f.lfEntered || f.key.control()) {
			f.started = true
			f.lfEntered = false
			act(actionHelp)
			continue
		}
		f.lfEntered = b == '\n' || b == '\r'
		if b == 0x0c {
			act(actionRepaint)
		}
		out = append(out, b)
	}
	return out
}
