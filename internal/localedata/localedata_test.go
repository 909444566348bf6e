package localedata

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scoperef/scoperef"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

func starter(t *testing.T) (*model.Model, *validate.Schemas) {
	t.Helper()
	schemaFS, err := fs.Sub(scoperef.Schemas, "schema")
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := validate.CompileSchemas(schemaFS)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := validate.Load(validate.Options{Root: os.DirFS("../../examples/starter"), Schemas: schemas,
		BuildDate: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	if m == nil {
		t.Fatalf("starter does not validate:\n%v", diags.Err())
	}
	return m, schemas
}

func TestLoad(t *testing.T) {
	m, schemas := starter(t)
	fresh := SourceHash("Full control of private repositories", "")
	root := fstest.MapFS{
		"locales/fr/data/scopes.yaml": {Data: []byte("scopes:\n" +
			"  - id: repo\n    title: Contrôle total des dépôts privés\n    source_hash: " + fresh + "\n" +
			"  - id: gist\n    title: Créer des gists\n    source_hash: 0123456789abcdef\n" +
			"  - id: nope\n    title: X\n    source_hash: 0000000000000000\n")},
		"locales/ja/data/permissions.yaml": {Data: []byte("permissions:\n  - id: issues\n    title: X\n")},
	}
	titles, diags := Load(root, schemas, m, []string{"en", "fr", "ja"})
	got := diags.Err().Error()
	for _, want := range []string{
		`locales/fr/data/scopes.yaml:8:9: no scope with id "nope" in content/data`,
		`locales/fr/data/scopes.yaml:7:18: warning: stale translation of scope "gist": the English text changed`,
		`locales/ja/data/permissions.yaml:2:5: permissions[0]: missing required key "source_hash"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q; got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "expected string") {
		t.Errorf("a hash of digits only must be accepted:\n%s", got)
	}
	if text, _ := titles.Get("fr", Scopes, "repo"); text.Title != "Contrôle total des dépôts privés" || text.Stale || text.Fallback || text.Lang != "fr" {
		t.Errorf("fr repo: %+v", text)
	}
	if text, _ := titles.Get("fr", Scopes, "gist"); !text.Stale || text.Title != "Créer des gists" {
		t.Errorf("a stale translation is still used, marked: %+v", text)
	}
	if text, ok := titles.Get("ko", Scopes, "repo"); !ok || !text.Fallback || text.Lang != "en" || text.Title != "Full control of private repositories" {
		t.Errorf("ko falls back to English: %+v", text)
	}
	if _, ok := titles.Get("fr", Scopes, "missing"); ok {
		t.Error("unknown id must report !ok")
	}
	total, translated, stale := titles.Coverage("fr", Scopes)
	if total != len(m.Scopes) || translated != 2 || stale != 1 {
		t.Errorf("coverage = %d/%d, %d stale; want 2/%d, 1 stale", translated, total, stale, len(m.Scopes))
	}
}
