package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scoperef/scoperef"
	"github.com/scoperef/scoperef/internal/content"
	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/localedata"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/reference"
	"github.com/scoperef/scoperef/internal/validate"
)

// projectVersions are the versions whose indexes the tests build from the project's own data.
var projectVersions = []string{"dotcom", "ghes-3.19"}

// projectIndex is the index of one (language, version) of the project's data.
type projectIndex struct {
	lang, version string
	records       []Record
	data          []byte
}

// projectIndexes builds, once per test binary, the indexes of projectVersions in every
// language from the project's content and data, the way the site feeds Build: content pages
// through RecordsFromPage, reference pages through their Records. Skipped under -short.
var projectIndexes = sync.OnceValues(func() ([]projectIndex, error) {
	root := os.DirFS("../..")
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		return nil, err
	}
	m, diags := validate.Load(validate.Options{Root: root, Schemas: schemas, BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		return nil, diags.Err()
	}
	cat, diags := i18n.Load(i18n.Languages, scoperef.Templates, root)
	if cat == nil {
		return nil, diags.Err()
	}
	site, diags := content.Load(content.Options{Root: root, Model: m, Langs: i18n.Languages, Label: cat.Label})
	if diags.HasErrors() {
		return nil, diags.Err()
	}
	titles, diags := localedata.Load(root, schemas, m, i18n.Languages)
	if diags.HasErrors() {
		return nil, diags.Err()
	}
	gen := reference.New(m, localedata.ReferenceText{Catalog: cat, Titles: titles}, reference.Options{Date: cat.Date})
	var out []projectIndex
	for _, name := range projectVersions {
		v, ok := m.Version(name)
		if !ok {
			continue
		}
		for _, lang := range i18n.Languages {
			recs, err := projectRecords(site, gen, v, lang)
			if err != nil {
				return nil, err
			}
			out = append(out, projectIndex{lang: lang, version: name, records: recs, data: Build(lang, recs)})
		}
	}
	return out, nil
})

func projectRecords(site *content.Site, gen *reference.Generator, v *model.Version, lang string) ([]Record, error) {
	var recs []Record
	titles := map[string]string{} // the title a page shows: its Markdown title when it has one
	for _, p := range site.Pages() {
		if !p.In(v) {
			continue
		}
		r, err := site.Render(p, v, lang)
		if err != nil {
			return nil, err
		}
		hs := make([]Heading, len(r.Headings))
		for i, h := range r.Headings {
			hs[i] = Heading(h)
		}
		titles[p.Path()] = r.Title
		recs = append(recs, RecordsFromPage(reference.DefaultURL(lang, v, p.Path(), ""), r.Title, hs, string(r.Intro)+string(r.Body))...)
	}
	for _, p := range gen.Pages(v, lang) {
		title, ok := titles[p.Path]
		if !ok {
			title = p.Title
		}
		for _, s := range p.Records {
			recs = append(recs, Record{URL: reference.DefaultURL(lang, v, p.Path, s.Anchor), Page: title, Section: s.Title, Text: s.Text})
		}
	}
	return recs, nil
}

func loadProject(t *testing.T) []projectIndex {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not building indexes of the project's data")
	}
	idx, err := projectIndexes()
	if err != nil {
		t.Fatalf("the project's data does not load: %v", err)
	}
	if len(idx) != len(projectVersions)*len(i18n.Languages) {
		t.Fatalf("built %d indexes, want %d", len(idx), len(projectVersions)*len(i18n.Languages))
	}
	return idx
}

const guidePath = "authentication/managing-your-personal-access-tokens"

// TestMustWork checks the queries the search must answer, in every language and both versions
// where they apply.
func TestMustWork(t *testing.T) {
	for _, x := range loadProject(t) {
		ix, err := Parse(x.data)
		if err != nil {
			t.Fatal(err)
		}
		first := func(query string) Result {
			res := ix.Search(query, x.lang)
			if len(res) == 0 {
				t.Fatalf("%s %s: %q finds nothing", x.lang, x.version, query)
			}
			return res[0]
		}
		name := x.lang + " " + x.version
		switch x.lang {
		case "ja":
			if r := first("トークン"); !strings.Contains(r.URL, guidePath) {
				t.Errorf("%s: トークン: first result %s (%s / %s), want the guide", name, r.URL, r.Page, r.Section)
			}
		case "ko":
			if r := first("토큰"); !strings.Contains(r.URL, guidePath) {
				t.Errorf("%s: 토큰: first result %s (%s / %s), want the guide", name, r.URL, r.Page, r.Section)
			}
		}
		if r := first("issues write"); !strings.HasSuffix(r.URL, "/reference/permissions/issues") {
			t.Errorf("%s: issues write: first result %s (%s / %s), want the Issues permission page", name, r.URL, r.Page, r.Section)
		}
		r := first("/repos/{owner}/{repo}/issues")
		if !strings.Contains(r.URL, "/reference/endpoints/issues#") || !strings.Contains(r.Snippet, " /repos/{owner}/{repo}/issues ") {
			t.Errorf("%s: /repos/{owner}/{repo}/issues: first result %s (%s): %s", name, r.URL, r.Section, r.Snippet)
		}
	}
}

// TestIndexSize logs the size of each index of the project's data and fails above 300 KB
// gzipped.
func TestIndexSize(t *testing.T) {
	const limit = 300 << 10
	for _, x := range loadProject(t) {
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(x.data)
		w.Close()
		t.Logf("%-2s %-9s %5d records  %7.1f KB raw  %6.1f KB gzipped", x.lang, x.version, len(x.records),
			float64(len(x.data))/1024, float64(z.Len())/1024)
		if z.Len() > limit {
			t.Errorf("%s %s: index is %d bytes gzipped, over %d", x.lang, x.version, z.Len(), limit)
		}
	}
}
