package vrange

import (
	"fmt"
	"strings"
	"testing"
)

// tree prints x fully parenthesized in prefix form, showing exactly how it was grouped.
func tree(x Expr) string {
	switch x := x.(type) {
	case *Name:
		return x.Name
	case *Compare:
		return fmt.Sprintf("[%s %s %s]", x.Name, x.Op, x.Release)
	case *Not:
		return "(not " + tree(x.X) + ")"
	case *And:
		return "(and " + tree(x.X) + " " + tree(x.Y) + ")"
	case *Or:
		return "(or " + tree(x.X) + " " + tree(x.Y) + ")"
	case *Paren:
		return "{" + tree(x.X) + "}"
	}
	return fmt.Sprintf("?%T", x)
}

func TestParseTree(t *testing.T) {
	for _, tt := range []struct{ src, tree, str string }{
		{"dotcom", "dotcom", "dotcom"},
		{"  ghes \t", "ghes", "ghes"},
		{"pat-v2", "pat-v2", "pat-v2"},
		{"a_b.c-9", "a_b.c-9", "a_b.c-9"},
		{"3.10", "3.10", "3.10"}, // a name; Check reports it
		// Precedence: not > and > or; left associativity.
		{"not a and b or c", "(or (and (not a) b) c)", "(not a and b) or c"},
		{"a or b and c", "(or a (and b c))", "a or (b and c)"},
		{"a or not b and c", "(or a (and (not b) c))", "a or (not b and c)"},
		{"a and b and c", "(and (and a b) c)", "a and b and c"},
		{"a or b or c", "(or (or a b) c)", "a or b or c"},
		{"not not a", "(not (not a))", "not not a"},
		// Parentheses.
		{"(a)", "{a}", "a"},
		{"((a))", "{{a}}", "a"},
		{"not (a or b)", "(not {(or a b)})", "not (a or b)"},
		{"not (a and b)", "(not {(and a b)})", "not (a and b)"},
		{"(a or b) and c", "(and {(or a b)} c)", "(a or b) and c"},
		{"a and (b or c)", "(and a {(or b c)})", "a and (b or c)"},
		{"a or (b or c)", "(or a {(or b c)})", "a or b or c"},
		{"a and (b and c)", "(and a {(and b c)})", "a and b and c"},
		{"(a and b) or c", "(or {(and a b)} c)", "(a and b) or c"},
		{"(not a)", "{(not a)}", "not a"},
		{"dotcom or (ghes >= 3.10 and not ghec)", "(or dotcom {(and [ghes >= 3.10] (not ghec))})",
			"dotcom or (ghes >= 3.10 and not ghec)"},
		{"(dotcom)or(ghec)", "(or {dotcom} {ghec})", "dotcom or ghec"},
		// Every operator, with and without spaces.
		{"ghes = 3.10", "[ghes = 3.10]", "ghes = 3.10"},
		{"ghes != 3.10", "[ghes != 3.10]", "ghes != 3.10"},
		{"ghes < 3.10", "[ghes < 3.10]", "ghes < 3.10"},
		{"ghes <= 3.10", "[ghes <= 3.10]", "ghes <= 3.10"},
		{"ghes > 3.10", "[ghes > 3.10]", "ghes > 3.10"},
		{"ghes >= 3.10", "[ghes >= 3.10]", "ghes >= 3.10"},
		{"ghes>=3.10", "[ghes >= 3.10]", "ghes >= 3.10"},
		{"ghes!=3.9", "[ghes != 3.9]", "ghes != 3.9"},
		{"ghes=0.0", "[ghes = 0.0]", "ghes = 0.0"},
		{"ghes\n>=\r\n3.10", "[ghes >= 3.10]", "ghes >= 3.10"},
		{"not ghes<3.10 and(ghec)", "(and (not [ghes < 3.10]) {ghec})", "not ghes < 3.10 and ghec"},
		{"feature >= 1.0", "[feature >= 1.0]", "feature >= 1.0"}, // Check reports it
	} {
		x, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := tree(x); got != tt.tree {
			t.Errorf("Parse(%q) = %s, want %s", tt.src, got, tt.tree)
		}
		s := String(x)
		if s != tt.str {
			t.Errorf("String(Parse(%q)) = %q, want %q", tt.src, s, tt.str)
		}
		y, err := Parse(s)
		if err != nil {
			t.Errorf("Parse(String(Parse(%q))) = Parse(%q): %v", tt.src, s, err)
		} else if String(y) != s {
			t.Errorf("String(Parse(%q)) = %q, want it unchanged", s, String(y))
		}
	}
}

