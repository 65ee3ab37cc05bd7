package statesync

// KeyTranslator rewrites the user's cursor keys for the remote
// application, as mosh-server's Terminal::UserInput does.
//
// The real mosh-client puts the user's terminal in application cursor
// mode, so arrows arrive as SS3 sequences (ESC O A..D). Unless the remote
// application itself asked for application cursor keys (DECCKM), the
// server turns them into the normal-mode CSI form (ESC [ A..D). Every
// other byte passes through unchanged.
//
// The translator keeps state between calls, so a sequence split across
// two writes (ESC at the end of one, O at the start of the next) is still
// recognised: the O is held back until the byte after it arrives. The
// zero value is ready to use.
type KeyTranslator struct {
	state keyState
}

type keyState uint8

const (
	keyGround keyState = iota
	keyEscape          // after ESC
	keySS3             // after ESC O; the O is held back
)

// Translate appends the translation of src to dst and returns the result.
// appCursorKeys is whether the remote application has enabled DECCKM.
func (k *KeyTranslator) Translate(dst, src []byte, appCursorKeys bool) []byte {
	for _, c := range src {
		switch k.state {
		case keyGround:
			if c == 0x1b {
				k.state = keyEscape
			}
			dst = append(dst, c)
		case keyEscape:
			if c == 'O' {
				k.state = keySS3
				continue
			}
			// A second ESC also lands here and returns to the ground
			// state, exactly as mosh does: ESC ESC O A is not translated.
			k.state = keyGround
			dst = append(dst, c)
		case keySS3:
			k.state = keyGround
			if !appCursorKeys && 'A' <= c && c <= 'D' {
				dst = append(dst, '[', c)
			} else {
				dst = append(dst, 'O', c)
			}
		}
	}
	return dst
}
