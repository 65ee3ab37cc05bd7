// Command iconsgen draws Roam's icon, a prompt ("›_") on a rounded
// teal-to-blue square, and writes it as a PNG:
//
//	go run ./packaging/iconsgen -o packaging/icons/roam.png
//
// The icon is generated rather than drawn by hand so that it can be
// remade at any size from the repository alone.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

func main() {
	out := flag.String("o", "roam.png", "output `file`")
	size := flag.Int("size", 512, "width and height in pixels")
	flag.Parse()
	if err := write(*out, draw(*size)); err != nil {
		fmt.Fprintln(os.Stderr, "iconsgen:", err)
		os.Exit(1)
	}
}

func write(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// draw renders the icon on a 512-unit canvas scaled to size, with 4×4
// samples per pixel for smooth edges.
func draw(size int) *image.NRGBA {
	const samples = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := 512 / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/samples) * scale
					y := (float64(py) + (float64(sy)+0.5)/samples) * scale
					c, alpha := shade(x, y)
					r += c[0] * alpha
					g += c[1] * alpha
					b += c[2] * alpha
					a += alpha
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(r / a * 255), G: uint8(g / a * 255), B: uint8(b / a * 255),
				A: uint8(a / (samples * samples) * 255),
			})
		}
	}
	return img
}

// shade is the colour and coverage of the point (x, y).
func shade(x, y float64) ([3]float64, float64) {
	if roundedBox(x, y, 256, 256, 232, 96) > 0 {
		return [3]float64{}, 0
	}
	white := [3]float64{1, 1, 1}
	chevron := math.Min(segment(x, y, 148, 168, 252, 256), segment(x, y, 252, 256, 148, 344))
	cursor := segment(x, y, 296, 344, 376, 344)
	if chevron < 24 || cursor < 22 {
		return white, 1
	}
	t := y / 512
	top, bottom := [3]float64{0.07, 0.55, 0.56}, [3]float64{0.10, 0.27, 0.62}
	return [3]float64{
		top[0] + (bottom[0]-top[0])*t,
		top[1] + (bottom[1]-top[1])*t,
		top[2] + (bottom[2]-top[2])*t,
	}, 1
}

// roundedBox is the signed distance from (x, y) to a square centred at
// (cx, cy) with half-side half and corner radius r.
func roundedBox(x, y, cx, cy, half, r float64) float64 {
	dx := math.Abs(x-cx) - (half - r)
	dy := math.Abs(y-cy) - (half - r)
	outside := math.Hypot(math.Max(dx, 0), math.Max(dy, 0))
	return outside + math.Min(math.Max(dx, dy), 0) - r
}

// segment is the distance from (x, y) to the segment (ax, ay)-(bx, by).
func segment(x, y, ax, ay, bx, by float64) float64 {
	vx, vy := bx-ax, by-ay
	t := ((x-ax)*vx + (y-ay)*vy) / (vx*vx + vy*vy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(ax+t*vx), y-(ay+t*vy))
}
