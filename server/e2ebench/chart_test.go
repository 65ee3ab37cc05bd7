package e2ebench

// The report's chart: per row of the table, one horizontal bar per
// pairing for its ratio to mosh ↔ mosh, on a log scale around 1×, drawn
// with the standard library's image packages and x/image's 7×13 bitmap
// font (ASCII only).

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// A chartRow is one row of the chart.
type chartRow struct {
	label  string
	invert bool      // higher is better: plotted as baseline ÷ pairing, so that left is always better
	ratios []float64 // pairing ÷ baseline per chartPairings; NaN where not measured
}

var nan = math.NaN()

// chartPairings are the pairings with a bar, in chartColors' order.
var chartPairings = allPairings[1:]

var (
	chartColors = []color.RGBA{
		{R: 0xe0, G: 0x7a, B: 0x1f, A: 0xff}, // mosh-client ↔ roam-server: orange
		{R: 0x2a, G: 0x6f, B: 0xc9, A: 0xff}, // roam ↔ mosh-server: blue
		{R: 0x2e, G: 0x9e, B: 0x48, A: 0xff}, // roam ↔ roam: green
	}
	chartBackground = color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	chartStripe     = color.RGBA{R: 0xf3, G: 0xf3, B: 0xf3, A: 0xff}
	chartGrid       = color.RGBA{R: 0xcc, G: 0xcc, B: 0xcc, A: 0xff}
	chartInk        = color.RGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xff}
)

// Layout, in pixels. Each row is chartRowHeight high and holds one bar per
// pairing, chartBarHeight high, one pixel apart.
const (
	chartWidth      = 1180
	chartLabelWidth = 460 // the labels' column; the plot starts after it
	chartMargin     = 24
	chartTop        = 92 // title, subtitle, legend and scale above the rows
	chartBottom     = 36 // footnote below
	chartRowHeight  = 24
	chartBarHeight  = 6
	chartMaxScale   = 7 // the scale reaches at most 2^7 = 128× each way
)

// chartSize is the size of a chart of n rows.
func chartSize(n int) image.Point {
	return image.Pt(chartWidth, chartTop+n*chartRowHeight+chartBottom)
}

// barBand is the vertical extent [y0, y1) of row i's bar for pairing k.
func barBand(i, k int) (y0, y1 int) {
	y0 = chartTop + i*chartRowHeight + 2 + k*(chartBarHeight+1)
	return y0, y0 + chartBarHeight
}

// plotted is the value row r plots for pairing k, oriented so that below
// 1 is better, and whether there is one.
func (r chartRow) plotted(k int) (float64, bool) {
	v := r.ratios[k]
	if math.IsNaN(v) {
		return 0, false
	}
	if r.invert {
		v = 1 / v
	}
	return v, true
}

// drawChart draws rows, titled with subtitle (date, machine, load).
func drawChart(rows []chartRow, subtitle string) *image.RGBA {
	size := chartSize(len(rows))
	img := image.NewRGBA(image.Rectangle{Max: size})
	draw.Draw(img, img.Bounds(), image.NewUniform(chartBackground), image.Point{}, draw.Src)

	// The scale: powers of two out to the largest ratio, both ways alike.
	scale := 1
	for _, r := range rows {
		for k := range r.ratios {
			if v, ok := r.plotted(k); ok && v > 0 && !math.IsInf(v, 0) {
				scale = max(scale, int(math.Ceil(math.Abs(math.Log2(v))-1e-9)))
			}
		}
	}
	scale = min(scale, chartMaxScale)
	left, right := chartLabelWidth, chartWidth-chartMargin
	mid := (left + right) / 2
	x := func(v float64) int {
		l := math.Max(-float64(scale), math.Min(float64(scale), math.Log2(v)))
		return mid + int(math.Round(l/float64(scale)*float64(right-mid)))
	}

	text(img, chartMargin, 20, "Roam vs mosh: ratio to mosh<->mosh per metric (log scale; left of 1x is better)", chartInk)
	text(img, chartMargin, 38, asciiOnly(subtitle), chartInk)
	lx := chartMargin
	for k, p := range chartPairings {
		fill(img, image.Rect(lx, 48, lx+12, 60), chartColors[k])
		name := asciiOnly(p.label())
		text(img, lx+18, 58, name, chartInk)
		lx += 18 + 7*len(name) + 24
	}

	for i := range rows {
		if i%2 == 1 {
			fill(img, image.Rect(0, chartTop+i*chartRowHeight, chartWidth, chartTop+(i+1)*chartRowHeight), chartStripe)
		}
	}
	plotBottom := chartTop + len(rows)*chartRowHeight
	step := 1
	if scale > 4 {
		step = 2
	}
	for e := -scale; e <= scale; e++ {
		px := x(math.Exp2(float64(e)))
		c := chartGrid
		if e == 0 {
			c = chartInk
		}
		fill(img, image.Rect(px, chartTop-4, px+1, plotBottom), c)
		if e%step == 0 {
			l := scaleLabel(e)
			text(img, px-7*len(l)/2, chartTop-8, l, chartInk)
		}
	}

	for i, r := range rows {
		label := asciiOnly(r.label)
		if limit := (chartLabelWidth-chartMargin-8)/7 - 2; len(label) > limit {
			label = label[:limit-2] + ".."
		}
		if r.invert {
			label += " *"
		}
		text(img, chartMargin, chartTop+i*chartRowHeight+17, label, chartInk)
		for k := range r.ratios {
			v, ok := r.plotted(k)
			if !ok {
				continue
			}
			y0, y1 := barBand(i, k)
			x0, x1 := min(mid, x(v)), max(mid, x(v))
			// A ratio of about 1 still gets a visible stub.
			x0, x1 = min(x0, mid-1), max(x1, mid+2)
			fill(img, image.Rect(x0, y0, x1, y1), chartColors[k])
		}
	}
	text(img, chartMargin, size.Y-14,
		fmt.Sprintf("* higher is better: plotted as mosh<->mosh / pairing. Bars end at the scale's edge (%s and %s).", scaleLabel(-scale), scaleLabel(scale)),
		chartInk)
	return img
}

// scaleLabel names 2^e: "1/4x", "1x", "8x".
func scaleLabel(e int) string {
	if e < 0 {
		return fmt.Sprintf("1/%dx", 1<<-e)
	}
	return fmt.Sprintf("%dx", 1<<e)
}

func fill(img draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// text draws s with its baseline at y.
func text(img draw.Image, x, y int, s string, c color.Color) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// asciiOnly spells the report's symbols in ASCII, which is all the
// bitmap font has.
func asciiOnly(s string) string {
	s = strings.NewReplacer("↔", "<->", "→", "->", "×", "x", "÷", "/", "µ", "u", "±", "+-").Replace(s)
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, s)
}
