package settings

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// KeyError is a bad value in the settings file, named by its key path
// ("custom_palette.ansi[3]"); the value's default is used instead.
type KeyError struct {
	File string // empty when not read from a file
	Key  string
	Err  error
}

func (e *KeyError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("settings: %s: %v", e.Key, e.Err)
	}
	return fmt.Sprintf("settings: %s: %s: %v", e.File, e.Key, e.Err)
}

func (e *KeyError) Unwrap() error { return e.Err }

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// decodeObject decodes the JSON object data into the struct v key by key
// (by the fields' json tags), so that one bad value costs only itself: it
// is appended to errs as a *KeyError under path and its field left as it
// was. Unknown keys are ignored, for files of newer versions. The error
// is for data that is not a JSON object at all.
func decodeObject(data []byte, v reflect.Value, path string, errs *[]error) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	if fields == nil {
		return errors.New("not a JSON object")
	}
	t := v.Type()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		raw, ok := fields[name]
		if !ok || name == "" || name == "-" {
			continue
		}
		decodeValue(raw, v.Field(i), path+name, errs)
	}
	return nil
}

// decodeValue decodes one value into v: an object or array element by
// element, anything else (including a type with UnmarshalText) whole.
func decodeValue(raw json.RawMessage, v reflect.Value, key string, errs *[]error) {
	fail := func(err error) { *errs = append(*errs, &KeyError{Key: key, Err: err}) }
	switch {
	case reflect.PointerTo(v.Type()).Implements(textUnmarshaler):
	case v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct:
		if string(raw) == "null" {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		if err := decodeObject(raw, p.Elem(), key+".", errs); err != nil {
			fail(errors.New("want a JSON object"))
			return
		}
		v.Set(p)
		return
	case v.Kind() == reflect.Array:
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil || len(elems) != v.Len() {
			fail(fmt.Errorf("want a list of %d values", v.Len()))
			return
		}
		for i, e := range elems {
			decodeValue(e, v.Index(i), key+"["+strconv.Itoa(i)+"]", errs)
		}
		return
	}
	p := reflect.New(v.Type())
	if err := json.Unmarshal(raw, p.Interface()); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			err = fmt.Errorf("want a %s, not a JSON %s", typeName(te.Type), te.Value)
		}
		fail(err)
		return
	}
	v.Set(p.Elem())
}

// typeName names a Go type for a user reading the settings file.
func typeName(t reflect.Type) string {
	if t == reflect.TypeFor[Color]() {
		return "\"#rrggbb\" string"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.String:
		return "string"
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int64, reflect.Uint8:
		return "number"
	}
	return t.String()
}
