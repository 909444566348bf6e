package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"maps"
	"reflect"
	"sync"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/search"
)

// Cache carries work from one build to the next, for scoperef serve: what each generator made
// for a version and language, and each page's laid-out bytes with the Page they came from.
//
// A generator's output is reused when the same generator (compared with ==; use pointers) is
// asked for the same *model.Version and language again, so a new model or a new generator
// starts afresh. A page's bytes are reused when its Page is equal to the previous one and the
// rest of the site that a layout shows (every page's title, which versions have which pages, the
// templates, assets, catalog and base URL) is unchanged. A search index is reused when it is made
// of the same records.
type Cache struct {
	mu    sync.Mutex
	gen   map[genKey]*genEntry
	pages map[string]cachedPage // by output file name
	// siteFingerprint is the fingerprint of every language of the previous build.
	siteFingerprint string
	// files are the files that depend only on the fingerprint (sitemaps, root, 404, redirects).
	files map[string][]byte
	// idSets are the id sets of pages whose Headings and IDs slices are shared between builds
	// (generated pages), by those slices.
	idSets map[idKey]*idSetEntry
	// indexes are the search indexes by URL, with their records.
	indexes map[string]cachedIndex
	// texts remembers the tokens of the search records' texts; swept after every build.
	texts *search.Analyzer
	// combined are the pages made of a Markdown page and a generated one, by version, language
	// and path.
	combined map[pageKey]*combinedPage
	// builds counts the builds that used the cache.
	builds uint64
	// links remembers the pages whose links were all good, by version, language and path.
	links map[pageKey]*linkMemo
	// records are the Markdown pages' search records, by text (recordsMemo).
	records *recordsMemo
}

// The entries kept by version, language and path, and the id sets, carry the number of the
// last build that used them (used); endBuild drops the others, so that pages that are gone, and
// the pages of an older model, do not stay in memory.

type idSetEntry struct {
	set  map[string]bool
	used uint64
}

func (c *Cache) linkMemo(v *model.Version, lang, path string) *linkMemo {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.links[pageKey{v, lang, path}]
	if m != nil {
		m.used = c.builds
	}
	return m
}

func (c *Cache) storeLinkMemo(v *model.Version, lang, path string, m *linkMemo) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.links == nil {
		c.links = map[pageKey]*linkMemo{}
	}
	m.used = c.builds
	c.links[pageKey{v, lang, path}] = m
}

// startBuild returns the number of a new build; 0 for a nil Cache.
func (c *Cache) startBuild() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.builds++
	return c.builds
}

// endBuild drops the entries the build that just ended did not use.
func (c *Cache) endBuild() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.builds
	maps.DeleteFunc(c.combined, func(_ pageKey, e *combinedPage) bool { return e.used != n })
	maps.DeleteFunc(c.links, func(_ pageKey, m *linkMemo) bool { return m.used != n })
	if c.records != nil {
		c.records.sweep(n)
	}
	maps.DeleteFunc(c.idSets, func(_ idKey, e *idSetEntry) bool { return e.used != n })
}

// pageKey names a page of one version and language: what the Cache keeps per page is under it.
type pageKey struct {
	v          *model.Version
	lang, path string
}

// combinedPage is a combined page with what it was made of. Its search records are kept apart:
// a build takes a page's records when it makes the search index.
type combinedPage struct {
	md     *Page          // the Markdown part, or nil
	g      *GeneratedPage // the generated part, compared by address (the cached generator output)
	page   Page           // without search records
	search []search.Record
	used   uint64
}

// combine is the package's combine, returning a copy of the previous build's page when both
// parts are the same: its slices are the same too, so the id sets made for it are reused.
func (c *Cache) combine(md *Page, g *GeneratedPage, v *model.Version, lang string) *Page {
	if c == nil || g == nil {
		return combine(md, g, v, lang)
	}
	k := pageKey{v, lang, g.Path}
	c.mu.Lock()
	e := c.combined[k]
	if e != nil {
		e.used = c.builds
	}
	c.mu.Unlock()
	if e == nil || e.g != g || (e.md == nil) != (md == nil) || md != nil && !samePage(e.md, md) {
		p := combine(md, g, v, lang)
		e = &combinedPage{md: md, g: g, page: *p, search: p.search}
		e.page.search = nil
		if md != nil {
			// The records of the Markdown part are the build's own (made with the page).
			e.search = e.search[len(md.search):]
		}
		c.mu.Lock()
		if c.combined == nil {
			c.combined = map[pageKey]*combinedPage{}
		}
		e.used = c.builds
		c.combined[k] = e
		c.mu.Unlock()
	}
	p := e.page
	if md != nil {
		p.search = append(md.search[:len(md.search):len(md.search)], e.search...)
	} else {
		p.search = e.search
	}
	return &p
}

type idKey struct {
	ids *string
	nID int
	hs  *Heading
	nH  int
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{gen: map[genKey]*genEntry{}, idSets: map[idKey]*idSetEntry{}, indexes: map[string]cachedIndex{}}
}

