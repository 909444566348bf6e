package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestAnalyzerSameBytes builds indexes of overlapping record sets with one Analyzer, in
// different orders and after a Sweep, and compares each with a fresh Build.
func TestAnalyzerSameBytes(t *testing.T) {
	var recs []Record
	for i := range 40 {
		recs = append(recs, Record{
			URL:     fmt.Sprintf("/en/reference/endpoints/issues#op-%d", i),
			Page:    "Issues",
			Section: fmt.Sprintf("POST /repos/{owner}/{repo}/issues/%d", i%7),
			Text:    strings.Repeat(fmt.Sprintf("Create an issue %d with pull_requests write. ", i%5), 1+i%3),
		})
	}
	a := NewAnalyzer()
	for _, set := range [][]Record{recs[:20], recs[10:], recs, recs[5:35]} {
		for _, lang := range []string{"en", "fr", "ja"} {
			if got, want := a.Build(lang, set), Build(lang, set); string(got) != string(want) {
				t.Fatalf("%s, %d records: the Analyzer's index differs from a fresh one", lang, len(set))
			}
		}
	}
	if a.Len() == 0 {
		t.Fatal("the Analyzer remembers nothing")
	}
	a.Sweep() // every text was used: nothing goes
	n := a.Len()
	a.Sweep() // nothing was used since: everything goes
	if n == 0 || a.Len() != 0 {
		t.Fatalf("Sweep kept %d then %d texts, want all then none", n, a.Len())
	}
	a.Build("en", recs[:3])
	a.Sweep()
	if got := a.Len(); got == 0 || got >= n {
		t.Fatalf("after building 3 records, Sweep kept %d texts of %d", got, n)
	}
	if got, want := a.Build("en", recs), Build("en", recs); string(got) != string(want) {
		t.Fatal("after Sweep the Analyzer's index differs from a fresh one")
	}
}

// FuzzRules checks what the Analyzer's sharing rests on: French text without an apostrophe
// tokenizes as in every other language.
func FuzzRules(f *testing.F) {
	for _, s := range []string{"qu'il", "lorsqu’on", "jusqu＇à", "Créer un jeton d'accès", "Get a repository", "トークンの作成"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if rules("fr", s) == "" && !slices.Equal(Tokens("fr", s), Tokens("en", s)) {
			t.Errorf("%q: French tokens %q, English %q, but rules says they are the same", s, Tokens("fr", s), Tokens("en", s))
		}
		if rules("ja", s) != "" || rules("en", s) != "" {
			t.Errorf("%q: only French has its own rules", s)
		}
	})
}
