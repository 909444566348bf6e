package search

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/jsonstr"
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
	return NewAnalyzer().Build(lang, records)
}

// Build is the package's Build with a's memory of texts: the bytes are the same.
func (a *Analyzer) Build(lang string, records []Record) []byte {
	recs := merge(records)
	n := len(recs)
	// Every text weigh needs, analysed at once: per record its text, then its title, then its
	// page's title.
	texts := make([]string, 3*n)
	for i, r := range recs {
		texts[i], texts[n+i], texts[2*n+i] = r.Text, title(r.Section, r.Page), r.Page
	}
	ans := a.analyzeAll(lang, texts)
	docs := make([]doc, n)
	for i := range docs {
		docs[i] = doc{text: ans[i], title: ans[n+i], page: ans[2*n+i]}
	}
	snippets := a.snippets(ans[:n], texts[:n])
	var pages, titles []string
	pageOf := make([]int, n)
	anchors := make([]string, n)
	sections := make([]string, n)
	pageIndex := map[[2]string]int{}
	for i, r := range recs {
		base, anchor, _ := strings.Cut(r.URL, "#")
		key := [2]string{base, r.Page}
		p, ok := pageIndex[key]
		if !ok {
			p = len(pages)
			pageIndex[key] = p
			pages = append(pages, base)
			titles = append(titles, r.Page)
		}
		section := r.Section
		if section == r.Page {
			section = ""
		}
		pageOf[i] = p
		anchors[i] = anchor
		sections[i] = section
	}
	terms, postings := a.weigh(docs)

	// The index's size, exact but for JSON escapes (rare): out is allocated once, and not much
	// larger than the index, which the site may keep.
	size := 128 + len(lang) // keys, brackets, "v"
	for _, list := range [][]string{pages, titles, anchors, sections, snippets} {
		for _, s := range list {
			size += len(s) + 3 // quotes and comma
		}
	}
	for _, p := range pageOf {
		size += decimalLen(p) + 1
	}
	for k, t := range terms {
		size += len(t) + 3 + 3 // term's quotes and comma; its postings' brackets and comma
		for _, x := range postings[k] {
			size += decimalLen(int(x)) + 1
		}
	}
	out := make([]byte, 0, size)
	out = append(out, `{"v":`...)
	out = strconv.AppendInt(out, formatVersion, 10)
	out = append(out, `,"lang":`...)
	out = appendString(out, lang)
	out = appendList(out, "pages", pages, appendString)
	out = appendList(out, "titles", titles, appendString)
	out = appendList(out, "page", pageOf, appendInt)
	out = appendList(out, "anchor", anchors, appendString)
	out = appendList(out, "section", sections, appendString)
	out = appendList(out, "snippet", snippets, appendString)
	out = appendList(out, "terms", terms, appendString)
	out = appendList(out, "postings", postings, appendInts)
	return append(out, '}')
}

// appendList appends `,"key":[…]`, each element of list written by elem.
func appendList[T any](out []byte, key string, list []T, elem func([]byte, T) []byte) []byte {
	out = append(out, ',', '"')
	out = append(out, key...)
	out = append(out, '"', ':')
	return appendArray(out, list, elem)
}

// appendArray appends list as a JSON array, each element written by elem.
func appendArray[T any](out []byte, list []T, elem func([]byte, T) []byte) []byte {
	out = append(out, '[')
	for i, x := range list {
		if i > 0 {
			out = append(out, ',')
		}
		out = elem(out, x)
	}
	return append(out, ']')
}

func appendInt(out []byte, n int) []byte { return strconv.AppendInt(out, int64(n), 10) }

// decimalLen is the length of n ≥ 0 in decimal. (Its comparisons compile to conditional
// moves: the lengths of postings' numbers are too mixed for branches to be predicted.)
func decimalLen(n int) int {
	l := 1
	if n >= 10 {
		l++
	}
	if n >= 100 {
		l++
	}
	if n >= 1000 {
		l++
	}
	for n >= 10000 {
		n /= 10
		l++
	}
	return l
}

// appendInts appends list as a JSON array of numbers, as appendArray(out, list, appendInt) would.
func appendInts(out []byte, list []int32) []byte {
	out = append(out, '[')
	for i, n := range list {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendNat(out, n)
	}
	return append(out, ']')
}

