package importer

import (
	"testing"
)

func mustVersions(t *testing.T, names ...string) []Version {
	t.Helper()
	var vs []Version
	for _, n := range names {
		v, err := ParseVersion(n)
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, v)
	}
	return vs
}

func TestExpr(t *testing.T) {
	five := mustVersions(t, "dotcom", "ghec", "ghes-3.17", "ghes-3.18", "ghes-3.19")
	withOld := append(mustVersions(t, "ghes-3.9"), five...)
	cases := []struct {
		universe []Version
		set      []string
		want     string
	}{
		{five, []string{"dotcom", "ghec", "ghes-3.17", "ghes-3.18", "ghes-3.19"}, "dotcom or ghec or ghes"},
		{five, []string{"dotcom", "ghec", "ghes-3.18", "ghes-3.19"}, "dotcom or ghec or ghes >= 3.18"},
		{five, []string{"ghec"}, "ghec"},
		{five, []string{"dotcom", "ghec"}, "not ghes"},
		{five, []string{"ghec", "ghes-3.17", "ghes-3.18", "ghes-3.19"}, "not dotcom"},
		{five, []string{"dotcom", "ghes-3.17", "ghes-3.18", "ghes-3.19"}, "not ghec"},
		{five, []string{"ghes-3.17", "ghes-3.18"}, "ghes <= 3.18"},
		{five, []string{"ghes-3.18"}, "ghes = 3.18"},
		{five, []string{"dotcom", "ghes-3.17", "ghes-3.19"}, "dotcom or ghes = 3.17 or ghes = 3.19"},
		{five, nil, ""},
		// With ghes 3.9 known but not imported, "ghes" would wrongly include it.
		{withOld, []string{"dotcom", "ghec", "ghes-3.17", "ghes-3.18", "ghes-3.19"}, "dotcom or ghec or ghes >= 3.17"},
		{withOld, []string{"ghes-3.17", "ghes-3.18"}, "ghes >= 3.17 and ghes <= 3.18"},
		{withOld, []string{"dotcom", "ghec"}, "not ghes"},
	}
	for _, c := range cases {
		u, err := NewUniverse(c.universe)
		if err != nil {
			t.Fatal(err)
		}
		set := u.Set(mustVersions(t, c.set...)...)
		if got := u.Expr(set); got != c.want {
			t.Errorf("Expr(%v) = %q, want %q", c.set, got, c.want)
		}
	}
}

// TestExprRoundTrip checks, for every subset of a universe, that the expression Expr writes
// evaluates to exactly that subset.
func TestExprRoundTrip(t *testing.T) {
	u, err := NewUniverse(mustVersions(t, "dotcom", "ghec", "ghes-3.9", "ghes-3.17", "ghes-3.18", "ghes-3.19"))
	if err != nil {
		t.Fatal(err)
	}
	for s := VSet(1); s < 1<<len(u.Versions()); s++ {
		expr := u.Expr(s)
		got, err := u.Eval(expr, nil)
		if err != nil || got != s {
			t.Errorf("set %b: Expr %q evaluates to %b, %v", s, expr, got, err)
		}
	}
}

func TestEval(t *testing.T) {
	u, err := NewUniverse(mustVersions(t, "dotcom", "ghec", "ghes-3.9", "ghes-3.17", "ghes-3.18", "ghes-3.19"))
	if err != nil {
		t.Fatal(err)
	}
	features := map[string]string{"pat-v2": "dotcom or ghec or ghes >= 3.10", "loop": "loop"}
	cases := map[string]string{
		"ghes":                       "ghes-3.9 ghes-3.17 ghes-3.18 ghes-3.19",
		"not (dotcom or ghec)":       "ghes-3.9 ghes-3.17 ghes-3.18 ghes-3.19",
		"ghes != 3.18":               "ghes-3.9 ghes-3.17 ghes-3.19",
		"ghes > 3.9 and ghes < 3.19": "ghes-3.17 ghes-3.18",
		"pat-v2 and not ghec":        "dotcom ghes-3.17 ghes-3.18 ghes-3.19",
		"dotcom or ghec and ghes":    "dotcom",
	}
	for src, want := range cases {
		s, err := u.Eval(src, features)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		got := ""
		for _, v := range u.Members(s) {
			if got != "" {
				got += " "
			}
			got += v.String()
		}
		if got != want {
			t.Errorf("%q = %s, want %s", src, got, want)
		}
	}
	for _, bad := range []string{"", "ghes >=", "dotcom > 1.0", "nope", "(ghes", "ghes ghec", "loop"} {
		if _, err := u.Eval(bad, features); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestVersionFromFileName(t *testing.T) {
	cases := map[string]string{
		"api.github.com.json.gz":    "dotcom",
		"fpt.txt":                   "dotcom",
		"dir/ghec.json":             "ghec",
		"ghes-3.19.txt":             "ghes-3.19",
		"ghes-3.17.json.gz":         "ghes-3.17",
		"fpt-list-format-older.txt": "",
		"ghes-3.txt":                "",
	}
	for name, want := range cases {
		v, ok := VersionFromFileName(name)
		got := ""
		if ok {
			got = v.String()
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}
