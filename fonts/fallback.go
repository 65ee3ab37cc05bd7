package fonts

import (
	"os"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Fallback finds, for a character, the first of a list of font files that
// has a glyph for it. Files are opened and parsed lazily, only as far down
// the list as a search needs to go, and each answer is cached per rune, so
// that looking up the same character again costs a map lookup.
//
// The zero value has no files. A Fallback is safe for concurrent use.
type Fallback struct {
	mu     sync.Mutex
	files  []string
	parsed []*sfnt.Font // fonts parsed so far, in the order of files
	next   int          // index in files of the next file to parse
	byRune map[rune]*sfnt.Font
	buf    sfnt.Buffer
}

// maxCachedRunes bounds the per-rune cache; hostile output full of distinct
// missing characters must not grow memory without limit.
const maxCachedRunes = 1 << 16

// NewFallback returns a Fallback that searches files in order; a .ttc or
// .otc collection contributes each of its fonts.
func NewFallback(files []string) *Fallback {
	return &Fallback{files: files}
}

// NewSystemFallback returns a Fallback over the fonts installed on this
// system (FindFiles of SystemDirs). The directories are walked when the
// first lookup needs them, not here, so creating it costs nothing.
func NewSystemFallback() *Fallback {
	return &Fallback{files: nil, next: -1}
}

// Font returns the first font that has a glyph for r, or nil if none has.
func (f *Fallback) Font(r rune) *sfnt.Font {
	f.mu.Lock()
	defer f.mu.Unlock()
	if font, ok := f.byRune[r]; ok {
		return font
	}
	font := f.search(r)
	if f.byRune == nil {
		f.byRune = make(map[rune]*sfnt.Font)
	}
	if len(f.byRune) < maxCachedRunes {
		f.byRune[r] = font
	}
	return font
}

// search looks through the parsed fonts, then parses further files until
// one has r. f.mu is held.
func (f *Fallback) search(r rune) *sfnt.Font {
	for _, font := range f.parsed {
		if f.has(font, r) {
			return font
		}
	}
	if f.next < 0 {
		f.files = FindFiles(SystemDirs())
		f.next = 0
	}
	for f.next < len(f.files) {
		fonts := parseFile(f.files[f.next])
		f.next++
		f.parsed = append(f.parsed, fonts...)
		for _, font := range fonts {
			if f.has(font, r) {
				return font
			}
		}
	}
	return nil
}

func (f *Fallback) has(font *sfnt.Font, r rune) bool {
	i, err := font.GlyphIndex(&f.buf, r)
	return err == nil && i != 0
}

// parseFile parses a font file, or every font of a collection. The file
// stays open for the life of the process: sfnt reads glyphs from it on
// demand, which keeps large CJK fonts out of memory. A file that cannot be
// parsed yields no fonts.
func parseFile(path string) []*sfnt.Font {
	file, all := openFonts(path)
	var fonts []*sfnt.Font
	for _, font := range all {
		if font != nil {
			fonts = append(fonts, font)
		}
	}
	if len(fonts) == 0 && file != nil {
		file.Close()
	}
	return fonts
}

// openFonts opens a font file and parses the font in it, or each font of
// a collection in order, nil for one that cannot be parsed. The caller
// closes the file (nil if it could not be opened) once done with the
// fonts, which read from it.
func openFonts(path string) (*os.File, []*sfnt.Font) {
	file, err := os.Open(path)
	if err != nil {
		return nil, nil
	}
	if isCollection(path) {
		c, err := sfnt.ParseCollectionReaderAt(file)
		if err != nil {
			return file, nil
		}
		fonts := make([]*sfnt.Font, c.NumFonts())
		for i := range fonts {
			fonts[i], _ = c.Font(i) // nil when it fails
		}
		return file, fonts
	}
	font, err := sfnt.ParseReaderAt(file)
	if err != nil {
		return file, nil
	}
	return file, []*sfnt.Font{font}
}