// appendNat appends n in decimal, as strconv.AppendInt does, with the numbers below 10,000
// that make up postings written digit by digit.
func appendNat(out []byte, n int32) []byte {
	switch {
	case n < 0 || n >= 10000:
		return strconv.AppendInt(out, int64(n), 10)
	case n < 10:
		return append(out, byte('0'+n))
	case n < 100:
		return append(out, byte('0'+n/10), byte('0'+n%10))
	case n < 1000:
		return append(out, byte('0'+n/100), byte('0'+n/10%10), byte('0'+n%10))
	}
	return append(out, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

// appendString appends s as a JSON string exactly as encoding/json writes it with HTML
// escaping off.
func appendString(out []byte, s string) []byte { return jsonstr.Append(out, s, false) }

// merge drops records without a URL and merges those with the same URL, in first-seen order.
func merge(records []Record) []Record {
	out := make([]Record, 0, len(records))
	at := make(map[string]int, len(records))
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

// doc is the analyses of one record's fields: its text, its title and its page's title.
type doc struct {
	text, title, page *analysis
}

// fields returns d's analyses, text first.
func (d doc) fields() [3]*analysis { return [3]*analysis{d.text, d.title, d.page} }

// weigh returns the terms of docs in the index's order (by their bytes) and, parallel to them,
// their postings: for every record holding the term (ids ascending), the gap from the
// previous id and the weight
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
// records. Weights are at least 1. docs[i] is the analysis of record i.
func (a *Analyzer) weigh(docs []doc) (terms []string, postings [][]int32) {
	total, pageTotal := 0, 0
	for _, d := range docs {
		total += d.text.n
		pageTotal += d.page.n
	}
	all, byBytes := a.termList() // every id in docs is below len(all)
	// Arrays indexed by id have an entry per term of the Analyzer, which may know several
	// languages: they are kept to a few bytes per term. df[id] counts the records holding the
	// term. mark[id] is 1 + the last record that visited it, so that a record visits a term once
	// however many of its fields hold it.
	df := make([]int32, len(all))
	mark := make([]int32, len(all))
	distinct := 0 // the number of terms with a df
	for i, d := range docs {
		for _, an := range d.fields() {
			for _, id := range an.terms {
				if mark[id] != int32(i+1) {
					mark[id] = int32(i + 1)
					if df[id] == 0 {
						distinct++
					}
					df[id]++
				}
			}
		}
	}
	// ids are the index's terms, in order.
	ids := make([]int32, 0, distinct)
	for _, id := range byBytes {
		if df[id] > 0 {
			ids = append(ids, id)
		}
	}
	// The index's terms are numbered k by their place in ids; local[id] is k. Per k: the
	// term's idf, its postings (all in one array: a record adds a gap and a weight to each term
	// it holds, so term k takes exactly 2·df numbers) and the last record holding it so far (0
	// before the first: the first gap is from 0).
	n := float64(len(docs))
	local := make([]int32, len(all))
	terms = make([]string, len(ids))
	idf := make([]float64, len(ids))
	postings = make([][]int32, len(ids))
	size := 0
	for _, id := range ids {
		size += 2 * int(df[id])
	}
	numbers := make([]int32, size)
	for k, id := range ids {
		local[id] = int32(k)
		terms[k] = all[id]
		f := float64(df[id])
		idf[k] = math.Log(1 + (n-f+0.5)/(f+0.5))
		postings[k], numbers = numbers[:0:2*df[id]], numbers[2*df[id]:]
	}
	last := make([]int32, len(ids))
	avg, pageAvg := 1.0, 1.0
	if total > 0 {
		avg = float64(total) / n
	}
	if pageTotal > 0 {
		pageAvg = float64(pageTotal) / n
	}
	// tf, inTitle and inPage of the current record, by id (reset after each record).
	tf := make([]int32, len(all))
	inTitle := make([]bool, len(all))
	inPage := make([]bool, len(all))
	clear(mark)
	for i, d := range docs {
		for j, id := range d.text.terms {
			tf[id] = d.text.counts[j]
		}
		for _, id := range d.title.terms {
			inTitle[id] = true
		}
		for _, id := range d.page.terms {
			inPage[id] = true
		}
		for _, an := range d.fields() {
			for _, id := range an.terms {
				if mark[id] == int32(i+1) {
					continue
				}
				mark[id] = int32(i + 1)
				s := sat(int(tf[id]), d.text.n, avg)
				if inTitle[id] {
					s += titleBoost
				}
				if inPage[id] {
					s += pageBoost * sat(1, d.page.n, pageAvg)
				}
				k := local[id]
				w := max(1, int32(math.Round(float64(100*idf[k])*s)))
				postings[k] = append(postings[k], int32(i)-last[k], w)
				last[k] = int32(i)
			}
		}
		for _, id := range d.text.terms {
			tf[id] = 0
		}
		for _, id := range d.title.terms {
			inTitle[id] = false
		}
		for _, id := range d.page.terms {
			inPage[id] = false
		}
	}
	return terms, postings
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
// space when there is one near the end, with "…" when cut:
//
//	text = strings.Join(strings.Fields(text), " ")
//	if utf8.RuneCountInString(text) <= snippetLen {
//		return text
//	}
//	r := []rune(text)[:snippetLen]
//	cut := the index of the last ' ' in r[snippetLen*3/4:], or snippetLen
//	return strings.TrimRight(string(r[:cut]), " ") + "…"
//
// but collapsing only the start of text, and returning text itself when it needs no change.
// Invalid UTF-8 is kept as it is when the snippet is not cut, and each invalid byte is U+FFFD
// when it is (string([]rune(…)) does that).
func snippet(text string) string {
	const minCut = snippetLen * 3 / 4
	out := make([]byte, 0, 4*snippetLen)
	n := 0           // code points in out
	cut := -1        // len(out) before its last space that is code point minCut or later
	pending := false // whitespace since the last code point written, which is not the first
	long := false    // text has more than snippetLen code points once collapsed
	for i := 0; i < len(text); {
		c, w := rune(text[i]), 1
		if c >= utf8.RuneSelf {
			c, w = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsSpace(c) {
			pending = len(out) > 0
			i += w
			continue
		}
		if pending {
			if n == snippetLen {
				long = true
				break
			}
			if n >= minCut {
				cut = len(out)
			}
			out = append(out, ' ')
			n++
			pending = false
		}
		if n == snippetLen {
			long = true
			break
		}
		out = append(out, text[i:i+w]...)
		n++
		i += w
	}
	if !long {
		if string(out) == text {
			return text
		}
		return string(out)
	}
	if cut >= 0 {
		out = out[:cut]
	}
	s := string(out)
	if !utf8.ValidString(s) {
		s = string([]rune(s))
	}
	return strings.TrimRight(s, " ") + "…"
}
