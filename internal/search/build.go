package search

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Record is one searchable section: a section of a guide (h2 or h3 with its text), a scope, a
// permission, an endpoint.
type Record struct {
	URL     string // site-absolute, with "#anchor" for a section: "/ja/reference/scopes#scope-repo"
	Page    string // the page's title
	Section string // the section's title; "" (or Page) for the top of a page
	Text    string // the section's plain text
}

// Ranking constants (see the package documentation).
const (
	k1         = 1.2
	b          = 0.75
	titleBoost = 2.0
	pageBoost  = 1.0
	// snippetLen is the length of a record's snippet in code points.
	snippetLen = 120
	// formatVersion is the index format's "v".
	formatVersion = 1
)

// file is the index as JSON. Records are stored as parallel arrays.
type file struct {
	V        int      `json:"v"`
	Lang     string   `json:"lang"`
	Pages    []string `json:"pages"`    // page URLs, without anchor
	Titles   []string `json:"titles"`   // page titles, parallel to Pages
	Page     []int    `json:"page"`     // per record: index in Pages
	Anchor   []string `json:"anchor"`   // per record: "" for the top of the page
	Section  []string `json:"section"`  // per record: "" when it is the page's title
	Snippet  []string `json:"snippet"`  // per record
	Terms    []string `json:"terms"`    // sorted
	Postings [][]int  `json:"postings"` // per term: record id gap, weight, record id gap, weight, …
}

