package search

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// searchJS is the browser's copy of the tokenizer and the ranking.
const searchJS = "../../templates/assets/search.js"

// jsIndex is one index given to node with its queries.
type jsIndex struct {
	File    string   `json:"file"`
	Lang    string   `json:"lang"`
	Queries []string `json:"queries"`
}

type jsText struct {
	Lang string `json:"lang"`
	Text string `json:"text"`
}

type jsInput struct {
	Indexes []jsIndex `json:"indexes"`
	Texts   []jsText  `json:"texts"`
}

type jsOutput struct {
	Fold    []int        `json:"fold"` // fold(c), class(fold(c)) for every code point but surrogates
	Tokens  [][]string   `json:"tokens"`
	Phrases []string     `json:"phrases"`
	Results [][][]string `json:"results"` // per index, per query: "url score" strings
}

const jsScript = `
const fs = require("fs"), path = require("path");
const dir = process.argv[1];
const s = require(path.join(dir, "search.js"));
const input = JSON.parse(fs.readFileSync(path.join(dir, "input.json"), "utf8"));
const out = {fold: [], tokens: [], phrases: [], results: []};
for (let c = 0; c <= 0x3FFFF; c++) {
  if (c >= 0xD800 && c <= 0xDFFF) continue;
  const f = s.fold(c);
  out.fold.push(f, s.cls(f));
}
for (const t of input.texts) {
  out.tokens.push(s.tokens(t.lang, t.text));
  out.phrases.push(s.phrase(t.text));
}
for (const x of input.indexes) {
  const ix = s.parse(JSON.parse(fs.readFileSync(path.join(dir, x.file), "utf8")));
  out.results.push(x.queries.map(q => s.search(ix, q, x.lang, 50).map(r => r.url + " " + r.score)));
}
process.stdout.write(JSON.stringify(out));
`

// jsDepth is how many results of each query are compared.
const jsDepth = 50

// TestJSMatchesGo runs search.js under node and checks that it computes what this package
// computes: fold and class of every code point up to U+3FFFF, Tokens and the phrase form of
// every record's texts, and the ranked results (50 deep, with scores) of many queries on every
// index — the project's indexes, or the fixture's under -short.
func TestJSMatchesGo(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: search.js is not checked against Go")
	}
	type built struct {
		name, lang string
		records    []Record
		data       []byte
	}
	var all []built
	if testing.Short() {
		for _, lang := range []string{"en", "fr", "ja", "ko"} {
			recs := fixtureRecords(lang)
			all = append(all, built{"fixture " + lang, lang, recs, Build(lang, recs)})
		}
	} else {
		for _, x := range loadProject(t) {
			all = append(all, built{x.lang + " " + x.version, x.lang, x.records, x.data})
		}
	}

	dir := t.TempDir()
	js, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("search.js", js)
	var in jsInput
	seen := map[jsText]bool{}
	addText := func(lang, text string) {
		if x := (jsText{lang, text}); !seen[x] {
			seen[x] = true
			in.Texts = append(in.Texts, x)
		}
	}
	for _, s := range tokenCases {
		addText("fr", s)
		addText("ja", s)
	}
	for i, b := range all {
		file := fmt.Sprintf("index-%d.json", i)
		write(file, b.data)
		in.Indexes = append(in.Indexes, jsIndex{File: file, Lang: b.lang, Queries: queriesFor(b.lang, b.records)})
		if i < 4 { // the texts of one version in each language
			for _, r := range b.records {
				addText(b.lang, r.Page)
				addText(b.lang, r.Section)
				addText(b.lang, r.Text)
			}
		}
	}
	data, _ := json.Marshal(in)
	write("input.json", data)

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "-e", jsScript, dir)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var out jsOutput
	if err := json.Unmarshal(stdout, &out); err != nil {
		t.Fatalf("node output: %v", err)
	}

	// Code points. The browser's Unicode version is its own: code points that Go's tables
	// (unicode.Version) leave unassigned may be letters there; the site's text has none.
	bad, newer := 0, 0
	k := 0
	for c := rune(0); c <= 0x3FFFF; c++ {
		if c >= 0xD800 && c <= 0xDFFF {
			continue
		}
		if k+1 >= len(out.Fold) {
			t.Fatalf("node folded %d code points, want %d", len(out.Fold)/2, 0x40000-0x800)
		}
		f := fold(c)
		if jf, jc := rune(out.Fold[k]), out.Fold[k+1]; jf != f || jc != class(f) {
			if !assigned(c) || !assigned(jf) {
				newer++
			} else if bad++; bad <= 10 {
				t.Errorf("U+%04X: search.js folds to U+%04X class %d, Go to U+%04X class %d", c, jf, jc, f, class(f))
			}
		}
		k += 2
	}

	// Texts.
	if len(out.Tokens) != len(in.Texts) || len(out.Phrases) != len(in.Texts) {
		t.Fatalf("node tokenized %d texts, want %d", len(out.Tokens), len(in.Texts))
	}
	bad = 0
	for i, x := range in.Texts {
		got, want := out.Tokens[i], Tokens(x.Lang, x.Text)
		if !slices.Equal(got, want) && (len(got)+len(want) > 0) {
			if bad++; bad <= 10 {
				t.Errorf("tokens(%s, %.80q):\nsearch.js %q\n       Go %q", x.Lang, x.Text, got, want)
			}
		}
		if p := phrase(x.Text); out.Phrases[i] != p {
			if bad++; bad <= 10 {
				t.Errorf("phrase(%.80q): search.js %q, Go %q", x.Text, out.Phrases[i], p)
			}
		}
	}

	// Results.
	if len(out.Results) != len(all) {
		t.Fatalf("node searched %d indexes, want %d", len(out.Results), len(all))
	}
	queries, hits := 0, 0
	for i, b := range all {
		ix, err := Parse(b.data)
		if err != nil {
			t.Fatal(err)
		}
		bad = 0
		for j, q := range in.Indexes[i].Queries {
			var want []string
			for _, r := range ix.search(q, b.lang, jsDepth) {
				want = append(want, fmt.Sprintf("%s %d", r.URL, r.Score))
			}
			got := out.Results[i][j]
			queries++
			if len(want) > 0 {
				hits++
			}
			if !slices.Equal(got, want) && (len(got)+len(want) > 0) {
				if bad++; bad <= 5 {
					t.Errorf("%s: %q:\nsearch.js %q\n       Go %q", b.name, q, head(got), head(want))
				}
			}
		}
	}
	if t.Failed() {
		return
	}
	t.Logf("search.js agrees with Go on %d code points (%d more are unassigned in Go's Unicode %s), %d texts and %d queries (%d with results) on %d indexes",
		0x40000-0x800-newer, newer, unicode.Version, len(in.Texts), queries, hits, len(all))
	if hits < queries/2 {
		t.Errorf("only %d of %d queries found something: the comparison proves little", hits, queries)
	}
}

