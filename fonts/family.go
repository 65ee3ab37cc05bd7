package fonts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// GoMonoFamily is the name of the embedded family, the default.
const GoMonoFamily = "Go Mono"

// ErrNoFamily is returned (wrapped) by LoadFamily when no installed font
// belongs to the family asked for.
var ErrNoFamily = errors.New("fonts: no such font family")

// face is one font of a family: where it is, and its style as its name
// table gives it.
type face struct {
	path  string
	index int // in a collection; 0 for a single font
	// family is the typographic family name (name ID 16, else 1);
	// subfamily the style name within it ("Bold Oblique").
	family, subfamily string
	mono              bool
}

// Families returns the names of the monospaced families installed in
// dirs, sorted, without duplicates: the families a terminal can use.
// Go Mono, embedded, is not among them unless it is installed too.
func Families(dirs []string) []string {
	var names []string
	for _, f := range scanFaces(FindFiles(dirs)) {
		if f.mono {
			names = append(names, f.family)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// LoadFamily parses the installed family name (matched without regard to
// case) found in dirs and returns its fonts by Style. A style the family
// lacks is filled with the family's regular font, so that bold text at
// least keeps the cell grid's metrics. The error wraps ErrNoFamily when
// no font of the family is installed.
func LoadFamily(dirs []string, name string) ([4]*sfnt.Font, error) {
	var fonts [4]*sfnt.Font
	// Font files are nearly always named after their family
	// ("DejaVuSansMono-Bold.ttf"): those are read first, and only if
	// none is of the family are all the fonts, so that opening a window
	// does not parse every font of a large collection.
	files := FindFiles(dirs)
	key := squash(name)
	named := slices.DeleteFunc(slices.Clone(files), func(path string) bool {
		return !strings.Contains(squash(filepath.Base(path)), key)
	})
	members := familyFaces(named, name)
	if len(members) == 0 {
		members = familyFaces(files, name)
	}
	if len(members) == 0 {
		return fonts, fmt.Errorf("%w: %q", ErrNoFamily, name)
	}
	for s := range fonts {
		best := pickFace(members, Style(s))
		if best == nil {
			continue
		}
		f, err := loadFace(*best)
		if err != nil {
			return fonts, err
		}
		fonts[s] = f
	}
	if fonts[Regular] == nil {
		// A family of only, say, Light and Bold: its first face
		// stands in for the regular.
		f, err := loadFace(members[0])
		if err != nil {
			return fonts, err
		}
		fonts[Regular] = f
	}
	for s := range fonts {
		if fonts[s] == nil {
			fonts[s] = fonts[Regular]
		}
	}
	return fonts, nil
}

// familyFaces returns the faces of family name among files.
func familyFaces(files []string, name string) []face {
	var members []face
	for _, f := range scanFaces(files) {
		if strings.EqualFold(f.family, name) {
			members = append(members, f)
		}
	}
	return members
}

// squash lowers s and drops what is not a letter or digit, to compare a
// family name with a file name.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// pickFace returns the member that is exactly style s, preferring the
// one whose style name has the fewest other words ("Bold" over
// "Condensed Bold"), or nil if none is.
func pickFace(members []face, s Style) *face {
	var best *face
	bestExtra := 0
	for i := range members {
		style, extra := styleOf(members[i].subfamily)
		if style != s {
			continue
		}
		if best == nil || extra < bestExtra {
			best, bestExtra = &members[i], extra
		}
	}
	return best
}

// styleOf reads a style name: its bold and italic words, and how many
// words it has besides (a weight such as "Light", a width such as
// "Condensed"), which make it a worse match for a plain style.
func styleOf(subfamily string) (s Style, extra int) {
	for _, w := range strings.Fields(strings.ToLower(subfamily)) {
		switch w {
		case "bold":
			s |= Bold
		case "italic", "oblique":
			s |= Italic
		case "regular", "book", "normal", "roman":
		default:
			extra++
		}
	}
	return s, extra
}

// loadFace reads and parses one face. The data is read into memory: a
// monospaced family's files are small, and no file stays open.
func loadFace(f face) (*sfnt.Font, error) {
	data, err := os.ReadFile(f.path)
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	if isCollection(f.path) {
		c, err := sfnt.ParseCollection(data)
		if err != nil {
			return nil, fmt.Errorf("fonts: %s: %w", f.path, err)
		}
		font, err := c.Font(f.index)
		if err != nil {
			return nil, fmt.Errorf("fonts: %s: %w", f.path, err)
		}
		return font, nil
	}
	font, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("fonts: %s: %w", f.path, err)
	}
	return font, nil
}

// scanFaces reads the names of every font in files, closing each file
// after. Files that do not parse are skipped.
func scanFaces(files []string) []face {
	var faces []face
	var buf sfnt.Buffer
	for _, path := range files {
		file, fonts := openFonts(path)
		if file == nil {
			continue
		}
		for i, f := range fonts {
			if f == nil {
				continue
			}
			family, subfamily := names(f, &buf)
			if family == "" {
				continue
			}
			faces = append(faces, face{path: path, index: i, family: family, subfamily: subfamily, mono: isMonospaced(f, &buf)})
		}
		file.Close()
	}
	return faces
}

// names returns a font's typographic family and subfamily, falling back
// to the legacy ones (name IDs 1 and 2), which split a family of many
// weights into several four-style families.
func names(f *sfnt.Font, buf *sfnt.Buffer) (family, subfamily string) {
	family, err := f.Name(buf, sfnt.NameIDTypographicFamily)
	if err != nil || family == "" {
		family, _ = f.Name(buf, sfnt.NameIDFamily)
		subfamily, _ = f.Name(buf, sfnt.NameIDSubfamily)
		return family, subfamily
	}
	subfamily, err = f.Name(buf, sfnt.NameIDTypographicSubfamily)
	if err != nil {
		subfamily, _ = f.Name(buf, sfnt.NameIDSubfamily)
	}
	return family, subfamily
}

// monoProbe are characters whose advances differ in any proportional
// font: narrow, wide, digit, punctuation and space.
const monoProbe = "iMW0. m"

// isMonospaced reports whether every probe character has a glyph of the
// same, non-zero advance.
func isMonospaced(f *sfnt.Font, buf *sfnt.Buffer) bool {
	ppem := fixed.I(int(f.UnitsPerEm()))
	var first fixed.Int26_6
	for _, r := range monoProbe {
		x, err := f.GlyphIndex(buf, r)
		if err != nil || x == 0 {
			return false
		}
		adv, err := f.GlyphAdvance(buf, x, ppem, font.HintingNone)
		if err != nil || adv == 0 || (first != 0 && adv != first) {
			return false
		}
		first = adv
	}
	return true
}

func isCollection(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".ttc" || ext == ".otc"
}
