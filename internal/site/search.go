package site

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/search"
)

// SearchIndex is the name of the search index of a version and language, published beside its
// pages: /fr/enterprise-server@3.19/search-index.json (package search describes its format).
const SearchIndex = "search-index.json"

// markdownRecords splits a rendered Markdown page into search records: the top of the page
// (title and intro, and the text before the first section), then one per h2 and h3. A page
// that renders the same in several versions (no version condition, no link) is split once:
// memo keeps its records with URLs relative to the page.
func markdownRecords(memo *recordsMemo, p *Page, v *model.Version, lang, path string) []search.Record {
	key := recordsKey{p.Title, string(p.Intro) + string(p.Body)}
	rel := memo.get(key, p.Headings)
	if rel == nil {
		hs := make([]search.Heading, len(p.Headings))
		for i, h := range p.Headings {
			hs[i] = search.Heading{ID: h.ID, Text: h.Text, Level: h.Level}
		}
		rel = search.RecordsFromPage("", p.Title, hs, key.text)
		memo.put(key, p.Headings, rel)
	}
	url := URL(lang, v, path, "")
	recs := slices.Clone(rel)
	for i := range recs {
		recs[i].URL = url + recs[i].URL // "" for the top of the page, "#id" for a section
	}
	return recs
}

// recordsMemo holds the search records of the Markdown pages rendered so far, with URLs
// relative to their page: in a build, for the versions that render a page the same, and, kept
// by a Cache, from one build to the next. It is safe for concurrent use; a nil *recordsMemo
// holds nothing.
type recordsMemo struct {
	mu sync.Mutex
	m  map[recordsKey]*recordsEntry
	// build is the Cache's number of the build using the memo; entries carry the last build
	// that used them (sweep).
	build uint64
}

type recordsKey struct{ title, text string }

type recordsEntry struct {
	headings []Heading
	recs     []search.Record
	used     uint64
}

func (m *recordsMemo) get(k recordsKey, headings []Heading) []search.Record {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.m[k]
	if !ok || !slices.Equal(e.headings, headings) {
		return nil
	}
	e.used = m.build
	return e.recs
}

func (m *recordsMemo) put(k recordsKey, headings []Heading, recs []search.Record) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[recordsKey]*recordsEntry{}
	}
	m.m[k] = &recordsEntry{headings, recs, m.build}
}

// sweep forgets the entries the build numbered n did not use.
func (m *recordsMemo) sweep(n uint64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	maps.DeleteFunc(m.m, func(_ recordsKey, e *recordsEntry) bool { return e.used != n })
}

// recordsMemo returns the memo of Markdown search records for the current build: the Cache's,
// or with no Cache a new one.
func (c *Cache) recordsMemo() *recordsMemo {
	if c == nil {
		return &recordsMemo{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.records == nil {
		c.records = &recordsMemo{}
	}
	c.records.mu.Lock()
	c.records.build = c.builds
	c.records.mu.Unlock()
	return c.records
}

// generatedRecords turns a generated page's Records into search records of the page titled
// title: the title the reader sees, the Markdown page's when there is one.
func generatedRecords(g *GeneratedPage, title string, v *model.Version, lang string) []search.Record {
	out := make([]search.Record, len(g.Records))
	for i, r := range g.Records {
		out[i] = search.Record{URL: URL(lang, v, g.Path, r.Anchor), Page: title, Section: r.Title, Text: r.Text}
	}
	return out
}

// searchIndexFunc collects the search records of version vi in language li (every page of the
// version, in page order) and returns the function that builds their index, called at once or,
// by a LazyWriter, when the index is first read. It drops the pages' records, which nothing
// else needs. With a Cache, the previous build's index is reused when the records are the same.
func (b *builder) searchIndexFunc(vi, li int) func() []byte {
	var recs []search.Record
	for _, path := range b.paths {
		if p := b.pages[vi][li][path]; p != nil {
			recs = append(recs, p.search...)
			p.search = nil
		}
	}
	name := URL(b.langs[li], b.versions[vi], SearchIndex, "")
	lang, analyzer, cache, build := b.langs[li], b.analyzer, b.opts.Cache, b.build
	return func() []byte {
		if data, ok := cache.index(name, recs); ok {
			return data
		}
		data := analyzer.Build(lang, recs)
		cache.storeIndex(name, build, recs, data)
		return data
	}
}

// searchView is what the search form needs: the index's address and the messages search.js
// shows, as plain text for data attributes.
type searchView struct {
	Index string
	// Result is the result count for one result; Results the count for more, with "{count}"
	// where the number goes (search.js fills it in).
	Result, Results string
}

// countPlaceholder is what search.js replaces with the number of results.
const countPlaceholder = "{count}"

// resultCounts returns the search form's result-count messages in lang: the plural message
// SearchResultCount for one result, and its form for 2 to search.MaxResults results with the
// number replaced by countPlaceholder. search.js has no plural rules: it fails the build when a
// language needs more than these two forms for the counts it shows.
func (b *builder) resultCounts(lang string) (one, many string, err error) {
	one = b.cat.N(lang, "SearchResultCount", 1).S
	for n := 2; n <= search.MaxResults; n++ {
		s := b.cat.N(lang, "SearchResultCount", n).S
		num := strconv.Itoa(n)
		if strings.Count(s, num) != 1 {
			return "", "", fmt.Errorf("SearchResultCount in %s: %q must show the count %d once", lang, s, n)
		}
		form := strings.Replace(s, num, countPlaceholder, 1)
		switch {
		case many == "":
			many = form
		case form != many:
			return "", "", fmt.Errorf("SearchResultCount in %s: %q and %q: search.js shows one form for 2 to %d results",
				lang, strings.Replace(many, countPlaceholder, strconv.Itoa(n-1), 1), s, search.MaxResults)
		}
	}
	return one, many, nil
}

// analyzer returns the Cache's search analyzer, made on first use; nil for a nil Cache.
func (c *Cache) analyzer() *search.Analyzer {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.texts == nil {
		c.texts = search.NewAnalyzer()
	}
	return c.texts
}

// cachedIndex is a search index with the records it was built from.
type cachedIndex struct {
	recs  []search.Record
	data  []byte
	build uint64 // the number of the build it was made for
}

// index returns the previous build's index named name when it was built from the same records.
func (c *Cache) index(name string, recs []search.Record) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	old, ok := c.indexes[name]
	c.mu.Unlock()
	if !ok || !slices.Equal(old.recs, recs) {
		return nil, false
	}
	return old.data, true
}

// storeIndex keeps an index made for the given build, unless one of a later build is kept (a
// lazily made index of an old build may be made after a newer build's).
func (c *Cache) storeIndex(name string, build uint64, recs []search.Record, data []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if old, ok := c.indexes[name]; !ok || old.build <= build {
		c.indexes[name] = cachedIndex{recs, data, build}
	}
	c.mu.Unlock()
}
