package gui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/roamterm/roam/gui/bookmark"
	"github.com/roamterm/roam/gui/tty"
	"github.com/roamterm/roam/server/launch"
)

// bookmarkApp makes an app whose store holds a few bookmarks and one
// broken file, with the bookmarks window open and connections going to
// fake (which fails them at once, as if cancelled).
func bookmarkApp(t *testing.T) (*App, *bookmarksWindow, *fakeLaunch) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bookmarks")
	writeFile(t, filepath.Join(dir, "build.roam"), "version = 1\nname = \"Build box\"\nhost = \"build.example.com\"\nuser = \"ci\"\nport = 2222\n")
	writeFile(t, filepath.Join(dir, "web.roam"), "version = 1\nname = \"Web\"\nhost = \"web.example.com\"\nnotes = \"nginx frontends\"\n")
	writeFile(t, filepath.Join(dir, "broken.roam"), "version = 1\nhost = \"x\"\nport = \"many\"\n")
	fake := newFake(func(context.Context, launch.Callbacks) (launch.Result, error) { return launch.Result{}, ErrCancelled })
	a := testApp(t, Options{Launch: fake.start, Bookmarks: bookmark.NewStore(dir)})
	a.showBookmarks()
	return a, a.bookmarks, fake
}

func titles(b *bookmarksWindow) []string {
	var ts []string
	for _, e := range b.shown {
		ts = append(ts, e.Title())
	}
	return ts
}

func TestBookmarksList(t *testing.T) {
	_, b, fake := bookmarkApp(t)
	if got := strings.Join(titles(b), "|"); got != "broken|Build box|Web" {
		t.Fatalf("listed %q", got)
	}
	broken := b.shown[0]
	if broken.Err == nil || !strings.Contains(broken.Summary(), "broken.roam:3") {
		t.Errorf("broken file listed with %q, want its error", broken.Summary())
	}

	// Typing filters; Down moves the selection; Enter connects.
	test.Type(b.search, "example")
	if got := strings.Join(titles(b), "|"); got != "Build box|Web" {
		t.Fatalf("search example: %q", got)
	}
	b.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	b.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := <-fake.targets; got.Host != "web.example.com" {
		t.Errorf("Enter connected to %+v, want the second match", got)
	}
	b.search.SetText("nginx")
	if got := strings.Join(titles(b), "|"); got != "Web" {
		t.Errorf("search nginx (notes): %q", got)
	}

	// Double-click connects.
	b.search.SetText("")
	b.list.Select(1)
	b.connectSelected()
	if got := <-fake.targets; got.Host != "ci@build.example.com" || got.Port != 2222 {
		t.Errorf("connected to %+v", got)
	}

	// A broken file is shown, not connected.
	b.list.Select(0)
	b.connectSelected()
	waitDialog(t, b.win, "broken.roam:3")
}

func TestBookmarkDoubleClick(t *testing.T) {
	_, b, fake := bookmarkApp(t)
	var rows []*entryRow
	for _, o := range test.LaidOutObjects(b.list) {
		if r, ok := o.(*entryRow); ok && r.title.Text == "Web" {
			rows = append(rows, r)
		}
	}
	if len(rows) != 1 {
		t.Fatalf("found %d rows for Web", len(rows))
	}
	test.DoubleTap(rows[0])
	if got := <-fake.targets; got.Host != "web.example.com" {
		t.Errorf("double-click connected to %+v", got)
	}
}

