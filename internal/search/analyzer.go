package search

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// An Analyzer tokenizes texts and remembers the result, so that indexes sharing most of their
// text (one per version of a site, or one build after another under scoperef serve) tokenize
// each distinct text once per language. It also numbers the terms it has seen, which lets
// Build count and weigh them in slices rather than maps, and keeps them in byte order, the
// order of an index's terms.
//
// An Analyzer is safe for concurrent use. The zero value is not usable: call NewAnalyzer. It
// grows with every distinct text it is given; Sweep drops the texts that were not used since
// the previous Sweep.
type Analyzer struct {
	mu    sync.Mutex
	texts map[textKey]*analysis
	ids   map[string]int32 // term → id
	terms []string         // id → term; only ever appended to
	// slot has an entry per term, all 0 but while add counts a text's terms.
	slot []int32
	// byBytes is the ids below its length ordered by their terms' bytes: the order of an
	// index's terms. termList extends it when terms were added, into a new slice.
	byBytes []int32
	// gen is the current generation; an analysis used in it carries it.
	gen uint32
}

type textKey struct{ rules, text string }

// rules names the tokenizer rules that apply to text in lang: "fr" when French elision can
// change its tokens (the text has an apostrophe, which fold makes of ’, ‘ and ＇), "" for the
// rules every language shares. Text that several languages show, such as an endpoint's English
// summary, is tokenized once.
func rules(lang, text string) string {
	if lang == "fr" && hasApostrophe(text) {
		return "fr"
	}
	return ""
}