// assigned reports whether Go's Unicode tables give c a category.
func assigned(c rune) bool {
	return unicode.In(c, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs)
}

func head(s []string) []string { return s[:min(len(s), 5)] }

// tokenCases are texts that exercise the tokenizer's corners.
var tokenCases = []string{
	"", " ", "a", "A B", "İstanbul ΣΑΣ ǅ ẞ Ω K Å", "ｶﾞｷﾞﾊﾟﾋﾟﾌﾟ ｳﾞ ﾟ ﾞ", "か\u3099き\u309aう\u3099ハ\u309aハ\u309b",
	"ＧｉｔＨｕｂ　ＡＰＩ！", "Qu’il l’a dit, jusqu'ici lorsqu'on", "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues.",
	"{a}{b} }x{ /{/} {{x}} /x/", "e-mail: a@b.example, v3.19.0, 10,000", "_x_ -y- .z. @w@ :v:", strings.Repeat("long", 30) + "/x",
	"𠮷野家の𩸽 🍣 تصريح доступ 권한/토큰", "ﾟﾊﾞ゛", "x\u0301y\u20dd", "\uFF5F\uFF60\uFF61\uFF9F\uFFA0",
}

// queriesFor derives queries from records: section and page titles, their first word, prefixes
// being typed (Latin and CJK), paths from snippets and their prefixes, plus fixed queries.
func queriesFor(lang string, recs []Record) []string {
	qs := []string{"トークン", "토큰", "issues write", "/repos/{owner}/{repo}/issues", "admin:org", "repo", "perm",
		"pull_requests: write", "jeton d'accès", "個人用アクセス", "개인용 액세스 토큰 삭제", "GET /user", "read ", "a", "鍵", "ト"}
	step := max(1, len(recs)/20)
	for i := 0; i < len(recs); i += step {
		r := recs[i]
		t := title(r.Section, r.Page)
		qs = append(qs, t)
		if f := strings.Fields(t); len(f) > 1 {
			qs = append(qs, f[0], f[0]+" "+f[1][:min(len(f[1]), 3)])
		}
		if n := utf8.RuneCountInString(t); n > 3 {
			qs = append(qs, string([]rune(t)[:3]))
		}
		if f := strings.Fields(r.Text); len(f) > 1 && strings.HasPrefix(f[1], "/") {
			qs = append(qs, f[1], f[1][:len(f[1])-2], f[0]+" "+f[1]+" ")
		}
	}
	return qs
}
