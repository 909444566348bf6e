package content

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

// buildDate makes ghes-3.9 deprecated and ghes-3.19 supported.
var buildDate = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

var (
	schemasOnce sync.Once
	schemas     *validate.Schemas
	schemasErr  error
)

func testSchemas(t *testing.T) *validate.Schemas {
	t.Helper()
	schemasOnce.Do(func() { schemas, schemasErr = validate.CompileSchemas(os.DirFS("../../schema")) })
	if schemasErr != nil {
		t.Fatal(schemasErr)
	}
	return schemas
}

// fixtureFS is testdata/data as content/data plus files (path -> text).
func fixtureFS(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"versions.yaml", "features.yaml", "variables.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		fsys["content/data/"+name] = &fstest.MapFile{Data: data}
	}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func loadModel(t *testing.T, fsys fstest.MapFS) *model.Model {
	t.Helper()
	m, diags := validate.Load(validate.Options{Root: fsys, Schemas: testSchemas(t), BuildDate: buildDate})
	if m == nil {
		t.Fatalf("model: %v", diags.Err())
	}
	return m
}

// load loads a site from the fixture data and files, in languages en, fr, ja and ko.
func load(t *testing.T, files map[string]string) (*Site, *model.Model, *diag.List) {
	t.Helper()
	fsys := fixtureFS(t, files)
	m := loadModel(t, fsys)
	s, diags := Load(Options{Root: fsys, Model: m, Langs: []string{"en", "fr", "ja", "ko"}, Label: testLabel})
	return s, m, diags
}

// loadClean loads and fails on any diagnostic.
func loadClean(t *testing.T, files map[string]string) (*Site, *model.Model) {
	t.Helper()
	s, m, diags := load(t, files)
	if diags.Len() > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagText(diags))
	}
	return s, m
}

func testLabel(lang, kind string) string {
	labels := map[string]map[string]string{
		"fr": {"note": "Remarque", "warning": "Avertissement", "tip": "Conseil"},
		"ja": {"note": "メモ", "warning": "警告"},
	}
	if l := labels[lang][kind]; l != "" {
		return l
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}

func diagText(l *diag.List) string {
	var b strings.Builder
	_ = l.WriteText(&b)
	return b.String()
}

func version(t *testing.T, m *model.Model, name string) *model.Version {
	t.Helper()
	v, ok := m.Version(name)
	if !ok {
		t.Fatalf("no version %s", name)
	}
	return v
}

func mustRender(t *testing.T, s *Site, m *model.Model, path, vname, lang string) *Rendered {
	t.Helper()
	p, ok := s.Page(path)
	if !ok {
		t.Fatalf("no page %q", path)
	}
	r, err := s.Render(p, version(t, m, vname), lang)
	if err != nil {
		t.Fatalf("render %s %s %s: %v", path, vname, lang, err)
	}
	return r
}

// wantDiags checks that the diagnostics printed as text contain each of want (whole lines),
// and, when exact, nothing else.
func wantDiags(t *testing.T, diags *diag.List, exact bool, want ...string) {
	t.Helper()
	got := strings.Split(strings.TrimSpace(diagText(diags)), "\n")
	if len(got) == 1 && got[0] == "" {
		got = nil
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("missing diagnostic\n  %s\ngot:\n  %s", w, strings.Join(got, "\n  "))
		}
	}
	if exact && len(got) != len(want) {
		t.Errorf("got %d diagnostics, want %d:\n  %s", len(got), len(want), strings.Join(got, "\n  "))
	}
}

// page makes a page file with a title.
func page(title, body string) string { return "---\ntitle: " + title + "\n---\n" + body }

// translation makes a translated page file recording the hash of its source.
func translation(title, source, body string) string {
	return "---\ntitle: " + title + "\nsource_hash: " + SourceHash([]byte(source)) + "\n---\n" + body
}

// reusableTranslation makes a translated reusable file recording the hash of its source.
func reusableTranslation(source, body string) string {
	return "---\nsource_hash: " + SourceHash([]byte(source)) + "\n---\n" + body
}
