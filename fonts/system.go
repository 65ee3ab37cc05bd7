package fonts

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// SystemDirs returns the directories where this operating system keeps
// installed fonts, system-wide and per user, in the order they are searched.
func SystemDirs() []string {
	home, _ := os.UserHomeDir()
	var dirs []string
	switch runtime.GOOS {
	case "windows":
		windir := os.Getenv("WINDIR")
		if windir == "" {
			windir = `C:\Windows`
		}
		dirs = append(dirs, filepath.Join(windir, "Fonts"))
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
	case "darwin", "ios":
		dirs = append(dirs, "/System/Library/Fonts", "/Library/Fonts")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
	default:
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"))
		}
		dirs = append(dirs, "/usr/share/fonts", "/usr/local/share/fonts")
	}
	return dirs
}

// maxFontFiles bounds how many font files a search lists, so that a huge
// font directory cannot make discovery slow or hold too many files open.
const maxFontFiles = 4096

// FindFiles walks dirs (missing ones are skipped) and returns the TrueType
// and OpenType files (.ttf, .otf, .ttc, .otc) found, monospaced fonts
// first, because a fallback glyph from a monospaced font fits the cell
// grid best; within each group files keep the order of dirs and then of
// their paths.
func FindFiles(dirs []string) []string {
	var mono, other []string
	for _, dir := range dirs {
		var found []string
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable directory is skipped, not fatal: fonts
				// elsewhere are still worth finding.
				if d != nil && d.IsDir() && path != dir {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && isFontFile(path) && len(found) < maxFontFiles {
				found = append(found, path)
			}
			return nil
		})
		sort.Strings(found)
		for _, f := range found {
			if isMonoName(filepath.Base(f)) {
				mono = append(mono, f)
			} else {
				other = append(other, f)
			}
		}
	}
	files := append(mono, other...)
	if len(files) > maxFontFiles {
		files = files[:maxFontFiles]
	}
	return files
}

func isFontFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ttf", ".otf", ".ttc", ".otc":
		return true
	}
	return false
}

func isMonoName(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "mono") || strings.Contains(n, "consol") || strings.Contains(n, "courier")
}