func TestParseSpans(t *testing.T) {
	const src = "not (dotcom or ghes>=3.10) and  pat-v2"
	x, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	Inspect(x, func(x Expr) bool {
		got = append(got, src[x.Pos():x.End()])
		return true
	})
	want := []string{
		src,                          // and
		"not (dotcom or ghes>=3.10)", // not
		"(dotcom or ghes>=3.10)",     // paren
		"dotcom or ghes>=3.10",       // or
		"dotcom",
		"ghes>=3.10",
		"pat-v2",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans:\n got %q\nwant %q", got, want)
	}
	c := x.(*And).X.(*Not).X.(*Paren).X.(*Or).Y.(*Compare)
	if src[c.OpPos:c.OpPos+2] != ">=" || src[c.ReleasePos:c.ReleaseEnd] != "3.10" {
		t.Errorf("Compare positions: op at %d, release %d..%d", c.OpPos, c.ReleasePos, c.ReleaseEnd)
	}
	if o := x.(*And); src[o.OpPos:o.OpPos+3] != "and" {
		t.Errorf("And.OpPos = %d", o.OpPos)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		src      string
		off, len int
		col      int
		msg      string
	}{
		{"", 0, 0, 1, "empty version range"},
		{"  \t ", 0, 4, 1, "empty version range"},
		{"dotcom ghec", 7, 4, 8, `expected "and" or "or" before "ghec"`},
		{"dotcom or", 7, 2, 8, `expected a version name after "or"`},
		{"dotcom and", 7, 3, 8, `expected a version name after "and"`},
		{"not", 0, 3, 1, `expected a version name after "not"`},
		{"dotcom and and ghec", 11, 3, 12, `expected a version name after "and", found "and"`},
		{"dotcom or or ghec", 10, 2, 11, `expected a version name after "or", found "or"`},
		{"and ghec", 0, 3, 1, `expected a version name, found "and"`},
		{"or", 0, 2, 1, `expected a version name, found "or"`},
		{")", 0, 1, 1, `expected a version name, found ")"`},
		{">= 3.10", 0, 2, 1, `expected a version name, found ">="`},
		{"not )", 4, 1, 5, `expected a version name after "not", found ")"`},
		{"()", 1, 1, 2, `expected a version name after "(", found ")"`},
		{"(dotcom", 0, 1, 1, `unclosed "("`},
		{"dotcom or (ghec and (ghes)", 10, 1, 11, `unclosed "("`},
		{"(", 0, 1, 1, `expected a version name after "("`},
		{"dotcom)", 6, 1, 7, `unmatched ")"`},
		{"(dotcom))", 8, 1, 9, `unmatched ")"`},
		{"(dotcom ghec)", 8, 4, 9, `expected "and", "or" or ")" before "ghec"`},
		{"(dotcom >= 3.1 >= 3.2)", 15, 2, 16, `unexpected ">=": only a product name can be compared with a release`},
		{"(ghes) >= 3.10", 7, 2, 8, `unexpected ">=": only a product name can be compared with a release`},
		{"ghes >=", 5, 2, 6, `expected a release (like 3.10) after ">="`},
		{"ghes >= or", 8, 2, 9, `expected a release (like 3.10) after ">=", found "or"`},
		{"ghes >= (3.10)", 8, 1, 9, `expected a release (like 3.10) after ">=", found "("`},
		{"ghes >= 3", 8, 1, 9, `invalid release "3": want MAJOR.MINOR, like 3.10`},
		{"ghes >= 3.x", 8, 3, 9, `invalid release "3.x": want MAJOR.MINOR, like 3.10`},
		{"ghes < 3.10.1", 7, 6, 8, `invalid release "3.10.1": want MAJOR.MINOR, like 3.10`},
		{"ghes = 3.01", 7, 4, 8, `invalid release "3.01": "01" has a leading zero`},
		{"ghes = 3.1or ghec", 7, 5, 8, `invalid release "3.1or": want MAJOR.MINOR, like 3.10`},
		{"ghes >= @", 8, 1, 9, `unexpected character "@"`},
		{"ghes >= 3.1@", 11, 1, 12, `invalid character "@" in name "3.1@"`},
		{"ghes == 3.10", 5, 2, 6, `unknown operator "==" (use "=")`},
		{"ghes => 3.10", 5, 2, 6, `unknown operator "=>" (use ">=")`},
		{"ghes <> 3.10", 5, 2, 6, `unknown operator "<>" (use "!=")`},
		{"! ghes", 0, 1, 1, `unknown operator "!" (use "not")`},
		{"ghes >=> 3.10", 5, 3, 6, `unknown operator ">=>"`},
		{"dotcom && ghec", 7, 2, 8, `unexpected "&&" (use "and")`},
		{"dotcom || ghec", 7, 2, 8, `unexpected "||" (use "or")`},
		{"dotcom OR ghec", 7, 2, 8, `"OR": names and keywords are lowercase (write "or")`},
		{"Dotcom", 0, 6, 1, `"Dotcom": names and keywords are lowercase (write "dotcom")`},
		{"enterprise-server@3.19", 0, 22, 1, `"enterprise-server@3.19" is a URL segment, not a version range (write "ghes = 3.19")`},
		{"dotcom or free-pro-team@latest", 10, 20, 11, `"free-pro-team@latest" is a URL segment, not a version range (write "dotcom")`},
		{"pat@v2", 3, 1, 4, `invalid character "@" in name "pat@v2"`},
		{"-ghes", 0, 1, 1, `invalid character "-" in name "-ghes"`},
		{"_x", 0, 1, 1, `invalid character "_" in name "_x"`},
		{"dotcom , ghec", 7, 1, 8, `unexpected character ","`},
		{"dotcom or 😀", 10, 4, 11, `unexpected character "😀"`},
		{"ghés", 2, 2, 3, `invalid character "é" in name "ghés"`},
		{"é or ghés", 0, 2, 1, `unexpected character "é"`},
		{"dotcom\xff", 6, 1, 7, `invalid character "\xff" in name "dotcom\xff"`},
		{"dotcom or\n  ghec ghes", 17, 4, 8, `expected "and" or "or" before "ghes"`},
		// The first error in source order wins, whether syntactic or lexical.
		{"and @", 0, 3, 1, `expected a version name, found "and"`},
		{"dotcom @", 7, 1, 8, `unexpected character "@"`},
	} {
		x, err := Parse(tt.src)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q) = %v, %v; want *Error", tt.src, x, err)
			continue
		}
		if x != nil {
			t.Errorf("Parse(%q) returned %v with its error", tt.src, x)
		}
		if e.Offset != tt.off || e.Len != tt.len || e.Col(tt.src) != tt.col || e.Msg != tt.msg {
			t.Errorf("Parse(%q) error: offset %d len %d col %d %q\n\twant offset %d len %d col %d %q",
				tt.src, e.Offset, e.Len, e.Col(tt.src), e.Msg, tt.off, tt.len, tt.col, tt.msg)
		}
	}
}

