package termview

import (
	"image"
	"math"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"github.com/roamterm/roam/fonts"
)

// metrics is the geometry of the character cell at one pixel size.
type metrics struct {
	cellW, cellH int
	// baseline is the baseline's distance from the top of the cell.
	baseline int
	// underlineY and strikeY are the top rows of the underline and the
	// strikethrough; lineH is the thickness of both.
	underlineY, strikeY, lineH int
}

// glyph is a rasterised character: an alpha mask one or two cells wide
// and one cell high.
type glyph struct {
	mask   []uint8
	stride int
	// ink bounds the non-zero part of mask, so that blending skips the
	// empty margins of every glyph.
	ink image.Rectangle
}

// glyphKey names a rasterised glyph.
type glyphKey struct {
	r     rune
	comb  string
	style fonts.Style
	wide  bool
}

// maxCachedGlyphs bounds the glyph cache: a screen holds at most a few
// thousand distinct graphemes, and hostile output cycling through more
// must not grow memory.
const maxCachedGlyphs = 8192

// FontSet is the chain of fonts glyphs are taken from, in order: the
// primary family (Go Mono unless Mono says otherwise) in the cell's style
// and then its regular, then Extra, then System. Box-drawing and block
// characters (U+2500–U+259F) are drawn procedurally before any font is
// asked, so that lines join pixel-exactly across cells. A character no
// font has is drawn as an empty box.
type FontSet struct {
	// Mono is the primary family by fonts.Style, which also sets the cell
	// size; nil entries mean Go Mono (see FontSet.WithFamily).
	Mono [4]*sfnt.Font
	// Extra are further fonts searched before the system's, for example
	// a monospaced font bundled with the toolkit.
	Extra []*sfnt.Font
	// System searches the fonts installed on the machine; nil searches
	// none (which the golden tests use so their output does not depend
	// on the host).
	System *fonts.Fallback
}

// atlas rasterises glyphs at one pixel size and caches them. It is used
// by one goroutine (the UI's).
type atlas struct {
	m     metrics
	fonts FontSet
	mono  [4]*sfnt.Font
	faces map[*sfnt.Font]font.Face
	opts  opentype.FaceOptions
	ascii [4][128]*glyph
	cache map[glyphKey]*glyph
	buf   sfnt.Buffer
}

// parsedMono holds Go Mono parsed once per process, per style.
var parsedMono = func() (f [4]*sfnt.Font) {
	for s := range f {
		font, err := sfnt.Parse(fonts.GoMono(fonts.Style(s)))
		if err != nil {
			panic("termview: embedded Go Mono does not parse: " + err.Error())
		}
		f[s] = font
	}
	return f
}()

// newAtlas returns an atlas for fonts at px pixels per em.
func newAtlas(px float64, set FontSet) *atlas {
	a := &atlas{
		fonts: set,
		mono:  set.primary(),
		faces: make(map[*sfnt.Font]font.Face),
		opts:  opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingFull},
		cache: make(map[glyphKey]*glyph),
	}
	face := a.face(a.mono[fonts.Regular])
	fm := face.Metrics()
	adv, _ := face.GlyphAdvance('0')
	ascent, descent := fm.Ascent.Ceil(), fm.Descent.Ceil()
	a.m.cellW = max(1, adv.Round())
	a.m.cellH = max(2, ascent+descent)
	a.m.baseline = ascent
	a.m.lineH = max(1, int(math.Round(px/14)))
	a.m.underlineY = min(a.m.cellH-a.m.lineH, ascent+max(1, descent/3))
	xh := fm.XHeight.Round()
	if xh <= 0 {
		xh = ascent / 2
	}
	a.m.strikeY = ascent - xh/2 - a.m.lineH/2
	return a
}

func (a *atlas) face(f *sfnt.Font) font.Face {
	face, ok := a.faces[f]
	if !ok {
		var err error
		face, err = opentype.NewFace(f, &a.opts)
		if err != nil {
			return nil
		}
		a.faces[f] = face
	}
	return face
}

// get returns the glyph of a cell's grapheme (base rune plus combining
// marks) in a style, rasterising it on first use.
func (a *atlas) get(r rune, comb string, style fonts.Style, wide bool) *glyph {
	if r < 128 && comb == "" && !wide {
		g := a.ascii[style][r]
		if g == nil {
			g = a.rasterise(glyphKey{r: r, style: style})
			a.ascii[style][r] = g
		}
		return g
	}
	k := glyphKey{r, comb, style, wide}
	if g, ok := a.cache[k]; ok {
		return g
	}
	g := a.rasterise(k)
	if len(a.cache) >= maxCachedGlyphs {
		clear(a.cache)
	}
	a.cache[k] = g
	return g
}

// fontFor returns the first font of the chain that has r.
func (a *atlas) fontFor(r rune, style fonts.Style) *sfnt.Font {
	for _, f := range [...]*sfnt.Font{a.mono[style], a.mono[fonts.Regular]} {
		if a.has(f, r) {
			return f
		}
	}
	for _, f := range a.fonts.Extra {
		if a.has(f, r) {
			return f
		}
	}
	if a.fonts.System != nil {
		return a.fonts.System.Font(r)
	}
	return nil
}