// Build returns the search index of one language and version: compact JSON, the same bytes for
// the same input. Records with the same URL are merged (the first one's titles, the texts
// joined); records without a URL are skipped. lang selects the tokenizer's language rules.
func Build(lang string, records []Record) []byte {
	recs := merge(records)
	f := file{V: formatVersion, Lang: lang, Pages: []string{}, Titles: []string{}, Page: []int{},
		Anchor: []string{}, Section: []string{}, Snippet: []string{}, Terms: []string{}, Postings: [][]int{}}
	pageIndex := map[[2]string]int{}
	for _, r := range recs {
		base, anchor, _ := strings.Cut(r.URL, "#")
		key := [2]string{base, r.Page}
		i, ok := pageIndex[key]
		if !ok {
			i = len(f.Pages)
			pageIndex[key] = i
			f.Pages = append(f.Pages, base)
			f.Titles = append(f.Titles, r.Page)
		}
		section := r.Section
		if section == r.Page {
			section = ""
		}
		f.Page = append(f.Page, i)
		f.Anchor = append(f.Anchor, anchor)
		f.Section = append(f.Section, section)
		f.Snippet = append(f.Snippet, snippet(r.Text))
	}
	postings := weigh(lang, recs)
	f.Terms = slices.Sorted(maps.Keys(postings))
	for _, t := range f.Terms {
		f.Postings = append(f.Postings, postings[t])
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // served as JSON, never inlined in HTML
	if err := enc.Encode(f); err != nil {
		panic(err) // strings and ints always encode
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// merge drops records without a URL and merges those with the same URL, in first-seen order.
func merge(records []Record) []Record {
	var out []Record
	at := map[string]int{}
	for _, r := range records {
		if r.URL == "" {
			continue
		}
		if i, ok := at[r.URL]; ok {
			out[i].Text = strings.TrimSpace(out[i].Text + " " + r.Text)
			continue
		}
		at[r.URL] = len(out)
		out = append(out, r)
	}
	return out
}

// title is the text that gets the title boost: the section's title, or the page's for the top
// of a page.
func title(section, page string) string {
	if section == "" {
		return page
	}
	return section
}

// weigh returns, per term, its postings: for every record holding the term (ids ascending), the
// gap from the previous id and the weight
//
//	round(100 × idf × (sat(tf, len, avglen) + 2·inTitle + 1·sat(inPage, pageLen, avgPageLen)))
//
// sat(tf, len, avglen) = tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)) is BM25's term
// saturation: tf counts the term in the record's text, len is the text's number of tokens and
// avglen the average over the records. inTitle is 1 when the term is in the record's title (its
// section's, or its page's for the top of a page). inPage is 1 when the term is in its page's
// title, saturated like a text against the page title's length: a term in a short title such as
// "Managing your personal access tokens" counts for more than in a long one. Titles count a
// term once however often they repeat it. idf is ln(1 + (N − df + 0.5)/(df + 0.5)) over the N
// records. Weights are at least 1.
func weigh(lang string, recs []Record) map[string][]int {
	type doc struct {
		tf              map[string]int
		terms           []string // the union of the text's, title's and page title's terms
		title, page     map[string]bool
		length, pageLen int
	}
	// Titles repeat (every record of a page has its page's title): tokenize each once.
	type titleTokens struct {
		set map[string]bool
		n   int
	}
	titles := map[string]titleTokens{}
	tokenizeTitle := func(s string) titleTokens {
		if t, ok := titles[s]; ok {
			return t
		}
		t := titleTokens{set: map[string]bool{}}
		for _, x := range Tokens(lang, s) {
			t.set[x] = true
			t.n++
		}
		titles[s] = t
		return t
	}
	docs := make([]doc, len(recs))
	df := map[string]int{}
	total, pageTotal := 0, 0
	for i, r := range recs {
		toks := Tokens(lang, r.Text)
		d := doc{tf: make(map[string]int, len(toks))}
		for _, t := range toks {
			d.tf[t]++
		}
		d.length = len(toks)
		d.title = tokenizeTitle(title(r.Section, r.Page)).set
		pt := tokenizeTitle(r.Page)
		d.page, d.pageLen = pt.set, pt.n
		total += d.length
		pageTotal += d.pageLen
		d.terms = make([]string, 0, len(d.tf)+len(d.title)+len(d.page))
		for t := range d.tf {
			d.terms = append(d.terms, t)
		}
		for t := range d.title {
			if _, ok := d.tf[t]; !ok {
				d.terms = append(d.terms, t)
			}
		}
		for t := range d.page {
			if _, ok := d.tf[t]; !ok && !d.title[t] {
				d.terms = append(d.terms, t)
			}
		}
		for _, t := range d.terms {
			df[t]++
		}
		docs[i] = d
	}
	n := float64(len(recs))
	avg, pageAvg := 1.0, 1.0
	if total > 0 {
		avg = float64(total) / n
	}
	if pageTotal > 0 {
		pageAvg = float64(pageTotal) / n
	}
	postings := make(map[string][]int, len(df))
	last := make(map[string]int, len(df))
	for i, d := range docs {
		for _, t := range d.terms {
			f := float64(df[t])
			idf := math.Log(1 + (n-f+0.5)/(f+0.5))
			s := sat(d.tf[t], d.length, avg)
			if d.title[t] {
				s += titleBoost
			}
			if d.page[t] {
				s += pageBoost * sat(1, d.pageLen, pageAvg)
			}
			w := max(1, int(math.Round(float64(100*idf)*s)))
			postings[t] = append(postings[t], i-last[t], w) // last[t] is 0 for the first
			last[t] = i
		}
	}
	return postings
}

// sat is BM25's saturation of tf occurrences in a field of length n, the average being avg.
func sat(tf, n int, avg float64) float64 {
	if tf == 0 {
		return 0
	}
	x := float64(tf)
	norm := float64(k1 * (1 - b + b*float64(n)/avg))
	return float64(x*(k1+1)) / float64(x+norm)
}

// snippet is the start of text, whitespace collapsed, cut to about snippetLen code points at a
// space when there is one near the end, with "…" when cut.
func snippet(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= snippetLen {
		return text
	}
	r := []rune(text)[:snippetLen]
	cut := len(r)
	for i := len(r) - 1; i >= snippetLen*3/4; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ") + "…"
}