func TestBookmarkEdit(t *testing.T) {
	a, b, _ := bookmarkApp(t)

	// A new bookmark with a bad port stays in the form with the error.
	f := b.edit("")
	test.Type(f.name, "Lab")
	test.Type(f.host, "lab.example.com")
	test.Type(f.port, "70000")
	f.save()
	if !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, "port") {
		t.Fatalf("error shown: %v %q", f.errLabel.Visible(), f.errLabel.Text)
	}
	if len(b.all) != 3 {
		t.Fatal("an invalid bookmark was saved")
	}
	f.port.SetText("2200")
	f.predict.SetSelected("never")
	f.save()
	if f.errLabel.Visible() && f.errLabel.Text != "" && len(b.all) != 4 {
		t.Fatalf("valid bookmark not saved: %q", f.errLabel.Text)
	}
	if got := strings.Join(titles(b), "|"); got != "broken|Build box|Lab|Web" {
		t.Fatalf("after create: %q", got)
	}
	lab := b.shown[2]
	if lab.Bookmark.Port != 2200 || lab.Bookmark.Predict != bookmark.PredictNever {
		t.Errorf("saved %+v", lab.Bookmark)
	}

	// Editing keeps what the form does not show, renames with the name.
	b.list.Select(1) // Build box
	writeFile(t, b.shown[1].Path, "version = 1\nname = \"Build box\"\nhost = \"build.example.com\"\nfuture_field = 7\n")
	f = b.edit(b.shown[1].ID)
	f.name.SetText("Builder")
	f.save()
	if got := strings.Join(titles(b), "|"); got != "broken|Builder|Lab|Web" {
		t.Fatalf("after rename: %q", got)
	}
	if u := b.shown[1].Bookmark.UnknownFields(); len(u) != 1 || u[0] != "future_field" {
		t.Errorf("unknown fields after edit: %v", u)
	}

	// Duplicate, then delete the copy (after confirming).
	b.list.Select(1)
	b.duplicateSelected()
	if got := strings.Join(titles(b), "|"); got != "broken|Builder|Builder (copy)|Lab|Web" {
		t.Fatalf("after duplicate: %q", got)
	}
	b.list.Select(2)
	b.deleteSelected()
	waitDialog(t, b.win, "Delete \"Builder (copy)\"?")
	test.Tap(button(t, b.win, "Yes"))
	if got := strings.Join(titles(b), "|"); got != "broken|Builder|Lab|Web" {
		t.Fatalf("after delete: %q", got)
	}

	// Export writes the file as it is.
	dest := filepath.Join(t.TempDir(), "lab.roam")
	if err := a.store.Export(b.shown[2].ID, dest); err != nil {
		t.Fatal(err)
	}
	if _, err := bookmark.LoadFile(dest); err != nil {
		t.Error(err)
	}
}

func TestBookmarkImportAndRecent(t *testing.T) {
	a, b, fake := bookmarkApp(t)
	config := filepath.Join(t.TempDir(), "ssh_config")
	writeFile(t, config, "Host alpha beta\n  HostName 10.0.0.1\nHost *.internal !x\n  User me\nHost gamma\n  Port 2022\n")
	b.importFrom(config)
	waitDialog(t, b.win, "Imported 3 hosts")
	if got := strings.Join(titles(b), "|"); got != "alpha|beta|broken|Build box|gamma|Web" {
		t.Fatalf("after import: %q", got)
	}

	if err := a.store.AddRecent(bookmark.Recent{Title: "me@old", Target: "ssh://me@old:2022"}); err != nil {
		t.Fatal(err)
	}
	b.refresh()
	if len(b.recents) != 1 {
		t.Fatalf("recent: %+v", b.recents)
	}
	b.openRecent(0)
	if got := <-fake.targets; got.Host != "me@old" || got.Port != 2022 {
		t.Errorf("recent connected to %+v", got)
	}
}

// TestFirstRun: the first run opens the bookmarks beside the first
// session; later runs only the session.
func TestFirstRun(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	fa := test.NewTempApp(t)
	fake := newFake(func(context.Context, launch.Callbacks) (launch.Result, error) { return launch.Result{}, ErrCancelled })
	inv := tty.Invocation{Action: tty.ActionSSH, Destination: "box", Target: launch.Target{Host: "box"}}
	opts := Options{Bookmarks: bookmark.NewStore(t.TempDir()), Launch: fake.start, SSH: &inv}
	for run, want := range []bool{true, false} {
		a := newApp(fa, opts)
		if err := a.start(); err != nil {
			t.Fatal(err)
		}
		<-fake.targets
		if shown := a.bookmarks != nil; shown != want {
			t.Errorf("run %d: bookmarks shown %v, want %v", run+1, shown, want)
		}
		if len(a.windows) != 1 {
			t.Errorf("run %d: %d session windows", run+1, len(a.windows))
		}
	}
}
