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
		values = append(values, c.permissionsDownload(), c.endpointsDownload(), c.scopesDownload(), c.migrateDownload())
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