func TestErrorString(t *testing.T) {
	_, err := Parse("dotcom or")
	if got, want := err.Error(), `offset 7: expected a version name after "or"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestErrorPosition(t *testing.T) {
	const src = "ɡhes\nand é ghec"
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1},
		{2, 1, 2}, // 'ɡ' is two bytes
		{5, 1, 5}, // the newline itself ends line 1
		{6, 2, 1},
		{10, 2, 5},   // after "and é"
		{100, 2, 11}, // clamped to the end
		{-1, 1, 1},
	} {
		e := &Error{Offset: tt.off}
		if line, col := e.Line(src), e.Col(src); line != tt.line || col != tt.col {
			t.Errorf("offset %d: line %d col %d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestParseDepth(t *testing.T) {
	ok := strings.Repeat("(", MaxDepth) + "dotcom" + strings.Repeat(")", MaxDepth)
	if _, err := Parse(ok); err != nil {
		t.Errorf("depth %d: %v", MaxDepth, err)
	}
	nots := strings.Repeat("not ", MaxDepth) + "dotcom"
	if _, err := Parse(nots); err != nil {
		t.Errorf("%d nots: %v", MaxDepth, err)
	}
	mixed := strings.Repeat("not (", MaxDepth/2) + "dotcom" + strings.Repeat(")", MaxDepth/2)
	if _, err := Parse(mixed); err != nil {
		t.Errorf("%d mixed: %v", MaxDepth, err)
	}
	const msg = "expression nested too deeply (more than 100 levels)"
	for _, tt := range []struct {
		src string
		off int
	}{
		{"(" + ok + ")", MaxDepth},
		{"not " + nots, 4 * MaxDepth},
		{strings.Repeat("(", 100000), MaxDepth},
		{strings.Repeat("not ", 100000), 4 * MaxDepth},
		{"dotcom or " + strings.Repeat("not (", MaxDepth/2) + "not ghec" + strings.Repeat(")", MaxDepth/2), 10 + 5*MaxDepth/2},
	} {
		_, err := Parse(tt.src)
		if e, ok := err.(*Error); !ok || e.Offset != tt.off || e.Msg != msg {
			t.Errorf("Parse(%.20q...) = %v; want offset %d: %s", tt.src, err, tt.off, msg)
		}
	}
	// Long flat chains are not nesting.
	long := strings.Repeat("dotcom or ", 10000) + "ghec"
	if x, err := Parse(long); err != nil || String(x) != long {
		t.Errorf("long chain: %v", err)
	}
}

func TestStringNil(t *testing.T) {
	if s := String(nil); s != "" {
		t.Errorf("String(nil) = %q", s)
	}
}