// pageIDKey names the id set of p by the slices it is made from.
func pageIDKey(p *Page) idKey {
	k := idKey{nID: len(p.IDs), nH: len(p.Headings)}
	if len(p.IDs) > 0 {
		k.ids = &p.IDs[0]
	}
	if len(p.Headings) > 0 {
		k.hs = &p.Headings[0]
	}
	return k
}

// idSet returns the cached id set of a page's headings and ids, making it with make when absent.
func (c *Cache) idSet(p *Page, make func() map[string]bool) map[string]bool {
	if c == nil || (len(p.IDs) == 0 && len(p.Headings) == 0) {
		return make()
	}
	k := pageIDKey(p)
	c.mu.Lock()
	e := c.idSets[k]
	if e != nil {
		e.used = c.builds
	}
	c.mu.Unlock()
	if e == nil {
		e = &idSetEntry{set: make()}
		c.mu.Lock()
		e.used = c.builds
		c.idSets[k] = e
		c.mu.Unlock()
	}
	return e.set
}

// extraFiles returns the fingerprint-dependent files of the previous build when its fingerprint
// is the same.
func (c *Cache) extraFiles(fingerprint string) (map[string][]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil || c.siteFingerprint != fingerprint {
		return nil, false
	}
	return c.files, true
}

type genKey struct {
	g    Generator
	v    *model.Version
	lang string
}

type genEntry struct {
	pages []GeneratedPage
	files map[string][]byte
}

type cachedPage struct {
	page *Page
	data []byte
	fp   string // the fingerprint of the page's language when it was laid out
}

func (c *Cache) generated(g Generator, v *model.Version, lang string) (*genEntry, bool) {
	if c == nil || !reflect.TypeOf(g).Comparable() {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.gen[genKey{g, v, lang}]
	return e, ok
}

func (c *Cache) storeGenerated(g Generator, v *model.Version, lang string, e *genEntry) {
	if c == nil || !reflect.TypeOf(g).Comparable() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.gen {
		if k.g == g && k.v != v && k.v.Name() == v.Name() {
			delete(c.gen, k) // a previous model's version
		}
	}
	c.gen[genKey{g, v, lang}] = e
}

// layout returns the previous bytes of file name when p and the site fingerprint are unchanged.
func (c *Cache) layout(fingerprint, name string, p *Page) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	old, ok := c.pages[name]
	same := ok && old.fp == fingerprint
	c.mu.Unlock()
	if !same || !samePage(old.page, p) {
		return nil, false
	}
	return old.data, true
}

// keepLayouts replaces the cached layouts with those of a finished build.
func (c *Cache) keepLayouts(fingerprint string, pages map[string]cachedPage, files map[string][]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.siteFingerprint, c.pages, c.files = fingerprint, pages, files
	c.mu.Unlock()
}

// fingerprint hashes everything a page's layout in language li shows besides the page itself.
func (b *builder) fingerprint(li int) (string, error) {
	if b.opts.Cache == nil {
		return "", nil
	}
	if err := b.hashTemplates(); err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%p\x00%q\x00%d\x00%x\x00", b.base, b.cat, b.langs, li, b.templatesHash)
	// Strings are written with their lengths, so that no two lists hash alike.
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	for vi, v := range b.versions {
		fmt.Fprintf(h, "%s %d %v\x00", v.Name(), v.Status, v.Deprecation)
		for _, path := range b.paths {
			if p := b.pages[vi][li][path]; p != nil {
				buf = binary.AppendUvarint(buf[:0], uint64(vi))
				str(path)
				str(p.Title)
				str(p.ShortTitle)
				str(p.Lang)
				h.Write(buf)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashTemplates sets b.templatesHash once.
func (b *builder) hashTemplates() error {
	if b.templatesHash != "" {
		return nil
	}
	h := sha256.New()
	if err := hashFS(h, b.opts.Templates); err != nil {
		return err
	}
	b.templatesHash = string(h.Sum(nil))
	return nil
}

// hashFS hashes the layouts, partials and assets.
func hashFS(h hash.Hash, fsys fs.FS) error {
	for _, pattern := range []string{"layouts/*", "partials/*", "assets/*"} {
		names, err := fs.Glob(fsys, pattern)
		if err != nil {
			return err
		}
		for _, n := range names {
			data, err := fs.ReadFile(fsys, n)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\x00", n, len(data))
			h.Write(data)
		}
	}
	return nil
}

// samePage reports whether two pages are equal, quickly when their slices are shared (a cached
// generated page) and by comparing every element otherwise.
func samePage(a, b *Page) bool {
	if a == b {
		return true
	}
	if a.Title != b.Title || a.ShortTitle != b.ShortTitle || a.Intro != b.Intro || a.Body != b.Body ||
		a.Lang != b.Lang || a.Fallback != b.Fallback || a.FallbackParts != b.FallbackParts || a.Stale != b.Stale {
		return false
	}
	return sameSlice(a.Headings, b.Headings) && sameSlice(a.IDs, b.IDs) && sameSlice(a.Links, b.Links)
}

func sameSlice[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
