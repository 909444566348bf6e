package content

import (
	"testing"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/yamlio"
)

// TestFrontMatterSchema checks that schema/frontmatter.schema.json and the Go decoding accept
// and reject the same front matter.
func TestFrontMatterSchema(t *testing.T) {
	schemas := testSchemas(t)
	for _, tc := range []struct {
		kind  fileKind
		yaml  string
		valid bool
	}{
		{kindPage, "title: A", true},
		{kindPage, "title: A\nshort_title: B\nintro: An *intro*.\nversions: ghes >= 3.10\nredirect_from: [/a, /b/c-d]", true},
		{kindPage, "titel: A", false},
		{kindPage, "title: ''", false},
		{kindPage, "title: '  '", false},
		{kindPage, "title: 3", false},
		{kindPage, "title: A\nintro: 'See {% data variables.product.name %}'", false},
		{kindPage, "title: A\nredirect_from: [/a/]", false},
		{kindPage, "title: A\nredirect_from: [/A]", false},
		{kindPage, "title: A\nredirect_from: /a", false},
		{kindPage, "title: A\nsource_hash: 0123456789abcdef\nversions: ghes", false},
		{kindPageTranslation, "title: A\nsource_hash: 0123456789abcdef", true},
		{kindPageTranslation, "title: A\nshort_title: B\nintro: C\nsource_hash: 0123456789abcdef", true},
		{kindPageTranslation, "title: A\nsource_hash: 0123456789ABCDEF", false},
		{kindPageTranslation, "title: A\nsource_hash: 0123456789abcdef\nversions: ghes", false},
		{kindPageTranslation, "title: A\nsource_hash: 0123456789abcdef\nredirect_from: [/a]", false},
		{kindReusableTranslation, "source_hash: 0123456789abcdef", true},
		{kindReusableTranslation, "source_hash: 0123", false},
		{kindReusableTranslation, "source_hash: 0123456789abcdef\nintro: x", false},
	} {
		var goDiags diag.List
		f := newSrcFile("x.md", []byte("---\n"+tc.yaml+"\n---\nbody\n"))
		readFrontMatter(f, tc.kind, &goDiags)
		if got := goDiags.Len() == 0; got != tc.valid {
			t.Errorf("Go decoding of %q (kind %d): valid = %v, want %v\n%s", tc.yaml, tc.kind, got, tc.valid, diagText(&goDiags))
		}
		root, err := yamlio.Parse("x.md", []byte(tc.yaml))
		if err != nil {
			t.Fatal(err)
		}
		var schemaDiags diag.List
		if got := schemas.Validate("frontmatter", root, &schemaDiags); got != tc.valid {
			t.Errorf("schema on %q: valid = %v, want %v\n%s", tc.yaml, got, tc.valid, diagText(&schemaDiags))
		}
	}
}
