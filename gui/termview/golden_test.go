package termview

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/roamterm/roam/vt"
	"github.com/roamterm/roam/vt/predict"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

// screen returns a snapshot of a cols×rows emulator fed with output.
func screen(cols, rows int, output string) *vt.Framebuffer {
	e := vt.NewEmulator(cols, rows)
	e.Write([]byte(output))
	return e.Framebuffer().Clone()
}

// capture shows frame in a headless window sized to its screen, calls
// setup (if not nil) and returns the window's picture.
func capture(t *testing.T, frame Frame, scale float32, setup func(*Terminal)) image.Image {
	t.Helper()
	test.NewTempApp(t)
	view := New(Config{Fonts: BundledFonts(), CursorShape: CursorBlock})
	w := test.NewTempWindow(t, view)
	w.SetPadded(false)
	w.Canvas().(test.WindowlessCanvas).SetScale(scale)
	w.Canvas().Focus(view)
	cell := view.CellSize()
	w.Resize(fyne.NewSize(cell.Width*float32(frame.Screen.Width()), cell.Height*float32(frame.Screen.Height())))
	view.SetFrame(frame)
	if setup != nil {
		w.Canvas().Capture() // lay the grid out first
		setup(view)
	}
	return w.Canvas().Capture()
}

// assertGolden compares img with testdata/name, or rewrites it with
// -update. A mismatch leaves the new picture in testdata/failed/.
func assertGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		writePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden %s missing (run go test -update): %v", path, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if diff := firstDiff(want, img); diff != "" {
		failed := filepath.Join("testdata", "failed", name)
		writePNG(t, failed, img)
		t.Errorf("%s differs from the golden picture: %s; got written to %s", name, diff, failed)
	}
}

