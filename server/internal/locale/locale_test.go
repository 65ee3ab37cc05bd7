package locale

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		offers []string
		want   []string // nil: NotUTF8Error
	}{
		{"native UTF-8 ignores offers", []string{"PATH=/bin", "LANG=C.UTF-8"}, []string{"LANG=en_US.UTF-8"},
			[]string{"PATH=/bin", "LANG=C.UTF-8"}},
		{"utf8 spelling", []string{"LANG=en_GB.utf8"}, nil, []string{"LANG=en_GB.utf8"}},
		{"LC_ALL wins over LANG", []string{"LANG=C", "LC_ALL=C.UTF-8"}, nil, []string{"LANG=C", "LC_ALL=C.UTF-8"}},
		{"LC_ALL C beats UTF-8 LANG", []string{"LANG=C.UTF-8", "LC_ALL=C", "HOME=/root"}, []string{"LANG=C.UTF-8"},
			[]string{"HOME=/root", "LANG=C.UTF-8"}},
		{"LC_CTYPE over LANG", []string{"LANG=C", "LC_CTYPE=de_DE.UTF-8@euro"}, nil,
			[]string{"LANG=C", "LC_CTYPE=de_DE.UTF-8@euro"}},
		{"empty LC_ALL is unset", []string{"LC_ALL=", "LANG=C.UTF-8"}, nil, []string{"LC_ALL=", "LANG=C.UTF-8"}},
		{"macOS bare UTF-8", []string{"LC_CTYPE=UTF-8"}, nil, []string{"LC_CTYPE=UTF-8"}},
		{"nothing set, offer taken", []string{"PATH=/bin"}, []string{"LANG=C.UTF-8", "LC_TIME=C"},
			[]string{"PATH=/bin", "LANG=C.UTF-8", "LC_TIME=C"}},
		{"all locale vars cleared", []string{"LANG=C", "LC_NUMERIC=fr_FR", "LANGUAGE=fr", "X=1"}, []string{"LC_ALL=C.UTF-8"},
			[]string{"X=1", "LC_ALL=C.UTF-8"}},
		{"malformed offer dropped", []string{"LANG=C"}, []string{"garbage", "LANG=C.UTF-8"}, []string{"LANG=C.UTF-8"}},
		{"neither", []string{"LANG=C"}, []string{"LANG=en_US.ISO-8859-1"}, nil},
		{"no offers", []string{"LANG=POSIX"}, nil, nil},
		{"latin1", []string{"LANG=en_US"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.env, tt.offers)
			if tt.want == nil {
				var e *NotUTF8Error
				if !errors.As(err, &e) {
					t.Fatalf("err = %v, want NotUTF8Error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNotUTF8ErrorMessage(t *testing.T) {
	_, err := Resolve([]string{"LANG=C"}, []string{"LC_ALL=en_US.ISO-8859-1"})
	msg := err.Error()
	for _, want := range []string{
		"roam-server needs a UTF-8 native locale to run.",
		`local environment (LANG=C) specifies` + "\n" + `the character set "US-ASCII"`,
		`client-supplied environment (LC_ALL=en_US.ISO-8859-1) specifies` + "\n" + `the character set "ISO-8859-1"`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}
