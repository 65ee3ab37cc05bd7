package bookmark

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func titles(entries []Entry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Title())
	}
	return out
}

func TestStore(t *testing.T) {
	s := NewStore(filepath.Join(t.TempDir(), "roam", "bookmarks"))
	if entries, err := s.List(); err != nil || len(entries) != 0 {
		t.Fatalf("List of a store not made yet = %v, %v", entries, err)
	}

	web, err := s.Create(&Bookmark{Name: "web server", Host: "web.example.com", Notes: "nginx"})
	if err != nil {
		t.Fatal(err)
	}
	db, err := s.Create(&Bookmark{Name: "Database", Host: "db.example.com", User: "pg", Port: 2200})
	if err != nil {
		t.Fatal(err)
	}
	if web != "web-server" || db != "Database" {
		t.Errorf("ids %q, %q", web, db)
	}
	// A hand-broken file is listed with its error, not dropped.
	if err := os.WriteFile(s.Path("broken"), []byte("host = \"h\"\nport = \"x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	entries, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := titles(entries), []string{"broken", "Database", "web server"}; !slices.Equal(got, want) {
		t.Errorf("List titles %q, want %q", got, want)
	}
	if e := entries[0]; e.Err == nil || !strings.Contains(e.Summary(), `broken.roam:2: field "port"`) {
		t.Errorf("broken entry: err %v, summary %q", e.Err, e.Summary())
	}
	if got := entries[1].Summary(); got != "pg@db.example.com:2200" {
		t.Errorf("Summary %q", got)
	}

	dup, err := s.Duplicate(db)
	if err != nil {
		t.Fatal(err)
	}
	copied, err := s.Load(dup)
	if err != nil || copied.Name != "Database (copy)" || copied.Host != "db.example.com" {
		t.Fatalf("Duplicate gave %q: %+v, %v", dup, copied, err)
	}

	renamed, err := s.Rename(web, "Web")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Path(web)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("old file still there after Rename: %v", err)
	}
	if b, err := s.Load(renamed); err != nil || b.Name != "Web" || b.Notes != "nginx" {
		t.Errorf("renamed bookmark %q: %+v, %v", renamed, b, err)
	}
	// Renaming to a name whose file exists picks another file.
	if id, err := s.Rename(dup, "database"); err != nil || id == db {
		t.Errorf("Rename onto an existing file's name = %q, %v", id, err)
	}

	dest := filepath.Join(t.TempDir(), "shared.roam")
	if err := os.WriteFile(s.Path("commented"), []byte("# keep me\nhost = \"c\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Export("commented", dest); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(dest); string(data) != "# keep me\nhost = \"c\"\n" {
		t.Errorf("Export wrote %q", data)
	}
	if err := s.Export("broken", dest); err == nil {
		t.Error("Export of a broken bookmark succeeded")
	}
	imported, err := s.Import(dest)
	if err != nil || imported != "c" {
		t.Errorf("Import = %q, %v", imported, err)
	}

	if err := s.Delete(db); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(db); err == nil {
		t.Error("Load after Delete succeeded")
	}
	for _, id := range []string{"", "../x", ".hidden", `a\b`, "c:x"} {
		if _, err := s.Load(id); !errors.Is(err, ErrBadID) {
			t.Errorf("Load(%q) = %v, want ErrBadID", id, err)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"web server":        "web-server",
		"build.example.com": "build-example-com",
		"  --a--  ":         "a",
		"Zürich/Prod":       "Zürich-Prod",
		"../../etc/passwd":  "etc-passwd",
		"":                  "bookmark",
		"con":               "con-bookmark",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCrashLeavesOldFile stops a save after its data reached the disk
// and before the rename, as a crash would: the bookmark is unchanged and
// the half-done file is not listed.
func TestCrashLeavesOldFile(t *testing.T) {
	s := NewStore(t.TempDir())
	if err := s.Save("a", &Bookmark{Host: "old.example.com"}); err != nil {
		t.Fatal(err)
	}
	newData, err := Marshal(&Bookmark{Host: "new.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	tmp, err := writeTemp(s.Dir(), "a"+Ext, newData[:len(newData)/2], 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(tmp), ".a.roam.") || strings.HasSuffix(tmp, Ext) {
		t.Errorf("temporary file %q could be taken for a bookmark", tmp)
	}
	entries, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Err != nil || entries[0].Bookmark.Host != "old.example.com" {
		t.Errorf("after the crash List = %+v", entries)
	}
	// The next save goes through and leaves no temporary file of its own.
	if err := s.Save("a", &Bookmark{Host: "new.example.com"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(s.Dir(), ".*"+tempSuffix))
	if len(files) != 1 || files[0] != tmp {
		t.Errorf("temporary files %q, want only the crashed one", files)
	}
	if b, err := s.Load("a"); err != nil || b.Host != "new.example.com" {
		t.Errorf("Load = %+v, %v", b, err)
	}
}

func TestRecent(t *testing.T) {
	s := NewStore(t.TempDir())
	if got := s.Recent(); len(got) != 0 {
		t.Fatalf("Recent of a new store = %v", got)
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range MaxRecent + 3 {
		target := "ssh://h" + string(rune('a'+i))
		if err := s.AddRecent(Recent{Title: target, Target: target, Time: start.Add(time.Duration(i) * time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	// Connecting again to an older target moves it to the front.
	if err := s.AddRecent(Recent{Title: "again", Target: "ssh://hf", Time: start.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got := s.Recent()
	if len(got) != MaxRecent {
		t.Fatalf("%d recent entries, want %d", len(got), MaxRecent)
	}
	var targets []string
	for _, r := range got {
		targets = append(targets, strings.TrimPrefix(r.Target, "ssh://"))
	}
	want := []string{"hf", "hm", "hl", "hk", "hj", "hi", "hh", "hg", "he", "hd"}
	if !slices.Equal(targets, want) {
		t.Errorf("recent %q, want %q", targets, want)
	}
	if !got[0].Time.Equal(start.Add(time.Hour)) || got[0].Title != "again" {
		t.Errorf("first entry %+v", got[0])
	}
	if err := s.AddRecent(Recent{Title: "x"}); err == nil {
		t.Error("AddRecent without a target succeeded")
	}
}

func TestFilter(t *testing.T) {
	entries := []Entry{
		{ID: "web", Bookmark: &Bookmark{Name: "Web", Host: "web.example.com", Notes: "nginx frontend"}},
		{ID: "db", Bookmark: &Bookmark{Name: "Database", User: "pg", Host: "db.internal"}},
		{ID: "alias", Bookmark: &Bookmark{SSHAlias: "jump"}},
		{ID: "broken", Err: errors.New("bad")},
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"web", "db", "alias", "broken"}},
		{"WEB", []string{"web"}},
		{"example nginx", []string{"web"}},
		{"pg@", []string{"db"}},
		{"jump", []string{"alias"}},
		{"brok", []string{"broken"}},
		{"web db", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range Filter(entries, tt.query) {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Filter(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}
