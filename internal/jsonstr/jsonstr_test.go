package jsonstr

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppend compares Append with encoding/json on arbitrary strings, HTML escaped
// (json.Marshal) and not (json.Encoder with SetEscapeHTML(false)). The seeds cover every escape:
// quotes, backslashes, control characters, <, > and &, U+2028 and U+2029, invalid and truncated
// UTF-8, and U+FFFD itself.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{"", "plain ASCII", `"quoted" \ back\slash /`, "\b\f\n\r\t\x00\x01\x1f\x7f", "<b>&amp;</b>",
		"\u2028 \u2029 \u2027 \u202a", "é 中 🙂 日本語", "\xff \xc3 \xe2\x80 \xed\xa0\x80", "\ufffd", "\\u003c", "\xe2\x80\xa8\xe2\x80",
		"bad \xff\xfe utf8 \xe2\x82", "<a href='x'>&amp;</a>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		marshalled, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := Append(nil, s, true); !bytes.Equal(got, marshalled) {
			t.Errorf("Append(%q, escapeHTML) = %s, json.Marshal gives %s", s, got, marshalled)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := Append(nil, s, false), bytes.TrimSuffix(b.Bytes(), []byte("\n")); !bytes.Equal(got, want) {
			t.Errorf("Append(%q) = %s, json.Encoder without HTML escaping gives %s", s, got, want)
		}
		if got := Append([]byte("prefix"), s, false); !bytes.HasPrefix(got, []byte(`prefix"`)) {
			t.Errorf("Append to %q lost what was there: %s", "prefix", got)
		}
	})
}
