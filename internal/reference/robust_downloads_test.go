package reference

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

// FuzzDownloads loads a small dataset whose texts (an endpoint's summary, note and path, a scope's
// and a permission's title and description) and requirement shapes come from the fuzzer, and for
// every built version checks the download writers: every JSON file is valid and matches its
// schema, texts round-trip exactly through endpoints.json and endpoints.csv (one CSV row per
// endpoint, the header first), the Atom feed of changes is well-formed XML in every language, a
// second call gives the same bytes, and every file is the one the encoding/json and encoding/csv
// writers gave (origDownloads). Inputs the loader rejects are skipped: the writers only
// ever see a validated model. The seed corpus is in testdata/fuzz/FuzzDownloads.
func FuzzDownloads(f *testing.F) {
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		f.Fatal(err)
	}
	dl := downloadSchemasTB(f)
	f.Add("List issues", "Needs `push` access.", "issues", "Repositories", "Full control.", "Issues", "Issues and comments.", uint8(0))
	f.Add("Résumé \"quoted\", with, commas\nand a newline", "=cmd|' /C calc'!A0", "a%2Fb", "<b>x</b> & y", "", "Tab\there", "\u2028\ufeff", uint8(1))
	f.Add("", "", "{id}", "", "", "", "", uint8(2))
	f.Add("日本語の概要", "노트", "%E3%83%88", "スコープ", "설명", "権限", "", uint8(3))
	f.Fuzz(func(t *testing.T, summary, note, segment, scopeTitle, scopeDesc, permTitle, permDesc string, shape uint8) {
		fsys := downloadsFixture(summary, note, segment, scopeTitle, scopeDesc, permTitle, permDesc, shape)
		m, diags := validate.Load(validate.Options{Root: fsys, Schemas: schemas, BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
		if m == nil {
			if !diags.HasErrors() {
				t.Fatal("no model and no error")
			}
			t.Skip("rejected by the loader")
		}
		g := New(m, English{}, Options{})
		for _, v := range m.Built() {
			files := g.Downloads(v)
			again := g.Downloads(v)
			orig := g.origDownloads(v)
			if len(files) != len(orig) {
				t.Fatalf("%s: %d files, encoding/json's writers give %d", v.Name(), len(files), len(orig))
			}
			for name, data := range files {
				if !bytes.Equal(data, again[name]) {
					t.Fatalf("%s/%s differs between two calls", v.Name(), name)
				}
				if !bytes.Equal(data, orig[name]) {
					t.Fatalf("%s/%s differs from encoding/json's:\n%s", v.Name(), name, lineDiff(string(orig[name]), string(data)))
				}
				if s := dl[name]; s != nil && strings.HasSuffix(name, ".json") {
					doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
					if err != nil {
						t.Fatalf("%s/%s is not JSON: %v\n%s", v.Name(), name, err, data)
					}
					if err := s.Validate(doc); err != nil {
						t.Fatalf("%s/%s does not match its schema: %v", v.Name(), name, err)
					}
				}
			}
			checkEndpointTexts(t, m, v, files)
			for _, lang := range []string{"en", "fr", "ja"} {
				feed := g.LangDownloads(v, lang)[FeedName]
				if err := wellFormed(feed); err != nil {
					t.Fatalf("%s/%s/%s: %v\n%s", v.Name(), lang, FeedName, err, feed)
				}
			}
		}
	})
}

// checkEndpointTexts checks that every endpoint of v is in endpoints.json and endpoints.csv with
// its model texts, byte for byte.
func checkEndpointTexts(t *testing.T, m *model.Model, v *model.Version, files map[string][]byte) {
	t.Helper()
	var doc struct {
		Endpoints []struct {
			Operation, Method, Path, Summary string
			Notes                            []string
		}
	}
	if err := json.Unmarshal(files["endpoints.json"], &doc); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(files["endpoints.csv"])).ReadAll()
	if err != nil {
		t.Fatalf("%s/endpoints.csv: %v", v.Name(), err)
	}
	eps := m.EndpointsIn(v.Index)
	if len(doc.Endpoints) != len(eps) || len(rows) != len(eps)+1 || !slices.Equal(rows[0], CSVHeader) {
		t.Fatalf("%s: %d endpoints, endpoints.json has %d, endpoints.csv %d rows with header %q", v.Name(), len(eps), len(doc.Endpoints), len(rows), rows[0])
	}
	for i, e := range eps {
		j, row := doc.Endpoints[i], rows[i+1]
		if j.Operation != e.Operation || j.Method != e.Method || j.Path != e.Path || j.Summary != e.Summary {
			t.Errorf("%s: endpoints.json has %q %q %q %q for %q %q %q %q", v.Name(), j.Operation, j.Method, j.Path, j.Summary, e.Operation, e.Method, e.Path, e.Summary)
		}
		if len(e.Notes) > 0 && (len(j.Notes) == 0 || j.Notes[0] != e.Notes[0]) {
			t.Errorf("%s: endpoints.json notes %q, want %q first", v.Name(), j.Notes, e.Notes)
		}
		// A CSV reader turns "\r\n" inside a quoted field into "\n" (RFC 4180 readers differ).
		summary := strings.ReplaceAll(e.Summary, "\r\n", "\n")
		if len(row) != len(CSVHeader) || row[0] != e.Operation || row[1] != e.Method || row[2] != e.Path || row[4] != summary {
			t.Errorf("%s: endpoints.csv row %q for %q %q %q %q", v.Name(), row, e.Operation, e.Method, e.Path, e.Summary)
		}
	}
}

