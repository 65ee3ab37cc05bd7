package packagetest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestInfoPlist lints packaging/darwin/Info.plist: it must be a well-formed
// property list (read strictly here, and converted to binary and back by
// libplist's plistutil without losing anything) that declares *.roam as a
// document type with an exported UTI.
func TestInfoPlist(t *testing.T) {
	needTools(t, "plistutil")
	src := filepath.Join(repoRoot(t), "packaging", "darwin", "Info.plist")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// The placeholders package.sh fills in, filled in as it does.
	filled := strings.NewReplacer("@VERSION@", "0.1.0", "@EXECUTABLE@", "roam", "@ICON@", "icon.icns").Replace(string(data))
	plist, err := parsePlist(strings.NewReader(filled))
	if err != nil {
		t.Fatalf("Info.plist: %v", err)
	}

	// plistutil exits 0 even when it fails, so the round trip is judged
	// by its output: binary and back must give the same values.
	dir := t.TempDir()
	in, bin, back := filepath.Join(dir, "Info.plist"), filepath.Join(dir, "Info.bplist"), filepath.Join(dir, "back.plist")
	if err := os.WriteFile(in, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "", nil, "plistutil", "-i", in, "-o", bin, "-f", "bin")
	run(t, "", nil, "plistutil", "-i", bin, "-o", back, "-f", "xml")
	f, err := os.Open(back)
	if err != nil {
		t.Fatalf("plistutil wrote nothing: %v", err)
	}
	defer f.Close()
	again, err := parsePlist(f)
	if err != nil {
		t.Fatalf("plistutil's output: %v", err)
	}
	if !reflect.DeepEqual(plist, again) {
		t.Errorf("plistutil's round trip changed the plist:\n%v\n%v", plist, again)
	}

	root, ok := plist.(map[string]any)
	if !ok {
		t.Fatalf("top level is %T, want a dict", plist)
	}
	for key, want := range map[string]string{
		"CFBundleIdentifier": "dev.roamterm.roam", "CFBundleName": "Roam",
		"CFBundleExecutable": "roam", "CFBundleShortVersionString": "0.1.0",
		"CFBundlePackageType": "APPL",
	} {
		if root[key] != want {
			t.Errorf("%s = %v, want %q", key, root[key], want)
		}
	}
	const uti = "dev.roamterm.roam.bookmark"
	doc := path(root, "CFBundleDocumentTypes", 0)
	if types := path(doc, "LSItemContentTypes"); !slices.Contains(asStrings(types), uti) {
		t.Errorf("CFBundleDocumentTypes[0].LSItemContentTypes = %v, want %s", types, uti)
	}
	if role := path(doc, "CFBundleTypeRole"); role != "Editor" && role != "Viewer" {
		t.Errorf("CFBundleTypeRole = %v", role)
	}
	exported := path(root, "UTExportedTypeDeclarations", 0)
	if id := path(exported, "UTTypeIdentifier"); id != uti {
		t.Errorf("UTTypeIdentifier = %v, want %s", id, uti)
	}
	tags := path(exported, "UTTypeTagSpecification")
	if ext := asStrings(path(tags, "public.filename-extension")); !slices.Equal(ext, []string{"roam"}) {
		t.Errorf("public.filename-extension = %v, want [roam]", ext)
	}
	if mime := path(tags, "public.mime-type"); mime != "application/x-roam-bookmark" {
		t.Errorf("public.mime-type = %v", mime)
	}
}

// path walks dicts (by key) and arrays (by index); nil if absent.
func path(v any, steps ...any) any {
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[s]
		case int:
			a, _ := v.([]any)
			if s >= len(a) {
				return nil
			}
			v = a[s]
		}
	}
	return v
}

func asStrings(v any) []string {
	a, _ := v.([]any)
	var out []string
	for _, e := range a {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// parsePlist reads an XML property list strictly: a dict alternates keys
// and values, and only plist elements may appear.
func parsePlist(r io.Reader) (any, error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	start, err := nextStart(d)
	if err != nil {
		return nil, err
	}
	if start.Name.Local != "plist" {
		return nil, fmt.Errorf("root element <%s>, want <plist>", start.Name.Local)
	}
	first, err := nextStart(d)
	if err != nil {
		return nil, err
	}
	v, err := plistValue(d, first)
	if err != nil {
		return nil, err
	}
	if _, err := nextStart(d); !errors.Is(err, errEnd) {
		return nil, fmt.Errorf("more than one value in <plist>")
	}
	return v, nil
}

var errEnd = errors.New("end of element")

// nextStart returns the next start element, or errEnd at an end element.
func nextStart(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			return tok, nil
		case xml.EndElement:
			return xml.StartElement{}, errEnd
		case xml.CharData:
			if strings.TrimSpace(string(tok)) != "" {
				return xml.StartElement{}, fmt.Errorf("stray text %q", tok)
			}
		}
	}
}

func plistValue(d *xml.Decoder, start xml.StartElement) (any, error) {
	switch start.Name.Local {
	case "string", "integer", "real", "date", "data":
		var s string
		if err := d.DecodeElement(&s, &start); err != nil {
			return nil, err
		}
		if start.Name.Local == "string" {
			return s, nil
		}
		// Other scalars keep their type, for the round-trip comparison.
		return start.Name.Local + ":" + s, nil
	case "true", "false":
		if err := d.Skip(); err != nil {
			return nil, err
		}
		return start.Name.Local == "true", nil
	case "array":
		var a []any
		for {
			el, err := nextStart(d)
			if errors.Is(err, errEnd) {
				return a, nil
			}
			if err != nil {
				return nil, err
			}
			v, err := plistValue(d, el)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case "dict":
		m := make(map[string]any)
		for {
			el, err := nextStart(d)
			if errors.Is(err, errEnd) {
				return m, nil
			}
			if err != nil {
				return nil, err
			}
			if el.Name.Local != "key" {
				return nil, fmt.Errorf("<%s> where a <key> belongs in a <dict>", el.Name.Local)
			}
			var key string
			if err := d.DecodeElement(&key, &el); err != nil {
				return nil, err
			}
			if _, dup := m[key]; dup {
				return nil, fmt.Errorf("key %q twice in a <dict>", key)
			}
			vs, err := nextStart(d)
			if err != nil {
				return nil, fmt.Errorf("key %q has no value", key)
			}
			if m[key], err = plistValue(d, vs); err != nil {
				return nil, err
			}
		}
	}
	return nil, fmt.Errorf("<%s> is not a plist element", start.Name.Local)
}