func firstDiff(want, got image.Image) string {
	if want.Bounds() != got.Bounds() {
		return "size " + got.Bounds().String() + ", want " + want.Bounds().String()
	}
	b := want.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := want.At(x, y).RGBA()
			r2, g2, b2, a2 := got.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return "first at " + image.Pt(x, y).String()
			}
		}
	}
	return ""
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestGolden(t *testing.T) {
	hidden := "\x1b[?25l"
	tests := []struct {
		name  string
		frame Frame
		scale float32
		setup func(*Terminal)
	}{
		{
			name: "colors.png",
			frame: Frame{Screen: screen(48, 8, hidden+
				"\x1b[30m30\x1b[31m31\x1b[32m32\x1b[33m33\x1b[34m34\x1b[35m35\x1b[36m36\x1b[37m37\x1b[0m default\r\n"+
				"\x1b[90m90\x1b[91m91\x1b[92m92\x1b[93m93\x1b[94m94\x1b[95m95\x1b[96m96\x1b[97m97\x1b[0m\r\n"+
				"\x1b[40m  \x1b[41m  \x1b[42m  \x1b[43m  \x1b[44m  \x1b[45m  \x1b[46m  \x1b[47m  \x1b[100m  \x1b[101m  \x1b[102m  \x1b[103m  \x1b[104m  \x1b[105m  \x1b[106m  \x1b[107m  \x1b[0m\r\n"+
				cube()+"\r\n"+ramp()+"\r\n"+truecolor()+"\r\n"+
				"\x1b[38;2;255;128;0;48;2;0;64;128m24-bit fg on bg\x1b[0m \x1b[7minverse\x1b[0m \x1b[38;5;196;48;5;22m256\x1b[0m")},
		},
		{
			name: "attributes.png",
			frame: Frame{Screen: screen(40, 6, hidden+
				"plain \x1b[1mbold\x1b[0m \x1b[2mfaint\x1b[0m \x1b[3mitalic\x1b[0m \x1b[1;3mbold-it\x1b[0m\r\n"+
				"\x1b[4munderline\x1b[0m \x1b[9mstrike\x1b[0m \x1b[5mblink\x1b[0m \x1b[7minverse\x1b[0m\r\n"+
				"[\x1b[8minvisible\x1b[0m] \x1b[1;31mbold red\x1b[0m \x1b[2;32mfaint green\x1b[0m\r\n"+
				"\x1b[4;9;1;3;33mall at once\x1b[0m \x1b[7;4;34minv-ul\x1b[0m\r\n"+
				"\x1b[?5h")}, // reverse video on the whole screen
		},
		{
			name: "wide-combining.png",
			frame: Frame{Screen: screen(32, 5, hidden+
				"wide: 日本語 |\r\n"+
				"comb: e\u0301 a\u0308 n\u0303 o\u0302\u0323 |\r\n"+
				"greek αβγ cyr жзи ½ → ✓ ♥\r\n"+
				"mark alone: \u0301| emoji: 😀|\r\n"+
				"\ue0b0 powerline \ue0b2")},
		},
		{
			name: "boxdrawing.png",
			frame: Frame{Screen: screen(36, 11, hidden+
				"┌──┬──┐ ┏━━┳━━┓ ╔══╦══╗ ╭──╮\r\n"+
				"│  │  │ ┃  ┃  ┃ ║  ║  ║ │  │\r\n"+
				"├──┼──┤ ┣━━╋━━┫ ╠══╬══╣ ╰──╯\r\n"+
				"└──┴──┘ ┗━━┻━━┛ ╚══╩══╝ ╱╲╳\r\n"+
				"┍┑┕┙┎┒┖┚ ╒╕╘╛╓╖╙╜ ╞╡╟╢╤╧╥╨╪╫\r\n"+
				"┄┅┆┇┈┉┊┋╌╍╎╏ ╴╵╶╷╸╹╺╻╼╽╾╿\r\n"+
				"▀▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐▔▕\r\n"+
				"░▒▓ ▖▗▘▙▚▛▜▝▞▟\r\n"+
				"██████\r\n"+
				"▄▄▄▄▄▄\r\n"+
				"──┼──┼──")},
		},
		{
			name:  "cursor-block.png",
			frame: Frame{Screen: screen(8, 2, "ab\x1b[1;2H")},
		},
		{
			name:  "cursor-bar.png",
			frame: Frame{Screen: screen(8, 2, "ab\x1b[1;2H\x1b[6 q")},
		},
		{
			name:  "cursor-underline.png",
			frame: Frame{Screen: screen(8, 2, "ab\x1b[1;2H\x1b[4 q")},
		},
		{
			name:  "cursor-hidden.png",
			frame: Frame{Screen: screen(8, 2, "ab\x1b[1;2H\x1b[?25l")},
		},
		{
			name:  "cursor-unfocused.png",
			frame: Frame{Screen: screen(8, 2, "ab\x1b[1;2H")},
			setup: func(v *Terminal) { v.FocusLost() },
		},
		{
			name:  "cursor-wide.png",
			frame: Frame{Screen: screen(8, 2, "a日b\x1b[1;2H")},
		},
		{
			name: "prediction.png",
			frame: Frame{
				Screen: screen(24, 3, "$ echo hi\r\nhi\r\n$ ls"),
				Overlay: predict.Overlay{
					Cells: []predict.Cell{
						{Position: predict.Position{Row: 2, Col: 4}, Cell: vt.Cell{Rune: ' '}, Underlined: true},
						{Position: predict.Position{Row: 2, Col: 5}, Cell: vt.Cell{Rune: '-'}, Underlined: true},
						{Position: predict.Position{Row: 2, Col: 6}, Cell: vt.Cell{Rune: 'l'}, Underlined: true},
						{Position: predict.Position{Row: 2, Col: 7}, Cell: vt.Cell{Rune: 'a'}},
					},
					Cursor:    predict.Position{Row: 2, Col: 8},
					HasCursor: true,
				},
			},
		},
		{
			name: "banner.png",
			frame: Frame{
				Screen: screen(60, 3, "$ top\r\nload average: 0.01\r\n"),
				Banner: "roam: Last contact 12 seconds ago. [To quit: Ctrl-^ .]",
			},
		},
		{
			name:  "selection.png",
			frame: Frame{Screen: screen(20, 3, "hello world\r\nsecond line\r\n")},
			setup: func(v *Terminal) {
				v.sel = selection{active: true, anchor: cellPos{0, 6}, head: cellPos{1, 6}}
			},
		},
		{
			// Scrolled back: history lines with their renditions, the
			// scrollbar, the new-output badge (output arrived since) and
			// the incomplete-history badge.
			name:  "scrollback.png",
			frame: scrollbackFrames[0],
			setup: func(v *Terminal) {
				v.scrollTo(4)
				v.SetFrame(scrollbackFrames[1])
			},
		},
		{
			// Search: every match highlighted, the current one (the
			// newest) distinctly.
			name: "search.png",
			frame: Frame{Screen: screen(40, 6, "$ grep -i roam notes\r\n"+
				"Roam keeps history; roam searches it.\r\n"+
				"\x1b[1;32mROAM\x1b[0m in bold green, \x1b[7mroam\x1b[0m inverse\r\n"+
				"no match here\r\n"+
				"last: roam")},
			setup: func(v *Terminal) { v.Search("roam") },
		},
		{
			name:  "hidpi.png",
			frame: Frame{Screen: screen(16, 3, "HiDPI \x1b[1mx2\x1b[0m\r\n┌─┐ 日\r\n\x1b[4mline\x1b[0m")},
			scale: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scale := tt.scale
			if scale == 0 {
				scale = 1
			}
			assertGolden(t, tt.name, capture(t, tt.frame, scale, tt.setup))
		})
	}
}

// scrollbackFrames are a session's frames before and after output
// arrives: 30 numbered lines, every third one coloured, scroll into a
// history that may have lost lines.
var scrollbackFrames = func() [2]Frame {
	r := newRemote(40, 8, 100)
	var out string
	for i := range 30 {
		switch i % 3 {
		case 0:
			out += fmt.Sprintf("\x1b[1;33mline %d\x1b[0m in \x1b[44mhistory\x1b[0m\r\n", i)
		case 1:
			out += fmt.Sprintf("line %d \x1b[4munderlined\x1b[0m → ✓\r\n", i)
		default:
			out += fmt.Sprintf("line %d plain\r\n", i)
		}
	}
	a := r.write(out + "$ ")
	b := r.write("make\r\nbuilding…\r\n$ ")
	a.HistoryIncomplete, b.HistoryIncomplete = true, true
	return [2]Frame{a, b}
}()

func cube() string {
	s := ""
	for i := 16; i < 232; i += 5 {
		s += "\x1b[48;5;" + itoa(i) + "m "
	}
	return s + "\x1b[0m"
}

func ramp() string {
	s := ""
	for i := 232; i < 256; i++ {
		s += "\x1b[48;5;" + itoa(i) + "m "
	}
	return s + "\x1b[0m"
}

func truecolor() string {
	s := ""
	for i := range 48 {
		v := i * 255 / 47
		s += "\x1b[48;2;" + itoa(v) + ";" + itoa(255-v) + ";128m "
	}
	return s + "\x1b[0m"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