// wellFormed parses data as XML to the end.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return nil
			}
			return err
		}
	}
}

// downloadsFixture is a dataset with GitHub.com and two Enterprise Server releases, where the
// fuzzed endpoint appears in 3.19 (so the feed of changes names it) and a second endpoint's
// requirement takes one of four shapes.
func downloadsFixture(summary, note, segment, scopeTitle, scopeDesc, permTitle, permDesc string, shape uint8) fstest.MapFS {
	q := func(s string) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(s) // a JSON string is a YAML double-quoted scalar
		return strings.TrimSpace(b.String())
	}
	reqs := []string{
		"fine_grained: {accepted: true, any_of: [{issues: write}, {issues: read, metadata: read}]}\n        classic: {private: [[repo]], public: [[public_repo]]}",
		"fine_grained: {accepted: false}\n        classic: {any_of: [[repo]]}",
		"github_apps: true\n        fine_grained: {accepted: true, public_without_permission: true, any_of: [{issues: read}]}\n        classic: {private: [[repo]], public: [[]]}",
		"fine_grained: {accepted: true, any_of: [{metadata: read}]}\n        classic: {accepted: false}",
	}
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"content/data/versions.yaml": file(`products:
  - id: dotcom
    name: GitHub.com
    segment: ""
  - id: ghes
    name: GitHub Enterprise Server
    segment: enterprise-server@{release}
    releases:
      - release: "3.18"
        release_candidate: 2025-09-03
        general_availability: 2025-10-14
        deprecation: 2026-10-14
      - release: "3.19"
        release_candidate: 2025-12-02
        general_availability: 2025-12-09
        deprecation: 2026-12-09
`),
		"content/data/scopes.yaml": file(fmt.Sprintf(`scopes:
  - id: repo
    title: %s
    description: %s
  - id: public_repo
    title: Public repositories
    parents: [repo]
`, q(scopeTitle), q(scopeDesc))),
		"content/data/permissions.yaml": file(fmt.Sprintf(`permissions:
  - id: metadata
    group: repository
    title: Metadata
    levels: [read]
  - id: issues
    group: repository
    title: %s
    description: %s
    levels: [read, write]
`, q(permTitle), q(permDesc))),
		"content/data/endpoints/issues.yaml": file(fmt.Sprintf(`category: issues
title: Issues
endpoints:
  - operation: issues/fuzz
    method: GET
    path: %s
    summary: %s
    notes: [%s]
    versions: dotcom or ghes >= 3.19
    requirements:
      - fine_grained: {accepted: true, any_of: [{issues: write}]}
        classic: {any_of: [[repo]]}
  - operation: issues/shaped
    method: POST
    path: /repos/{owner}/{repo}/issues
    summary: Create an issue
    versions: dotcom or ghes
    requirements:
      - %s
`, q("/repos/{owner}/{repo}/"+segment), q(summary), q(note), reqs[int(shape)%len(reqs)])),
	}
}

// downloadSchemasTB compiles the download schemas like compileDownloadSchemas, for a fuzz target.
func downloadSchemasTB(tb testing.TB) map[string]*jsonschema.Schema {
	tb.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	names, err := filepath.Glob("../../schema/*.schema.json")
	if err != nil || len(names) == 0 {
		tb.Fatalf("no schemas: %v", err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource("https://scoperef.dev/schema/"+filepath.Base(name), doc); err != nil {
			tb.Fatal(err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for file, schema := range downloadSchemas {
		s, err := c.Compile("https://scoperef.dev/schema/" + schema)
		if err != nil {
			tb.Fatalf("%s: %v", schema, err)
		}
		out[file] = s
	}
	return out
}

// TestDownloadsFixture keeps FuzzDownloads meaningful: its fixture with plain texts loads, in
// every requirement shape.
func TestDownloadsFixture(t *testing.T) {
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		t.Fatal(err)
	}
	for shape := range uint8(4) {
		fsys := downloadsFixture("List issues", "A note.", "issues", "Repositories", "Full control.", "Issues", "Issues.", shape)
		m, diags := validate.Load(validate.Options{Root: fsys, Schemas: schemas, BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
		if m == nil {
			var b bytes.Buffer
			diags.WriteText(&b)
			t.Fatalf("shape %d does not load:\n%s", shape, b.String())
		}
		if n := len(m.Built()); n != 3 {
			t.Errorf("shape %d: %d versions built, want 3", shape, n)
		}
	}
}
