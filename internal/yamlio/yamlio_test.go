package yamlio

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestParsePositions(t *testing.T) {
	src := "scopes:\n  - id: repo\n    parents: [a, b]\n  - id: gist\n"
	n, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	second := n.Get("scopes").Content[1].Get("id")
	if second.Value != "gist" || second.Pos.Line != 4 || second.Pos.Col != 9 {
		t.Errorf("got %q at %v, want gist at 4:9", second.Value, second.Pos)
	}
	b := n.At([]string{"scopes", "0", "parents", "1"})
	if b.Value != "b" || b.Pos.String() != "s.yaml:3:18" {
		t.Errorf("At: got %q at %v", b.Value, b.Pos)
	}
	if got := n.At([]string{"scopes", "0", "missing"}); got.Kind != Mapping || got.Pos.Line != 2 {
		t.Errorf("At on a missing key should stop at its parent, got %v at %v", got.Kind, got.Pos)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"syntax", "a: b\n  c: d: e\n", "f.yaml:2:3: invalid YAML: mapping values are not allowed in this context"},
		{"stray indent", "scopes:\n  - id: a\n    title: x\n  title: y\n", "f.yaml:4:3: invalid YAML: did not find expected '-' indicator"},
		{"unclosed flow", "a: 1\nb: 2\nc: [x\nd: 4\n", "f.yaml:3:1: invalid YAML: did not find expected ',' or ']'"},
		{"duplicate", "a: 1\nb: 2\na: 3\n", `f.yaml:3:1: duplicate key "a" (first at line 1)`},
		{"anchor", "a: &x 1\nb: *x\n", "f.yaml:1:4: YAML anchors (&x) are not supported\nf.yaml:2:4: YAML aliases (*x) are not supported"},
		{"utf8", "a: b\nc: \xff\n", "f.yaml:2:4: invalid UTF-8 byte 0xff"},
		{"two docs", "a: 1\n---\nb: 2\n", "f.yaml:2:1: a file must hold one YAML document, found another"},
		{"complex key", "? [a]\n: 1\n", "f.yaml:1:3: a mapping key must be a plain value"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(c.src))
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != c.want {
				t.Errorf("got\n%s\nwant\n%s", err, c.want)
			}
		})
	}
}

func TestDuplicateKeyInLargeMapping(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "k%d: %d\n", i, i)
	}
	b.WriteString("k7: again\n")
	_, err := Parse("big.yaml", []byte(b.String()))
	if err == nil || err.Error() != `big.yaml:41:1: duplicate key "k7" (first at line 8)` {
		t.Errorf("got %v", err)
	}
}

func TestParseEmpty(t *testing.T) {
	n, err := Parse("e.yaml", []byte("# only a comment\n"))
	if err != nil || n.Kind != Mapping || len(n.Content) != 0 {
		t.Fatalf("got %+v, %v; want an empty mapping", n, err)
	}
}

func TestPlain(t *testing.T) {
	n, err := Parse("p.yaml", []byte("a: 1\nb: [x, true, null]\nc: 2025-01-02\nd: 1.5\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := n.Plain().(map[string]any)
	if m["c"] != "2025-01-02" {
		t.Errorf("timestamp should stay a string, got %#v", m["c"])
	}
	b := m["b"].([]any)
	if b[0] != "x" || b[1] != true || b[2] != nil {
		t.Errorf("sequence: %#v", b)
	}
	if got := m["a"]; got == nil || got.(interface{ String() string }).String() != "1" {
		t.Errorf("int: %#v", got)
	}
}

func TestEncodeDeterministic(t *testing.T) {
	tree := Map("scopes", Seq(Map("id", Str("repo"), "parents", &Node{Kind: Sequence, Flow: true}), Map("id", Str("gist"), "skip", nil)),
		"set", &Node{Kind: Mapping, Flow: true, Content: []*Node{Str("issues"), Str("write")}})
	var a, b bytes.Buffer
	if err := Encode(&a, "yaml-language-server: $schema=x.json", tree); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&b, "yaml-language-server: $schema=x.json", tree); err != nil {
		t.Fatal(err)
	}
	want := "# yaml-language-server: $schema=x.json\nscopes:\n  - id: repo\n    parents: []\n  - id: gist\nset: {issues: write}\n"
	if a.String() != want {
		t.Errorf("got\n%s\nwant\n%s", a.String(), want)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two encodings differ")
	}
	back, err := Parse("r.yaml", a.Bytes())
	if err != nil || back.Get("set").Get("issues").Value != "write" {
		t.Errorf("round trip failed: %v", err)
	}
	if strings.Contains(a.String(), "skip") {
		t.Error("nil values must be skipped")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("a: [1, 2]\nb: {c: d}\n"))
	f.Add([]byte("- &a x\n- *a\n"))
	f.Add([]byte("a: \xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Parse("f.yaml", data)
		if err == nil && n == nil {
			t.Fatal("nil node without error")
		}
	})
}
