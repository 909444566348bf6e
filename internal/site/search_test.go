package site

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/search"
)

// indexFile is the part of a search index (package search's format) the tests read.
type indexFile struct {
	Lang   string   `json:"lang"`
	Pages  []string `json:"pages"`
	Titles []string `json:"titles"`
	Page   []int    `json:"page"`
	Anchor []string `json:"anchor"`
}

// readIndex returns the search index of a version and language, parsed both ways, failing the
// test when it is missing or does not parse.
func readIndex(t *testing.T, mem *Mem, lang string, v *model.Version) ([]byte, *indexFile) {
	t.Helper()
	name := URL(lang, v, SearchIndex, "")[1:]
	data, ok := mem.File(name)
	if !ok {
		t.Fatalf("no %s", name)
	}
	ix, err := search.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if ix.Lang() != lang {
		t.Errorf("%s: lang %q", name, ix.Lang())
	}
	var f indexFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return data, &f
}

// TestSearchIndexes checks the fixture's search indexes: one per built version and language,
// listing exactly the pages of that version in page order, every anchor an id of its page, and
// a combined page's generated records under the Markdown page's title.
func TestSearchIndexes(t *testing.T) {
	mem, _ := buildFixture(t)
	docs := checkSite(t, mem, []string{"en", "fr", "ja", "ko"})
	m := fixtureModel()
	for _, v := range m.Built() {
		for _, lang := range []string{"en", "fr", "ja", "ko"} {
			_, f := readIndex(t, mem, lang, v)
			var want []string
			for _, p := range []string{"", "guide", "reference", "reference/new", "reference/scopes"} {
				if p != "reference/new" || v.Name() == "dotcom" || v.Name() == "ghes-3.20" {
					want = append(want, URL(lang, v, p, ""))
				}
			}
			if !slices.Equal(f.Pages, want) {
				t.Errorf("%s %s: index pages %q, want %q", lang, v.Name(), f.Pages, want)
			}
			for i, a := range f.Anchor {
				page := f.Pages[f.Page[i]]
				if d := docs[file(lang, nil, strings.TrimPrefix(page, "/"+lang))]; d == nil {
					t.Errorf("%s: no page", page)
				} else if a != "" && !d.ids[a] {
					t.Errorf("%s#%s: no such id", page, a)
				}
			}
		}
	}

	dotcom, _ := m.Version("dotcom")
	data, f := readIndex(t, mem, "fr", dotcom)
	if i := slices.Index(f.Pages, "/fr/reference/scopes"); i < 0 || f.Titles[i] != "Étendues" {
		t.Errorf("fr: reference/scopes is listed as %q", f.Titles)
	}
	res := search.Search(data, "repo", "fr")
	if len(res) == 0 || res[0].URL != "/fr/reference/scopes#repo" || res[0].Page != "Étendues" || res[0].Section != "repo" {
		t.Errorf("fr: repo finds %+v, want the generated record of /fr/reference/scopes#repo", res)
	}
	rc, _ := m.Version("ghes-3.20")
	data, _ = readIndex(t, mem, "ja", rc)
	if res := search.Search(data, "kinds", "ja"); len(res) == 0 || res[0].URL != "/ja/enterprise-server@3.20/guide#kinds" {
		t.Errorf("ja: kinds (a section of an untranslated page) finds %+v", res)
	}
	if res := search.Search(data, "スコープ", "ja"); len(res) == 0 || res[0].URL != "/ja/enterprise-server@3.20/reference/scopes" {
		t.Errorf("ja: スコープ finds %+v, want the page of that title", res)
	}
}

// clashingFiles is the fixture's generator with a file where the search index goes.
type clashingFiles struct{ scopeTable }

func (g clashingFiles) Files(v *model.Version, lang string) (map[string][]byte, error) {
	files, err := g.scopeTable.Files(v, lang)
	files[SearchIndex] = []byte("{}")
	return files, err
}

func TestSearchIndexPathTaken(t *testing.T) {
	opts := fixtureOptions(t)
	opts.Generators = []Generator{clashingFiles{opts.Generators[0].(scopeTable)}}
	if _, err := Build(opts, NewMem()); err == nil || !strings.Contains(err.Error(), "path of the search index") {
		t.Errorf("err = %v, want the search index's path taken", err)
	}
}

// TestResultCounts checks that search.js, which knows one message for one result and one with
// {count} for more, shows exactly the catalog's plural forms for every count it can show.
func TestResultCounts(t *testing.T) {
	opts := fixtureOptions(t)
	b, err := newBuilder(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "fr", "ja", "ko"} {
		one, many, err := b.resultCounts(lang)
		if err != nil {
			t.Fatal(err)
		}
		for n := 1; n <= search.MaxResults; n++ {
			shown := one // search.js: data-msg-result for 1, else data-msg-results
			if n > 1 {
				shown = strings.Replace(many, countPlaceholder, strconv.Itoa(n), 1)
			}
			if want := opts.Catalog.N(lang, "SearchResultCount", n); shown != want.S || want.Fallback {
				t.Errorf("%s: %d results shown as %q, want %q (fallback %v)", lang, n, shown, want.S, want.Fallback)
			}
		}
	}
}

// TestMarkdownRecordsMemo: a page that renders the same in two versions gets, through the
// memo, the records it would get on its own, with its own version's URLs.
func TestMarkdownRecordsMemo(t *testing.T) {
	p := &Page{
		Title: "Tokens", Intro: "Make <em>one</em>.",
		Body:     `<p>Before.</p><h2 id="create">Create</h2><p>Steps &amp; more.</p><h3 id="scopes">Scopes</h3><p>Pick.</p>`,
		Headings: []Heading{{ID: "create", Text: "Create", Level: 2}, {ID: "scopes", Text: "Scopes", Level: 3}},
	}
	dotcom, ghes := &model.Version{}, &model.Version{Segment: "enterprise-server@3.19"}
	memo := &recordsMemo{}
	first := markdownRecords(memo, p, dotcom, "fr", "tokens")
	second := markdownRecords(memo, p, ghes, "fr", "tokens")
	if want := markdownRecords(nil, p, ghes, "fr", "tokens"); !slices.Equal(second, want) {
		t.Errorf("through the memo:\n%v\nalone:\n%v", second, want)
	}
	if len(second) != 3 || second[2].URL != "/fr/enterprise-server@3.19/tokens#scopes" || first[2].URL != "/fr/tokens#scopes" {
		t.Errorf("records: %v then %v", first, second)
	}
	// Other headings (another text rendering the same body) are not taken from the memo.
	q := *p
	q.Headings = q.Headings[:1]
	if got := markdownRecords(memo, &q, ghes, "fr", "tokens"); len(got) != 2 {
		t.Errorf("with one heading: %v", got)
	}
}
