package reference

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// encoderJSON is what mustJSON stands for: json.Encoder with SetIndent.
func encoderJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMustJSONIsEncoderIndent compares mustJSON with json.Encoder's indentation on the data files
// of the starter's versions and on random values.
func TestMustJSONIsEncoderIndent(t *testing.T) {
	var values []any
	m := loadStarter(t)
	g := New(m, English{}, Options{})
	for _, v := range m.Versions {
		c := g.ctx(v, "en")
		values = append(values, c.origPermissions(), c.origEndpoints(), c.origScopes(), c.origMigrate())
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", `"`, `\`, "\n", "\t", "<&>", "é", "中", "\u2028", "\x00", "{", "}", "[", "]", ",", ":", " ", "\\u00e9"}
	str := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	var value func(depth int) any
	value = func(depth int) any {
		switch k := r.IntN(8); {
		case depth > 3 || k == 0:
			return str()
		case k == 1:
			return r.IntN(1000) - 500
		case k == 2:
			return r.Float64() * 1e6
		case k == 3:
			return r.IntN(2) == 0
		case k == 4:
			return nil
		case k == 5:
			m := map[string]any{}
			for range r.IntN(4) {
				m[str()] = value(depth + 1)
			}
			return m
		default:
			var list []any
			if r.IntN(4) > 0 {
				list = []any{}
			}
			for range r.IntN(4) {
				list = append(list, value(depth+1))
			}
			return list
		}
	}
	for range 2000 {
		values = append(values, value(0))
	}
	values = append(values, map[string]any{}, []any{}, "", 0, nil, map[string]any{"a": []any{}, "b": map[string]any{}})
	for i, v := range values {
		if got, want := mustJSON(v), encoderJSON(t, v); !bytes.Equal(got, want) {
			t.Fatalf("value %d:\n got %q\nwant %q", i, got, want)
		}
	}
}

// TestJSONWMapOrder writes objects from random key/value lists with mapOrder, in both layouts,
// and compares them with encoding/json's writing of the map made from the same list (later
// entries replacing earlier ones), nested in an array as the download files nest them.
func TestJSONWMapOrder(t *testing.T) {
	type entry struct{ k, v string }
	r := rand.New(rand.NewPCG(5, 6))
	keys := []string{"read", "write", "admin", "a", "b", "<", "é", "a\"b", ""}
	var scratch []entry
	for range 2000 {
		var lists [][]entry
		for range r.IntN(3) {
			var list []entry
			for range r.IntN(5) {
				list = append(list, entry{keys[r.IntN(len(keys))], keys[r.IntN(len(keys))]})
			}
			lists = append(lists, list)
		}
		maps := []map[string]string{}
		for _, list := range lists {
			m := map[string]string{}
			for _, e := range list {
				m[e.k] = e.v
			}
			maps = append(maps, m)
		}
		for _, indent := range []bool{true, false} {
			w := &jsonw{indent: indent, escapeHTML: !indent}
			w.open('[')
			for _, list := range lists {
				w.next()
				w.open('{')
				for _, e := range mapOrder(list, func(e entry) string { return e.k }, &scratch) {
					w.mapKey(e.k)
					w.str(e.v)
				}
				w.close('}')
			}
			w.close(']')
			got := w.end()
			var want []byte
			if indent {
				want = encoderJSON(t, maps)
			} else {
				b, err := json.Marshal(maps)
				if err != nil {
					t.Fatal(err)
				}
				want = append(b, '\n')
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("lists %q (indent %v):\n got %s\nwant %s", lists, indent, got, want)
			}
		}
	}
}
