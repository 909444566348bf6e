package search

import (
	"slices"
	"strings"
	"sync"
)

// An Analyzer tokenizes texts and remembers the result, so that indexes sharing most of their
// text (one per version of a site, or one build after another under scoperef serve) tokenize
// each distinct text once per language. It also numbers the terms it has seen, which lets
// Build count and weigh them in slices rather than maps.
//
// An Analyzer is safe for concurrent use. The zero value is not usable: call NewAnalyzer. It
// grows with every distinct text it is given; Sweep drops the texts that were not used since
// the previous Sweep.
type Analyzer struct {
	mu    sync.Mutex
	texts map[textKey]*analysis
	ids   map[string]int32 // term → id
	terms []string         // id → term; only ever appended to
	// gen is the current generation; an analysis used in it carries it.
	gen uint32
}

type textKey struct{ rules, text string }

// rules names the tokenizer rules that apply to text in lang: "fr" when French elision can
// change its tokens (the text has an apostrophe, which fold makes of ’, ‘ and ＇), "" for the
// rules every language shares. Text that several languages show, such as an endpoint's English
// summary, is tokenized once.
func rules(lang, text string) string {
	if lang == "fr" && strings.ContainsAny(text, "'\u2018\u2019\uff07") {
		return "fr"
	}
	return ""
}

// analysis is what weigh needs of one text: its distinct terms (ids, in first-seen order),
// how often each occurs, and the number of tokens.
type analysis struct {
	terms  []int32
	counts []int32
	n      int
	gen    uint32
	// snippet is the text's snippet, made the first time it is asked for.
	snippet     string
	haveSnippet bool
}

// NewAnalyzer returns an empty Analyzer.
func NewAnalyzer() *Analyzer {
	return &Analyzer{texts: map[textKey]*analysis{}, ids: map[string]int32{}}
}

// analyze returns the analysis of text in lang, tokenizing it when it is new.
func (a *Analyzer) analyze(lang, text string) *analysis {
	k := textKey{rules(lang, text), text}
	a.mu.Lock()
	if an, ok := a.texts[k]; ok {
		an.gen = a.gen
		a.mu.Unlock()
		return an
	}
	a.mu.Unlock()
	toks := Tokens(k.rules, text) // outside the lock: the slow part
	a.mu.Lock()
	defer a.mu.Unlock()
	if an, ok := a.texts[k]; ok { // analysed meanwhile by another goroutine
		an.gen = a.gen
		return an
	}
	an := &analysis{n: len(toks), gen: a.gen}
	at := make(map[int32]int, len(toks))
	for _, t := range toks {
		id, ok := a.ids[t]
		if !ok {
			id = int32(len(a.terms))
			a.ids[t] = id
			a.terms = append(a.terms, t)
		}
		if i, ok := at[id]; ok {
			an.counts[i]++
			continue
		}
		at[id] = len(an.terms)
		an.terms = append(an.terms, id)
		an.counts = append(an.counts, 1)
	}
	a.texts[k] = an
	return an
}

// snippetOf returns the snippet of a text analysed as an.
func (a *Analyzer) snippetOf(an *analysis, text string) string {
	a.mu.Lock()
	s, ok := an.snippet, an.haveSnippet
	a.mu.Unlock()
	if ok {
		return s
	}
	s = snippet(text)
	a.mu.Lock()
	an.snippet, an.haveSnippet = s, true
	a.mu.Unlock()
	return s
}

// termList returns the terms numbered so far: entry id is the term with that id.
func (a *Analyzer) termList() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.terms[:len(a.terms):len(a.terms)]
}

// Sweep forgets the texts not analysed since the previous Sweep (or since NewAnalyzer). Term
// numbers are kept.
func (a *Analyzer) Sweep() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for k, an := range a.texts {
		if an.gen != a.gen {
			delete(a.texts, k)
		}
	}
	a.gen++
}

// Len is the number of texts the Analyzer remembers.
func (a *Analyzer) Len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.texts)
}

// sortedTerms returns the ids with a non-zero count in df, ordered by their term's bytes.
func sortedTerms(terms []string, df []int32) []int32 {
	var ids []int32
	for id, n := range df {
		if n > 0 {
			ids = append(ids, int32(id))
		}
	}
	slices.SortFunc(ids, func(x, y int32) int {
		switch tx, ty := terms[x], terms[y]; {
		case tx < ty:
			return -1
		case tx > ty:
			return 1
		}
		return 0
	})
	return ids
}
