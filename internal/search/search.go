package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxResults is the number of results Search returns at most.
const MaxResults = 10

// Result is one search hit.
type Result struct {
	URL     string // with "#anchor" for a section
	Page    string // the page's title
	Section string // the section's title; "" for the top of the page
	Snippet string
	Score   int
}

// Index is a parsed search index.
type Index struct {
	f     file
	terms map[string]int // term → index in f.Terms
	// phrases caches the phrase form of each record's title, page title and snippet.
	phrases [][3]string
}

// Parse reads an index written by Build.
func Parse(data []byte) (*Index, error) {
	var ix Index
	if err := json.Unmarshal(data, &ix.f); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	f := &ix.f
	if f.V != formatVersion {
		return nil, fmt.Errorf("search index: format %d, want %d", f.V, formatVersion)
	}
	n := len(f.Page)
	if len(f.Anchor) != n || len(f.Section) != n || len(f.Snippet) != n || len(f.Titles) != len(f.Pages) || len(f.Postings) != len(f.Terms) {
		return nil, errors.New("search index: arrays of different lengths")
	}
	for _, p := range f.Page {
		if p < 0 || p >= len(f.Pages) {
			return nil, errors.New("search index: page out of range")
		}
	}
	ix.terms = make(map[string]int, len(f.Terms))
	for i, t := range f.Terms {
		if i > 0 && f.Terms[i-1] >= t {
			return nil, fmt.Errorf("search index: terms not sorted at %q", t)
		}
		ix.terms[t] = i
		id := 0
		for j := 0; j+1 < len(f.Postings[i]); j += 2 {
			id += f.Postings[i][j]
			if id < 0 || id >= n {
				return nil, fmt.Errorf("search index: term %q: record out of range", t)
			}
		}
	}
	ix.phrases = make([][3]string, n)
	for i := range n {
		page := f.Titles[f.Page[i]]
		ix.phrases[i] = [3]string{phrase(title(f.Section[i], page)), phrase(page), phrase(f.Snippet[i])}
	}
	return &ix, nil
}

// Search parses index and returns the results for query, best first; nil when the index does
// not parse.
func Search(index []byte, query string, lang string) []Result {
	ix, err := Parse(index)
	if err != nil {
		return nil
	}
	return ix.Search(query, lang)
}

// Search returns at most MaxResults results for query, best first. lang selects the
// tokenizer's rules, as for Build; "" means the index's language.
func (ix *Index) Search(query, lang string) []Result { return ix.search(query, lang, MaxResults) }

// Lang is the language the index was built for.
func (ix *Index) Lang() string { return ix.f.Lang }

type hit struct{ id, matched, score int }

// search ranks the records for query (the algorithm is in the package documentation).
func (ix *Index) search(query, lang string, limit int) []Result {
	if lang == "" {
		lang = ix.f.Lang
	}
	terms := dedupe(Tokens(lang, query))
	if len(terms) == 0 {
		return nil
	}
	prefix := prefixTerms(lang, query)
	hits := map[int]*hit{}
	var order []*hit
	for _, t := range terms {
		best := map[int]int{}
		ix.postings(t, 1, best)
		if prefix[t] { // the terms are sorted: those starting with t follow t's place
			i, _ := slices.BinarySearch(ix.f.Terms, t)
			for _, u := range ix.f.Terms[i:] {
				if !strings.HasPrefix(u, t) {
					break
				}
				if u != t {
					ix.postings(u, 2, best)
				}
			}
		}
		for id, w := range best {
			h := hits[id]
			if h == nil {
				h = &hit{id: id}
				hits[id] = h
				order = append(order, h)
			}
			h.matched++
			h.score += w
		}
	}
	if len(terms) > 1 {
		q := phrase(query)
		for _, h := range order {
			p := ix.phrases[h.id]
			switch {
			case containsPhrase(p[0], q):
				h.score += h.score / 2
			case containsPhrase(p[1], q), containsPhrase(p[2], q):
				h.score += h.score / 4
			}
		}
	}
	slices.SortFunc(order, func(a, b *hit) int {
		if a.matched != b.matched {
			return b.matched - a.matched
		}
		if a.score != b.score {
			return b.score - a.score
		}
		return a.id - b.id
	})
	var out []Result
	for _, h := range order[:min(limit, len(order))] {
		f := &ix.f
		u := f.Pages[f.Page[h.id]]
		if a := f.Anchor[h.id]; a != "" {
			u += "#" + a
		}
		out = append(out, Result{URL: u, Page: f.Titles[f.Page[h.id]], Section: f.Section[h.id], Snippet: f.Snippet[h.id], Score: h.score})
	}
	return out
}

// postings records in best, per record holding term t, t's weight divided by div (integer
// division) when best has no weight for the record yet or a smaller one.
func (ix *Index) postings(t string, div int, best map[int]int) {
	i, ok := ix.terms[t]
	if !ok {
		return
	}
	p := ix.f.Postings[i]
	id := 0
	for j := 0; j+1 < len(p); j += 2 {
		id += p[j]
		w := p[j+1] / div
		if old, ok := best[id]; !ok || w > old {
			best[id] = w
		}
	}
}

func dedupe(tokens []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tokens {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// prefixTerms returns the query's terms that also match as prefixes: when the query does not
// end with a separator, the terms of its last word or compound that are not CJK bigrams (so
// "perm" finds "permissions" while it is being typed, and "鍵" finds "鍵の").
func prefixTerms(lang, query string) map[string]bool {
	out := map[string]bool{}
	cps := normalize(query)
	if len(cps) == 0 || class(cps[len(cps)-1]) == sep {
		return out
	}
	p := phrase(query)
	last := p[strings.LastIndexByte(p, ' ')+1:]
	for _, t := range Tokens(lang, last) {
		r, _ := utf8.DecodeRuneInString(t)
		n := utf8.RuneCountInString(t)
		if (class(r) != cjk && n >= 2) || (class(r) == cjk && n == 1) {
			out[t] = true
		}
	}
	return out
}

// containsPhrase reports whether q occurs in p without cutting a word or compound: where q
// starts or ends with a word or join character, p does not continue it with another one.
// "/repos/{owner}/{repo}/issues" is not in "/repos/{owner}/{repo}/issues/{issue_number}", but
// "トークン" is in "トークンを".
func containsPhrase(p, q string) bool {
	if q == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(q)
	last, _ := utf8.DecodeLastRuneInString(q)
	for off := 0; ; {
		i := strings.Index(p[off:], q)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(q)
		before, _ := utf8.DecodeLastRuneInString(p[:i])
		after, _ := utf8.DecodeRuneInString(p[j:])
		if (i == 0 || !wordish(before) || !wordish(first)) && (j == len(p) || !wordish(after) || !wordish(last)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(p[i:])
		off = i + size
	}
}

func wordish(c rune) bool {
	k := class(c)
	return k == word || k == join
}
