package vrange

import (
	"slices"
	"testing"
)

// FuzzParse checks that Parse never panics, that its errors and spans lie within the source,
// and that String round-trips: Parse(String(x)) gives the same String and the same versions.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"dotcom or (ghes >= 3.10 and not ghec)",
		"not a and b or c",
		"ghes>=3.10",
		"(((x)))",
		"ghes >= 3.x",
	} {
		f.Add(s)
	}
	env := testEnv(f)
	f.Fuzz(func(t *testing.T, src string) {
		x, err := Parse(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse(%q) error %T, want *Error", src, err)
			}
			if e.Offset < 0 || e.Len < 0 || e.Offset+e.Len > len(src) || e.Msg == "" {
				t.Fatalf("Parse(%q) error out of range: %+v", src, e)
			}
			if e.Col(src) < 1 || e.Line(src) < 1 {
				t.Fatalf("Parse(%q) error at line %d col %d", src, e.Line(src), e.Col(src))
			}
			return
		}
		Inspect(x, func(n Expr) bool {
			if n.Pos() < 0 || n.Pos() > n.End() || n.End() > len(src) {
				t.Fatalf("Parse(%q): node %s spans %d..%d", src, String(n), n.Pos(), n.End())
			}
			return true
		})
		s := String(x)
		y, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but Parse(String(x) = %q): %v", src, s, err)
		}
		if s2 := String(y); s2 != s {
			t.Fatalf("String(Parse(%q)) = %q, want %q", s, s2, s)
		}
		if a, b := env.Select(x), env.Select(y); !slices.Equal(a, b) {
			t.Fatalf("Parse(%q) selects %v, but its String %q selects %v", src, a, s, b)
		}
		env.Check(x)
	})
}
