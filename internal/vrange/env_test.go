package vrange

import (
	"strings"
	"testing"
)

func mustParse(t testing.TB, src string) Expr {
	t.Helper()
	x, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return x
}

// testEnv mirrors versions.yaml and features.yaml. The releases are out of order and include a
// duplicate on purpose.
func testEnv(t testing.TB) *Env {
	rel := func(s string) Release {
		r, err := ParseRelease(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	features := map[string]string{
		"pat-v2":  "dotcom or ghec or ghes >= 3.10",
		"new-ui":  "pat-v2 and not ghes < 3.14", // uses another feature
		"newest":  "new-ui and not ghec",        // two levels deep
		"loop-a":  "loop-b or dotcom",           // loop-a -> loop-b -> loop-a
		"loop-b":  "loop-a",
		"self":    "self or ghec",
		"to-loop": "loop-a and ghec", // reaches a cycle without being in it
	}
	env := &Env{
		Products: []string{"dotcom", "ghec", "ghes"},
		Releases: map[string][]Release{"ghes": {rel("3.19"), rel("3.9"), rel("3.14"), rel("3.10"), rel("3.19")}},
		Features: map[string]Expr{},
	}
	for name, src := range features {
		env.Features[name] = mustParse(t, src)
	}
	return env
}

func names(vs []Version) string {
	var s []string
	for _, v := range vs {
		s = append(s, v.String())
	}
	return strings.Join(s, " ")
}

func TestVersions(t *testing.T) {
	env := testEnv(t)
	const want = "dotcom ghec ghes-3.9 ghes-3.10 ghes-3.14 ghes-3.19"
	if got := names(env.Versions()); got != want {
		t.Errorf("Versions() = %s, want %s", got, want)
	}
	if got := env.Releases["ghes"][0].String(); got != "3.19" {
		t.Errorf("Versions modified Env.Releases: first is %s", got)
	}
	env.Releases["ghec"] = nil // a product with releases, none known
	if got, want := names(env.Versions()), "dotcom ghes-3.9 ghes-3.10 ghes-3.14 ghes-3.19"; got != want {
		t.Errorf("Versions() = %s, want %s", got, want)
	}
}

func TestSelect(t *testing.T) {
	env := testEnv(t)
	for _, tt := range []struct{ src, want string }{
		{"dotcom", "dotcom"},
		{"ghec", "ghec"},
		{"ghes", "ghes-3.9 ghes-3.10 ghes-3.14 ghes-3.19"},
		{"dotcom or ghec or ghes", "dotcom ghec ghes-3.9 ghes-3.10 ghes-3.14 ghes-3.19"},
		{"not dotcom", "ghec ghes-3.9 ghes-3.10 ghes-3.14 ghes-3.19"},
		// Every operator at and around a boundary; 3.9 < 3.10 numerically.
		{"ghes = 3.10", "ghes-3.10"},
		{"ghes != 3.10", "ghes-3.9 ghes-3.14 ghes-3.19"},
		{"ghes < 3.10", "ghes-3.9"},
		{"ghes <= 3.10", "ghes-3.9 ghes-3.10"},
		{"ghes > 3.10", "ghes-3.14 ghes-3.19"},
		{"ghes >= 3.10", "ghes-3.10 ghes-3.14 ghes-3.19"},
		{"ghes > 3.9", "ghes-3.10 ghes-3.14 ghes-3.19"},
		{"ghes >= 3.11", "ghes-3.14 ghes-3.19"},
		{"ghes < 3.1", ""},
		{"ghes >= 3.19", "ghes-3.19"},
		{"ghes > 3.19", ""},
		// A comparison is false for products without releases; "not" applies only to what follows it.
		{"ghes >= 0.0", "ghes-3.9 ghes-3.10 ghes-3.14 ghes-3.19"},
		{"ghec >= 0.0", ""},
		{"dotcom != 3.10", ""},
		{"not ghes >= 3.14", "dotcom ghec ghes-3.9 ghes-3.10"},
		// Precedence: not > and > or.
		{"not ghes and ghec or ghes = 3.9", "ghec ghes-3.9"},
		{"not (ghes and ghec or ghes = 3.9)", "dotcom ghec ghes-3.10 ghes-3.14 ghes-3.19"},
		{"ghec or ghes >= 3.14 and ghes < 3.19", "ghec ghes-3.14"},
		{"(ghec or ghes >= 3.14) and ghes < 3.19", "ghes-3.14"},
		{"dotcom or (ghes >= 3.10 and not ghes = 3.14)", "dotcom ghes-3.10 ghes-3.19"},
		// Features, nested.
		{"pat-v2", "dotcom ghec ghes-3.10 ghes-3.14 ghes-3.19"},
		{"new-ui", "dotcom ghec ghes-3.14 ghes-3.19"},
		{"newest", "dotcom ghes-3.14 ghes-3.19"},
		{"not newest", "ghec ghes-3.9 ghes-3.10"},
		{"pat-v2 and not new-ui", "ghes-3.10"},
		// Cycles terminate; a feature met again while it is being expanded is false.
		{"loop-a", "dotcom"},
		{"self", "ghec"},
		{"to-loop", ""},
		// Unknown names and misplaced comparisons are false.
		{"nope", ""},
		{"not nope", "dotcom ghec ghes-3.9 ghes-3.10 ghes-3.14 ghes-3.19"},
		{"pat-v2 >= 1.0", ""},
		{"nope >= 1.0", ""},
	} {
		x := mustParse(t, tt.src)
		if got := names(env.Select(x)); got != tt.want {
			t.Errorf("Select(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	env := testEnv(t)
	x := mustParse(t, "ghes >= 3.10")
	for _, tt := range []struct {
		v    Version
		want bool
	}{
		{Version{"ghes", Release{3, 10}}, true},
		{Version{"ghes", Release{3, 9}}, false},
		{Version{"ghes", Release{4, 0}}, true}, // not a known release: compared all the same
		{Version{"dotcom", Release{}}, false},
		{Version{"ghec", Release{}}, false},
		{Version{"ghec", Release{3, 11}}, false}, // ghec has no releases
		{Version{}, false},
	} {
		if got := env.Match(x, tt.v); got != tt.want {
			t.Errorf("Match(%s, %q) = %v, want %v", String(x), tt.v, got, tt.want)
		}
	}
	// A product missing from Products is unknown, even with releases.
	env.Products = []string{"dotcom", "ghec"}
	if env.Match(x, Version{"ghes", Release{3, 19}}) || env.Match(mustParse(t, "ghes"), Version{"ghes", Release{3, 19}}) {
		t.Error("Match true for a product not in Env.Products")
	}
	// Products take precedence over features of the same name.
	env.Features["ghec"] = mustParse(t, "dotcom")
	if !env.Match(mustParse(t, "ghec"), Version{Product: "ghec"}) {
		t.Error(`feature "ghec" shadowed product "ghec"`)
	}
}

func TestNilEnv(t *testing.T) {
	var env *Env
	x := mustParse(t, "dotcom or not ghes")
	if !env.Match(x, Version{Product: "dotcom"}) { // "not ghes" is true: ghes is unknown
		t.Error("nil Env: Match = false")
	}
	if env.Versions() != nil || env.Select(x) != nil {
		t.Error("nil Env has versions")
	}
	if errs := env.Check(mustParse(t, "dotcom")); len(errs) != 1 {
		t.Errorf("nil Env: Check = %v, want one unknown name", errs)
	}
}

func TestMatchAllocs(t *testing.T) {
	env := testEnv(t)
	x := mustParse(t, "not newest and (ghes >= 3.10 or loop-a or self or nope)")
	v := Version{"ghes", Release{3, 19}}
	if n := testing.AllocsPerRun(100, func() { env.Match(x, v) }); n != 0 {
		t.Errorf("Match allocates %v times per call", n)
	}
}

func BenchmarkMatch(b *testing.B) {
	env := testEnv(b)
	x := mustParse(b, "not newest and (ghes >= 3.10 or loop-a or self or nope)")
	v := Version{"ghes", Release{3, 19}}
	for b.Loop() {
		env.Match(x, v)
	}
}

func TestOp(t *testing.T) {
	for _, tt := range []struct {
		op         Op
		str        string
		lt, eq, gt bool // Holds(-1), Holds(0), Holds(+1)
	}{
		{Eq, "=", false, true, false},
		{Ne, "!=", true, false, true},
		{Lt, "<", true, false, false},
		{Le, "<=", true, true, false},
		{Gt, ">", false, false, true},
		{Ge, ">=", false, true, true},
		{0, "?", false, false, false},
		{Ge + 1, "?", false, false, false},
	} {
		if got := tt.op.String(); got != tt.str {
			t.Errorf("Op(%d).String() = %q, want %q", tt.op, got, tt.str)
		}
		if lt, eq, gt := tt.op.Holds(-1), tt.op.Holds(0), tt.op.Holds(+1); lt != tt.lt || eq != tt.eq || gt != tt.gt {
			t.Errorf("%q holds for -1, 0, +1: %v %v %v; want %v %v %v", tt.str, lt, eq, gt, tt.lt, tt.eq, tt.gt)
		}
	}
}

func TestMatchNilFeature(t *testing.T) {
	env := &Env{Products: []string{"dotcom"}, Features: map[string]Expr{"empty": nil}}
	if env.Match(mustParse(t, "empty"), Version{Product: "dotcom"}) {
		t.Error("a feature without an expression matched")
	}
	if !env.Match(mustParse(t, "not empty"), Version{Product: "dotcom"}) {
		t.Error(`"not empty" did not match`)
	}
}
