package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func fixtureIndex(t *testing.T, lang string) *Index {
	t.Helper()
	ix, err := Parse(Build(lang, fixtureRecords(lang)))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// urls lists the anchors (or the last path segment) of results, for short messages.
func urls(res []Result) []string {
	var out []string
	for _, r := range res {
		u := r.URL
		if i := strings.LastIndexAny(u, "#/"); i >= 0 {
			u = u[i+1:]
		}
		out = append(out, u)
	}
	return out
}

// TestSearchFixture checks the ranking rules on the fixture: the four queries the search must
// answer, exact paths before longer ones, phrases that do not cut words, prefixes while typing,
// records matching more query terms first.
func TestSearchFixture(t *testing.T) {
	for _, c := range []struct {
		lang, query string
		want        []string // the ends of the first results' URLs, or of their pages' URLs, in order
	}{
		{"ja", "トークン", []string{"managing-your-personal-access-tokens"}},
		{"ko", "토큰", []string{"managing-your-personal-access-tokens"}},
		{"en", "issues write", []string{"permissions/issues"}},
		{"ja", "issues write", []string{"permissions/issues"}},
		{"en", "/repos/{owner}/{repo}/issues", []string{"issues-list-for-repo", "issues-create"}},
		{"en", "GET /repos/{owner}/{repo}/issues", []string{"issues-list-for-repo"}},
		{"en", "/repos/{owner}/{repo}/issues/{issue_number}", []string{"issues-get", "issues-update", "issues-list-sub-issues"}},
		{"en", "admin:org", []string{"scope-admin-org", "scope-admin-org_hook"}},
		{"en", "pull_requests", []string{"permissions/pull_requests"}},
		{"en", "delet", []string{"deleting-a-personal-access-token"}},                  // typing: a prefix
		{"en", "metadata read", []string{"permissions/metadata"}},                      // both terms before one
		{"fr", "jetons", []string{"managing-your-personal-access-tokens"}},             // the page title
		{"fr", "SUPPRESSION d'un jeton", []string{"deleting-a-personal-access-token"}}, // case, elision
		{"ja", "ﾄｰｸﾝの削除", []string{"deleting-a-personal-access-token"}},                // half-width
		{"ko", "토큰 삭제", []string{"deleting-a-personal-access-token"}},
	} {
		res := fixtureIndex(t, c.lang).Search(c.query, c.lang)
		ok := len(res) >= len(c.want)
		for i := 0; ok && i < len(c.want); i++ {
			ok = strings.HasSuffix(res[i].URL, c.want[i]) || strings.Contains(res[i].URL, c.want[i]+"#")
		}
		if !ok {
			t.Errorf("%s %q: results %q, want them to start with %q", c.lang, c.query, urls(res), c.want)
		}
	}
	ix := fixtureIndex(t, "en")
	for _, q := range []string{"", "   ", "!?", "zzzz", "トークン"} {
		if res := ix.Search(q, "en"); res != nil {
			t.Errorf("%q: got %q, want no result", q, urls(res))
		}
	}
}

// TestSearchResult checks the fields of a result.
func TestSearchResult(t *testing.T) {
	res := fixtureIndex(t, "en").Search("/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", "en")
	if len(res) == 0 {
		t.Fatal("no result")
	}
	want := Result{URL: "/en/enterprise-server@3.19/reference/endpoints/issues#issues-list-sub-issues", Page: "Issues",
		Section: "List sub-issues", Snippet: "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues issues/list-sub-issues issues: read repo"}
	got := res[0]
	got.Score = 0
	if got != want {
		t.Errorf("first result\n got %+v\nwant %+v", got, want)
	}
	if len(res) > MaxResults {
		t.Errorf("%d results, want at most %d", len(res), MaxResults)
	}
	for i := 1; i < len(res); i++ {
		if res[i].Score > res[0].Score && strings.Contains(res[i].URL, "sub-issues") {
			t.Errorf("result %d scores more than the first", i)
		}
	}
}

func TestBuildDeterministicAndMerged(t *testing.T) {
	recs := fixtureRecords("ja")
	a, b := Build("ja", recs), Build("ja", slices.Clone(recs))
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same records differ")
	}
	if !bytes.HasPrefix(a, []byte(`{"v":1,"lang":"ja","pages":["/ja/enterprise-server@3.19/authentication/managing-your-personal-access-tokens",`)) {
		t.Errorf("index starts %.120s", a)
	}
	// The top of a page given twice (Markdown intro and generated record) is one record.
	dup := append(slices.Clone(recs), Record{URL: recs[0].URL, Page: "other title", Text: "追加のテキスト"}, Record{Text: "no URL"})
	var f file
	if err := json.Unmarshal(Build("ja", dup), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Page) != len(recs) {
		t.Errorf("%d records, want %d", len(f.Page), len(recs))
	}
	if f.Titles[0] != recs[0].Page {
		t.Errorf("merged record's page title %q, want the first one's", f.Titles[0])
	}
	ix, err := Parse(Build("ja", dup))
	if err != nil {
		t.Fatal(err)
	}
	if res := ix.Search("追加", "ja"); len(res) != 1 || res[0].URL != recs[0].URL {
		t.Errorf("text of the merged record: %q", urls(res))
	}
	// Sections equal to their page title are stored empty.
	for i, s := range f.Section {
		if s != "" && s == f.Titles[f.Page[i]] {
			t.Errorf("record %d: section %q equals its page title", i, s)
		}
	}
	if !slices.IsSorted(f.Terms) {
		t.Error("terms are not sorted")
	}
	for i, p := range f.Postings {
		for j := 0; j < len(p); j += 2 {
			if (j > 0 && p[j] <= 0) || p[j+1] < 1 {
				t.Errorf("term %q: posting %d: gap %d, weight %d", f.Terms[i], j/2, p[j], p[j+1])
			}
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	data := Build("en", nil)
	ix, err := Parse(data)
	if err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	if res := ix.Search("token", "en"); res != nil {
		t.Errorf("empty index found %v", res)
	}
}

func TestParseErrors(t *testing.T) {
	good := Build("en", fixtureRecords("en"))
	var f map[string]any
	if err := json.Unmarshal(good, &f); err != nil {
		t.Fatal(err)
	}
	change := func(key string, v any) []byte {
		g := map[string]any{}
		for k, x := range f {
			g[k] = x
		}
		g[key] = v
		data, _ := json.Marshal(g)
		return data
	}
	for name, data := range map[string][]byte{
		"not json":          []byte("{"),
		"format":            change("v", 2),
		"arrays":            change("anchor", []string{}),
		"terms not sorted":  change("terms", slices.Concat(f["terms"].([]any)[1:], f["terms"].([]any)[:1])),
		"page out of range": change("page", slices.Repeat([]int{99}, len(f["page"].([]any)))),
		"record out of range": change("postings", func() [][]int {
			p := make([][]int, len(f["terms"].([]any)))
			for i := range p {
				p[i] = []int{1000, 1}
			}
			return p
		}()),
	} {
		if _, err := Parse(data); err == nil {
			t.Errorf("%s: Parse accepted the index", name)
		}
		if res := Search(data, "issues", "en"); res != nil {
			t.Errorf("%s: Search returned %v", name, res)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, c := range [][2]string{
		{"  short\n text ", "short text"},
		{long, strings.TrimSpace(strings.Repeat("word ", 24)) + "…"},
		{strings.Repeat("字", 130), strings.Repeat("字", 120) + "…"},
	} {
		if got := snippet(c[0]); got != c[1] {
			t.Errorf("snippet(%.20q…) = %q, want %q", c[0], got, c[1])
		}
	}
}

func ExampleSearch() {
	index := Build("en", []Record{
		{URL: "/en/reference/permissions/issues", Page: "Issues", Text: "issues repository read write"},
		{URL: "/en/reference/endpoints/issues#issues-create", Page: "Issues", Section: "Create an issue",
			Text: "POST /repos/{owner}/{repo}/issues issues: write"},
	})
	for _, r := range Search(index, "/repos/{owner}/{repo}/issues", "en") {
		fmt.Println(r.URL, "|", r.Section)
	}
	// Output:
	// /en/reference/endpoints/issues#issues-create | Create an issue
	// /en/reference/permissions/issues |
}
