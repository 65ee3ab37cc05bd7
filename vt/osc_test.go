package vt_test

import (
	"strings"
	"testing"

	"github.com/roamterm/roam/vt"
)

func TestOSC(t *testing.T) {
	long := strings.Repeat("é", 300)
	cases := []struct {
		name                   string
		in                     string
		title, icon, clipboard string
		titleSet               bool
	}{
		{"OSC 0", "\x1b]0;hello\x07", "hello", "hello", "", true},
		{"OSC 1", "\x1b]1;icon\x07", "", "icon", "", true},
		{"OSC 2 ST", "\x1b]2;title\x1b\\", "title", "", "", true},
		{"OSC 2 C1 ST", "\x1b]2;title\u009c", "title", "", "", true},
		{"bare semicolon", "\x1b];t\x07", "t", "t", "", true},
		{"utf8", "\x1b]2;日本 🙂\x07", "日本 🙂", "", "", true},
		{"capped", "\x1b]2;" + long + "\x07", strings.Repeat("é", 254), "", "", true},
		{"empty title", "\x1b]2;\x07", "", "", "", true},
		{"clipboard", "\x1b]52;c;aGVsbG8=\x07", "", "", "aGVsbG8=", false},
		{"clipboard other selection", "\x1b]52;p;aGVsbG8=\x07", "", "", "", false},
		{"clipboard query ignored", "\x1b]52;c;YQ==\x07\x1b]52;c;?\x07", "", "", "YQ==", false},
		{"unknown", "\x1b]4;1;rgb:0/0/0\x07\x1b]777;x\x07", "", "", "", false},
		{"no semicolon", "\x1b]2\x07", "", "", "", false},
		{"cancelled", "\x1b]2;abc\x18", "", "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := vt.NewEmulator(10, 4)
			e.Write([]byte(tc.in))
			fb := e.Framebuffer()
			if fb.Title != tc.title || fb.IconName != tc.icon || fb.Clipboard != tc.clipboard || fb.TitleSet != tc.titleSet {
				t.Errorf("title %q icon %q clipboard %q set %v, want %q %q %q %v",
					fb.Title, fb.IconName, fb.Clipboard, fb.TitleSet, tc.title, tc.icon, tc.clipboard, tc.titleSet)
			}
			if lines := fb.Row(0).Cells[0]; !lines.IsBlank() {
				t.Errorf("OSC text drawn: %+v", lines)
			}
		})
	}
}

func TestHyperlink(t *testing.T) {
	e := vt.NewEmulator(10, 4)
	e.Write([]byte("\x1b]8;id=1;http://example.com/\x1b\\ab\x1b]8;;\x1b\\c"))
	fb := e.Framebuffer()
	id := fb.Cell(0, 0).Rend.Link
	if id == 0 || fb.Cell(0, 1).Rend.Link != id {
		t.Fatalf("link ids %d %d", id, fb.Cell(0, 1).Rend.Link)
	}
	if p, u := vt.LinkTarget(id); p != "id=1" || u != "http://example.com/" {
		t.Errorf("link target %q %q", p, u)
	}
	if fb.Cell(0, 2).Rend.Link != 0 {
		t.Error("link not closed")
	}
}

// An oversized hyperlink is not recorded (VTE's 2083-byte URI limit), and
// it ends the link before it, so a hostile remote cannot attach kilobytes
// to every run of cells (and to every line of history).
func TestHyperlinkTooLong(t *testing.T) {
	for _, c := range []struct {
		name, params, uri string
		linked            bool
	}{
		{"uri at the limit", "", "http://x/" + strings.Repeat("u", 2083-9), true},
		{"uri over the limit", "", "http://x/" + strings.Repeat("u", 2083-8), false},
		{"params over the limit", "id=" + strings.Repeat("p", 254), "http://x/", false},
	} {
		e := vt.NewEmulator(10, 4)
		e.Write([]byte("\x1b]8;;http://before/\x1b\\a\x1b]8;" + c.params + ";" + c.uri + "\x1b\\b"))
		fb := e.Framebuffer()
		if got := fb.Cell(0, 1).Rend.Link != 0; got != c.linked {
			t.Errorf("%s: linked = %v, want %v", c.name, got, c.linked)
		}
		if fb.Cell(0, 0).Rend.Link == 0 {
			t.Errorf("%s: the earlier link was lost", c.name)
		}
	}
}

func TestBell(t *testing.T) {
	e := vt.NewEmulator(10, 4)
	e.Write([]byte("\x07a\x07\x1b]2;x\x07"))
	if n := e.Framebuffer().BellCount; n != 2 {
		t.Errorf("BellCount %d, want 2 (an OSC terminator is not a bell)", n)
	}
}