// hasApostrophe reports whether text holds ', ‘, ’ or ＇: strings.ContainsAny(text,
// "'\u2018\u2019\uff07"), in four fast byte searches rather than a rune-by-rune scan. (A
// UTF-8 decoder restarts at every byte that is not a continuation byte, so finding the bytes
// of a code point is finding the code point.)
func hasApostrophe(text string) bool {
	return strings.IndexByte(text, '\'') >= 0 || strings.Contains(text, "\u2019") ||
		strings.Contains(text, "\u2018") || strings.Contains(text, "\uff07")
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

// analyzeAll returns the analyses of texts in lang, tokenizing those that are new. It takes
// a.mu once to look every text up, then, for each text that was missing, once to look it up
// again (texts may hold it twice) and once to number its terms.
func (a *Analyzer) analyzeAll(lang string, texts []string) []*analysis {
	out := make([]*analysis, len(texts))
	var missing []int
	a.mu.Lock()
	for i, text := range texts {
		if an, ok := a.texts[textKey{rules(lang, text), text}]; ok {
			an.gen = a.gen
			out[i] = an
		} else {
			missing = append(missing, i)
		}
	}
	a.mu.Unlock()
	if len(missing) == 0 {
		return out
	}
	var sc scratch
	for _, i := range missing {
		k := textKey{rules(lang, texts[i]), texts[i]}
		a.mu.Lock()
		an, ok := a.texts[k] // analysed since: earlier in texts, or by another goroutine
		if ok {
			an.gen = a.gen
		}
		a.mu.Unlock()
		if !ok {
			sc.tokenize(k) // outside the lock: the slow part
			a.mu.Lock()
			an = a.add(k, &sc)
			a.mu.Unlock()
		}
		out[i] = an
	}
	return out
}

// scratch holds one text's tokens while it is analysed; its buffers are reused from text to
// text.
type scratch struct {
	cps   []rune  // the normalised text
	cls   []uint8 // the class of each code point of cps
	spans []span  // its tokens
	utf8  []byte  // cps in UTF-8
	off   []int32 // off[i] is the offset of cps[i] in utf8; off[len(cps)] = len(utf8)
	// ids and counts are the distinct terms of the text and their counts, while add numbers them.
	ids, counts []int32
}

// tokenize fills sc with the tokens of k.text under k.rules.
func (sc *scratch) tokenize(k textKey) {
	sc.cps = appendNormalized(sc.cps[:0], k.text)
	sc.cls = appendClasses(sc.cls[:0], sc.cps)
	sc.spans = appendSpans(sc.spans[:0], k.rules, sc.cps, sc.cls)
	sc.utf8, sc.off = sc.utf8[:0], sc.off[:0]
	for _, c := range sc.cps {
		sc.off = append(sc.off, int32(len(sc.utf8)))
		sc.utf8 = utf8.AppendRune(sc.utf8, c)
	}
	sc.off = append(sc.off, int32(len(sc.utf8)))
}

// token returns the bytes of the token sp of the text in sc.
func (sc *scratch) token(sp span) []byte {
	return sc.utf8[sc.off[sp.start]:sc.off[sp.end]]
}

// add returns the analysis of k, whose tokens sc holds, and remembers it; when k was analysed
// meanwhile (by another goroutine, or earlier in the same batch), the one remembered. Its
// caller holds a.mu.
func (a *Analyzer) add(k textKey, sc *scratch) *analysis {
	if an, ok := a.texts[k]; ok {
		an.gen = a.gen
		return an
	}
	// Terms are counted in sc.ids and sc.counts, in first-seen order; a.slot[id] is 1 + the
	// term's index there, and goes back to 0 before add returns.
	ids, counts := sc.ids[:0], sc.counts[:0]
	for _, sp := range sc.spans {
		tok := sc.token(sp)
		id, ok := a.ids[string(tok)] // no string is made for the lookup
		if !ok {
			t := string(tok)
			id = int32(len(a.terms))
			a.ids[t] = id
			a.terms = append(a.terms, t)
			a.slot = append(a.slot, 0)
		}
		if j := a.slot[id]; j > 0 {
			counts[j-1]++
			continue
		}
		ids = append(ids, id)
		counts = append(counts, 1)
		a.slot[id] = int32(len(ids))
	}
	for _, id := range ids {
		a.slot[id] = 0
	}
	sc.ids, sc.counts = ids, counts
	// One array for both slices, of the exact size.
	both := make([]int32, 2*len(ids))
	an := &analysis{terms: both[:len(ids):len(ids)], counts: both[len(ids):], n: len(sc.spans), gen: a.gen}
	copy(an.terms, ids)
	copy(an.counts, counts)
	a.texts[k] = an
	return an
}

// snippets returns the snippet of each texts[i], analysed as ans[i]. It takes a.mu once to read
// the snippets made before and, when some are new, once to store them.
func (a *Analyzer) snippets(ans []*analysis, texts []string) []string {
	out := make([]string, len(texts))
	var missing []int
	a.mu.Lock()
	for i, an := range ans {
		if an.haveSnippet {
			out[i] = an.snippet
		} else {
			missing = append(missing, i)
		}
	}
	a.mu.Unlock()
	if len(missing) == 0 {
		return out
	}
	for _, i := range missing {
		out[i] = snippet(texts[i])
	}
	a.mu.Lock()
	for _, i := range missing {
		ans[i].snippet, ans[i].haveSnippet = out[i], true
	}
	a.mu.Unlock()
	return out
}

// termList returns the terms numbered so far (entry id is the term with that id) and their
// ids ordered by the terms' bytes.
func (a *Analyzer) termList() (terms []string, byBytes []int32) {
	a.mu.Lock()
	terms, byBytes = a.terms[:len(a.terms):len(a.terms)], a.byBytes
	a.mu.Unlock()
	if len(byBytes) == len(terms) {
		return terms, byBytes
	}
	// Terms are only ever appended, so byBytes orders the ids below its length: order the
	// newer ones and merge them in, outside the lock, into a new slice (the old one may be in
	// use). Another goroutine may do the same meanwhile: the longer order is kept.
	fresh := make([]int32, 0, len(terms)-len(byBytes))
	for id := len(byBytes); id < len(terms); id++ {
		fresh = append(fresh, int32(id))
	}
	byBytes = mergeOrdered(terms, byBytes, sortedTerms(terms, fresh))
	a.mu.Lock()
	if len(byBytes) > len(a.byBytes) {
		a.byBytes = byBytes
	}
	a.mu.Unlock()
	return terms, byBytes
}

// sortedTerms orders ids by their terms' bytes, in place, and returns them.
func sortedTerms(terms []string, ids []int32) []int32 {
	slices.SortFunc(ids, func(x, y int32) int { return strings.Compare(terms[x], terms[y]) })
	return ids
}

// mergeOrdered merges x and y, ids ordered by their terms' bytes (terms are distinct), into a
// new slice.
func mergeOrdered(terms []string, x, y []int32) []int32 {
	out := make([]int32, 0, len(x)+len(y))
	for len(x) > 0 && len(y) > 0 {
		if terms[x[0]] < terms[y[0]] {
			out, x = append(out, x[0]), x[1:]
		} else {
			out, y = append(out, y[0]), y[1:]
		}
	}
	out = append(out, x...)
	return append(out, y...)
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