func (a *atlas) has(f *sfnt.Font, r rune) bool {
	i, err := f.GlyphIndex(&a.buf, r)
	return err == nil && i != 0
}

func (a *atlas) rasterise(k glyphKey) *glyph {
	w := a.m.cellW
	if k.wide {
		w *= 2
	}
	g := &glyph{mask: make([]uint8, w*a.m.cellH), stride: w}
	base := k.r
	if base == 0 {
		base = 0xa0 // a mark with no base sits on a no-break space
	}
	switch {
	case k.comb == "" && drawBlockElement(g, base, a.m):
	case k.comb == "" && (base == ' ' || base == 0xa0):
	case k.comb != "":
		// Prefer the precomposed character (e + U+0301 is é), which
		// fonts draw far better than a stacked mark.
		if r, ok := precomposed(base, k.comb); ok && a.fontFor(r, k.style) != nil {
			a.drawRune(g, r, k.style, 0, true)
			break
		}
		a.drawRune(g, base, k.style, 0, true)
		for _, mark := range k.comb {
			a.drawRune(g, mark, k.style, 0, false)
		}
	default:
		a.drawRune(g, base, k.style, 0, true)
	}
	g.ink = inkBounds(g)
	return g
}

// drawRune draws r into g with its pen at x (in 26.6 pixels). A glyph
// narrower than its cells is centred. A combining mark (isBase false) with
// no advance of its own is placed by the font to the left of its pen, so
// its pen goes after the base; a spacing one, as monospaced fonts make
// them, sits on the base's cell. A base no font has is drawn as an empty
// box.
func (a *atlas) drawRune(g *glyph, r rune, style fonts.Style, x fixed.Int26_6, isBase bool) {
	f := a.fontFor(r, style)
	var face font.Face
	if f != nil {
		face = a.face(f)
	}
	if face == nil {
		if isBase {
			drawMissing(g, a.m)
		}
		return
	}
	adv, _ := face.GlyphAdvance(r)
	width := fixed.I(g.stride)
	switch {
	case adv == 0 && !isBase:
		x += min(fixed.I(a.m.cellW), width)
	case adv < width:
		x += (width - adv) / 2
	}
	dr, mask, maskp, _, ok := face.Glyph(fixed.Point26_6{X: x, Y: fixed.I(a.m.baseline)}, r)
	if ok {
		blendMask(g, dr, mask, maskp, a.m.cellH)
	}
}

// precomposed returns the single character base+comb composes to under
// NFC, if there is one.
func precomposed(base rune, comb string) (rune, bool) {
	var buf [64]byte
	s := norm.NFC.AppendString(utf8.AppendRune(buf[:0], base), comb)
	r, n := utf8.DecodeRune(s)
	return r, n == len(s) && r != utf8.RuneError
}

// blendMask draws a glyph's coverage mask into g, clipped to g.
func blendMask(g *glyph, dr image.Rectangle, mask image.Image, maskp image.Point, h int) {
	clip := dr.Intersect(image.Rect(0, 0, g.stride, h))
	alpha, isAlpha := mask.(*image.Alpha)
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		for x := clip.Min.X; x < clip.Max.X; x++ {
			mx, my := maskp.X+x-dr.Min.X, maskp.Y+y-dr.Min.Y
			var m uint32
			if isAlpha {
				m = uint32(alpha.AlphaAt(mx, my).A)
			} else {
				_, _, _, a := mask.At(mx, my).RGBA()
				m = a >> 8
			}
			d := &g.mask[y*g.stride+x]
			*d = uint8(uint32(*d) + m*(255-uint32(*d))/255)
		}
	}
}

// drawMissing draws the box shown for a character no font has.
func drawMissing(g *glyph, m metrics) {
	t := m.lineH
	x0, x1 := 1, g.stride-1
	y0, y1 := m.cellH/6, m.cellH-m.cellH/6
	fillMask(g, x0, y0, x1, y0+t, 255)
	fillMask(g, x0, y1-t, x1, y1, 255)
	fillMask(g, x0, y0, x0+t, y1, 255)
	fillMask(g, x1-t, y0, x1, y1, 255)
}

// fillMask sets the rectangle [x0,x1)×[y0,y1) of g to alpha a, clipped.
func fillMask(g *glyph, x0, y0, x1, y1 int, a uint8) {
	h := len(g.mask) / g.stride
	x0, y0 = max(x0, 0), max(y0, 0)
	x1, y1 = min(x1, g.stride), min(y1, h)
	for y := y0; y < y1; y++ {
		row := g.mask[y*g.stride:]
		for x := x0; x < x1; x++ {
			row[x] = a
		}
	}
}

func inkBounds(g *glyph) image.Rectangle {
	h := len(g.mask) / g.stride
	r := image.Rectangle{Min: image.Pt(g.stride, h)}
	for y := range h {
		for x, a := range g.mask[y*g.stride : (y+1)*g.stride] {
			if a != 0 {
				r.Min.X, r.Min.Y = min(r.Min.X, x), min(r.Min.Y, y)
				r.Max.X, r.Max.Y = max(r.Max.X, x+1), max(r.Max.Y, y+1)
			}
		}
	}
	if r.Empty() {
		return image.Rectangle{}
	}
	return r
}
