package access

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	if err := testTable(t).Validate(); err != nil {
		t.Fatalf("the realistic test table is invalid: %v", err)
	}
	bad := &Table{
		Scopes: []Scope{{Name: "a", Parents: []string{"b"}}, {Name: "b", Parents: []string{"a"}}, {Name: "c", Parents: []string{"zz"}}, {Name: "c"}},
		Permissions: []Permission{
			{Name: "issues", Levels: []Level{Write, Read}},
			{Name: "contents", Levels: []Level{Read}},
		},
		Endpoints: []Endpoint{
			{Operation: "x", Method: "GET", Path: "/a/{id}"},
			{Operation: "y", Method: "GET", Path: "/a/{other}"},
			{Operation: "x", Method: "FETCH", Path: "/b//c"},
			{Operation: "z", Method: "GET", Path: "/c/{p}{q}",
				FineGrained: FineGrained{AnyOf: [][]Grant{{{"isues", Read}, {"contents", Write}}}},
				Classic:     Classic{Private: [][]string{{"repo"}}}},
		},
	}
	err := bad.Validate()
	if err == nil {
		t.Fatal("Validate accepted a bad table")
	}
	for _, want := range []string{
		"table has no version",
		`scope "a": is its own ancestor`,
		`scope "b": is its own ancestor`,
		`scope "c": unknown parent "zz"`,
		`scopes[3]: empty or duplicate name "c"`,
		`permission "issues": levels [write read]`,
		`endpoint "y" (GET /a/{other}): unreachable, "x" has an equivalent template`,
		`endpoints[2]: empty or duplicate operation "x"`,
		`(FETCH /b//c): method must be one of`,
		`(FETCH /b//c): bad path template: segment "": empty segment`,
		`(GET /c/{p}{q}): bad path template: segment "{p}{q}": two parameters without text between them`,
		`unknown permission "isues"`,
		`permission "contents" does not offer write`,
		`unknown scope "repo"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q:\n%v", want, err)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 14 {
		t.Errorf("Validate reported %d problems, want 14:\n%v", n, err)
	}
}
