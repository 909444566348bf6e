package site

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/search"
)

// Options configure Build.
type Options struct {
	Model      *model.Model
	Content    Content
	Generators []Generator
	Catalog    *i18n.Catalog
	// Templates holds layouts/*.html, partials/*.html and assets/* (project.Project.Templates).
	Templates fs.FS
	// Langs are the languages to build, English first; default i18n.Languages.
	Langs []string
	// BaseURL is the site's absolute address without a trailing slash, used by canonical
	// links, hreflang alternates, sitemaps and robots.txt; default DefaultBaseURL.
	BaseURL string
	// Workers is the number of pages rendered at once; default GOMAXPROCS.
	Workers int
	// Cache, when set, carries generated pages and layouts from one build to the next
	// (scoperef serve); nil builds everything.
	Cache *Cache
}

// DefaultBaseURL is used when Options.BaseURL is empty. The .example domain is reserved for
// documentation; publishers set their own with scoperef build -base-url.
const DefaultBaseURL = "https://scoperef.example"

// Report describes a build.
type Report struct {
	Files int // files written
	Pages int // pages rendered (page × version × language), without redirects
	Langs []LangReport
}

// LangReport counts one language's pages.
type LangReport struct {
	Lang  string
	Pages int
	// Fallback counts pages with any English text standing in for a translation: whole pages
	// and partly translated ones.
	Fallback int
	Stale    int
	// MissingUI lists interface strings shown in English.
	MissingUI []string
}

// WriteSummary prints one line per language: "fr: 54 pages, 0 fell back to English, 1 stale".
func (r *Report) WriteSummary(w io.Writer) {
	for _, l := range r.Langs {
		if l.Lang == i18n.Source {
			fmt.Fprintf(w, "%s: %d pages", l.Lang, l.Pages)
		} else {
			fmt.Fprintf(w, "%s: %d pages, %d fell back to English, %d stale", l.Lang, l.Pages, l.Fallback, l.Stale)
		}
		if n := len(l.MissingUI); n > 0 {
			ids := l.MissingUI
			if n > 5 {
				ids = append(ids[:5:5], "…")
			}
			what := "in English"
			if l.Lang == i18n.Source {
				what = "missing" // shown as their ids
			}
			fmt.Fprintf(w, ", %d interface strings %s (%s)", n, what, strings.Join(ids, ", "))
		}
		fmt.Fprintln(w)
	}
}

// builder holds one build's state.
type builder struct {
	opts     Options
	cat      *i18n.Catalog
	versions []*model.Version // built versions, model order
	picker   []*model.Version // the same in version-picker order
	langs    []string
	base     string
	tmpl     *template.Template
	assets   *assets
	// paths lists every page path of any version, in tree order.
	paths   []string
	pathSet map[string]bool
	// pages[vi][li][path] is the page for versions[vi] and langs[li]; absent when the page does
	// not exist in that version.
	pages [][]map[string]*Page
	// files[vi][li][path] are the generated files (FileGenerator) of a version and language.
	files [][]map[string][]byte
	ui    []uiTable // by language index
	// sites[vi][li] is what the layouts show the same on every page of a version and language.
	sites [][]*siteView
	// memos holds the layouts' memo results (memo.go).
	memos sync.Map
	// bannerOf[vi][li] is a version's banner without its page link; choices[li] the version
	// picker's entries; pickerIndex[i] the index in versions of picker[i].
	bannerOf    [][]*banner
	choices     [][]versionChoice
	pickerIndex []int
	// navs[vi][li] is the navigation list of a version in a language.
	navs    [][][]navEntry
	written atomic.Int64
	// analyzer tokenizes the search records: each distinct text once per language, whatever
	// the number of versions and languages that show it (and builds, with a Cache).
	analyzer *search.Analyzer
	// build is the build's number in the Cache (0 without one).
	build uint64
	// templatesHash is the hash of the layouts, partials and assets (hashTemplates).
	templatesHash string
	// mu guards paths and pathSet while languages render at once.
	mu sync.Mutex
}

// Build renders every built version × language × page into w, with redirects, the root
// language chooser, 404.html, sitemaps, robots.txt and fingerprinted assets. A broken internal
// link or anchor fails the build with a *diag.ListError naming each link's source position;
// nothing is promised about what w received when Build returns an error.
func Build(opts Options, w Writer) (*Report, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	if b.ui, err = b.uiTables(); err != nil {
		return nil, err
	}
	b.bannerOf = b.banners()
	b.choices = b.versionChoices()
	b.sites = b.siteViews()
	b.allocate()
	b.build = opts.Cache.startBuild()
	defer opts.Cache.endBuild()
	if b.analyzer = opts.Cache.analyzer(); b.analyzer != nil {
		defer b.analyzer.Sweep()
	} else {
		b.analyzer = search.NewAnalyzer()
	}
	links := &linkProblems{where: map[linkProblem]*[2][]string{}}
	fps := make([]string, len(b.langs))
	laid := map[string]cachedPage{}
	if opts.Cache != nil {
		if err := b.allLanguages(links, fps, w, laid); err != nil {
			return nil, err
		}
	} else {
		// One language at a time: everything a page shows besides its own text (page list,
		// version picker, breadcrumb, links) comes from pages of the same language, so only one
		// language's text is in memory at once.
		for li := range b.langs {
			if err := b.renderPages(li); err != nil {
				return nil, err
			}
			b.checkLinks(li, links)
			if links.failed {
				b.release(li) // keep checking the other languages, to report every broken link
				continue
			}
			if err := b.finishLanguage(li, fps, w, laid); err != nil {
				return nil, err
			}
		}
	}
	if diags := links.diags(b); diags.HasErrors() {
		return nil, diags.Err()
	}
	if err := b.writeSiteFiles(strings.Join(fps, ","), w, laid); err != nil {
		return nil, err
	}
	return b.report(), nil
}

// finishLanguage lays out and writes language li, whose pages are rendered and their links
// checked, and drops what is no longer needed. It records the language's fingerprint in fps[li]
// and, with a Cache, the layouts in laid.
func (b *builder) finishLanguage(li int, fps []string, w Writer, laid map[string]cachedPage) error {
	b.buildNavs(li)
	fp, err := b.fingerprint(li)
	if err != nil {
		return err
	}
	fps[li] = fp
	if err := b.writePages(li, fp, w, laid); err != nil {
		return err
	}
	b.release(li)
	return nil
}

// allLanguages is the loop over languages for a build with a Cache (scoperef serve), which keeps
// every page in memory anyway: the languages are rendered at once, then their links checked at
// once, then laid out and written at once. Broken links are reported as the one-at-a-time loop
// reports them (languages in order).
func (b *builder) allLanguages(links *linkProblems, fps []string, w Writer, laid map[string]cachedPage) error {
	nl := len(b.langs)
	if err := parallel(nl, nl, b.renderPages); err != nil {
		return err
	}
	perLang := make([]*linkProblems, nl)
	parallel(nl, nl, func(li int) error {
		perLang[li] = &linkProblems{where: map[linkProblem]*[2][]string{}}
		b.checkLinks(li, perLang[li])
		return nil
	})
	for _, lp := range perLang {
		links.merge(lp)
	}
	if links.failed {
		return nil // Build reports them
	}
	if err := b.hashTemplates(); err != nil { // before the languages share it
		return err
	}
	laidBy := make([]map[string]cachedPage, nl)
	err := parallel(nl, nl, func(li int) error {
		laidBy[li] = map[string]cachedPage{}
		return b.finishLanguage(li, fps, w, laidBy[li])
	})
	if err != nil {
		return err
	}
	for _, m := range laidBy {
		maps.Copy(laid, m)
	}
	return nil
}

// allocate makes the per-version, per-language tables.
func (b *builder) allocate() {
	nv, nl := len(b.versions), len(b.langs)
	b.pages = make([][]map[string]*Page, nv)
	b.files = make([][]map[string][]byte, nv)
	b.navs = make([][][]navEntry, nv)
	for vi := range b.pages {
		b.pages[vi] = make([]map[string]*Page, nl)
		b.files[vi] = make([]map[string][]byte, nl)
		b.navs[vi] = make([][]navEntry, nl)
		for li := range b.pages[vi] {
			b.pages[vi][li] = map[string]*Page{}
			b.files[vi][li] = map[string][]byte{}
		}
	}
}

// release drops the text of language li's pages once they are written, keeping what the
// redirects, sitemaps and report need (titles, flags). With a Cache the pages are kept whole:
// the next build compares them.
func (b *builder) release(li int) {
	for vi := range b.versions {
		b.files[vi][li] = map[string][]byte{}
		b.navs[vi][li] = nil
		if b.opts.Cache != nil {
			continue
		}
		for path, p := range b.pages[vi][li] {
			b.pages[vi][li][path] = &Page{Title: p.Title, ShortTitle: p.ShortTitle, Lang: p.Lang,
				Fallback: p.Fallback, FallbackParts: p.FallbackParts, Stale: p.Stale}
		}
	}
}

func newBuilder(opts Options) (*builder, error) {
	if opts.Model == nil || opts.Content == nil || opts.Catalog == nil || opts.Templates == nil {
		return nil, errors.New("site: Options need Model, Content, Catalog and Templates")
	}
	b := &builder{opts: opts, cat: opts.Catalog, langs: opts.Langs, base: strings.TrimSuffix(opts.BaseURL, "/"), pathSet: map[string]bool{}}
	if b.langs == nil {
		b.langs = i18n.Languages
	}
	if b.base == "" {
		b.base = DefaultBaseURL
	}
	if b.opts.Workers <= 0 {
		b.opts.Workers = runtime.GOMAXPROCS(0)
	}
	b.versions = opts.Model.Built()
	if len(b.versions) == 0 {
		return nil, errors.New("site: no version to build (every version is hidden)")
	}
	b.picker = pickerOrder(b.versions)
	var err error
	if b.assets, err = loadAssets(opts.Templates); err != nil {
		return nil, err
	}
	if b.tmpl, err = b.parseTemplates(); err != nil {
		return nil, err
	}
	return b, nil
}

// pickerOrder lists products without releases first (model order), then releases newest first.
func pickerOrder(vs []*model.Version) []*model.Version {
	out := slices.Clone(vs)
	slices.SortStableFunc(out, func(a, b *model.Version) int {
		if a.Product != b.Product || a.Release.IsZero() || b.Release.IsZero() {
			return 0
		}
		return b.Release.Compare(a.Release)
	})
	return out
}

// renderPages renders every Markdown page and runs every generator for language li in every
// version, in parallel, then combines them into b.pages[*][li].
func (b *builder) renderPages(li int) error {
	nv, lang := len(b.versions), b.langs[li]
	type job struct {
		vi   int
		path string
	}
	var jobs []job
	seen := map[string]bool{}
	for _, path := range b.opts.Content.Paths() {
		seen[path] = true
		for vi, v := range b.versions {
			if b.opts.Content.In(path, v) {
				jobs = append(jobs, job{vi, path})
			}
		}
	}
	md := make([]*Page, len(jobs))
	records := b.opts.Cache.recordsMemo()
	gen := make([][]GeneratedPage, len(b.opts.Generators)*nv) // [gi*nv + vi]
	files := make([]map[string][]byte, len(gen))
	// The generators first: each makes many pages, and the Markdown pages after them keep
	// every worker busy until the last generator is done.
	err := parallel(b.opts.Workers, len(gen)+len(jobs), func(i int) error {
		if i >= len(gen) {
			j := jobs[i-len(gen)]
			p, err := b.opts.Content.Render(j.path, b.versions[j.vi], lang)
			if err != nil {
				return fmt.Errorf("rendering /%s for %s in %s: %w", j.path, b.versions[j.vi].Name(), lang, err)
			}
			p.search = markdownRecords(records, p, b.versions[j.vi], lang, j.path)
			md[i-len(gen)] = p
			return nil
		}
		gr, v := b.opts.Generators[i/nv], b.versions[i%nv]
		if e, ok := b.opts.Cache.generated(gr, v, lang); ok {
			gen[i], files[i] = e.pages, e.files
			return nil
		}
		g, err := gr.Pages(v, lang)
		if err != nil {
			return fmt.Errorf("generating pages for %s in %s: %w", v.Name(), lang, err)
		}
		for k := range g {
			g[k].Path = strings.Trim(g[k].Path, "/")
			fillGenerated(&g[k], v, lang)
		}
		gen[i] = g
		if fg, ok := gr.(FileGenerator); ok {
			if files[i], err = fg.Files(v, lang); err != nil {
				return fmt.Errorf("generating files for %s in %s: %w", v.Name(), lang, err)
			}
		}
		b.opts.Cache.storeGenerated(gr, v, lang, &genEntry{gen[i], files[i]})
		return nil
	})
	if err != nil {
		return err
	}
	for i, j := range jobs {
		b.pages[j.vi][li][j.path] = md[i]
	}
	for i, g := range gen {
		vi := i % nv
		for name, data := range files[i] {
			b.files[vi][li][strings.Trim(name, "/")] = data
		}
		for k := range g {
			gp := &g[k]
			seen[gp.Path] = true
			b.pages[vi][li][gp.Path] = b.opts.Cache.combine(b.pages[vi][li][gp.Path], gp, b.versions[vi], lang)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for path := range seen {
		if !b.pathSet[path] {
			b.pathSet[path] = true
			b.paths = append(b.paths, path)
		}
	}
	slices.SortFunc(b.paths, comparePaths)
	return nil
}

// comparePaths orders paths as a tree: a page before the pages under it, siblings by name.
func comparePaths(a, b string) int {
	if a == "" || b == "" {
		return cmp.Compare(len(a), len(b))
	}
	return slices.Compare(strings.Split(a, "/"), strings.Split(b, "/"))
}

// parallel calls f(0..n-1) on workers goroutines and returns the errors of the failed calls,
// in index order.
func parallel(workers, n int, f func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				errs[i] = f(i)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writePages lays out and writes the pages, search indexes and generated files of language li,
// keeping the layouts in laid when there is a Cache.
func (b *builder) writePages(li int, fp string, w Writer, laid map[string]cachedPage) error {
	type job struct {
		vi    int
		path  string
		index bool // the version's search index rather than a page
	}
	// The search indexes first: an index takes as long as many pages. Their records are
	// taken from the pages before any page is laid out.
	var jobs []job
	indexes := make([]func() []byte, len(b.versions))
	for vi, v := range b.versions {
		if _, ok := b.files[vi][li][SearchIndex]; ok || b.pages[vi][li][SearchIndex] != nil {
			return fmt.Errorf("/%s in %s: the path of the search index cannot be a page or a generated file", SearchIndex, v.Name())
		}
		indexes[vi] = b.searchIndexFunc(vi, li)
		jobs = append(jobs, job{vi: vi, index: true})
	}
	for vi := range b.versions {
		for _, path := range b.paths {
			if b.pages[vi][li][path] != nil {
				jobs = append(jobs, job{vi: vi, path: path})
			}
		}
	}
	out := make([]cachedPage, len(jobs))
	err := parallel(b.opts.Workers, len(jobs), func(i int) error {
		j := jobs[i]
		if j.index {
			name := URL(b.langs[li], b.versions[j.vi], SearchIndex, "")[1:]
			if lw, ok := w.(LazyWriter); ok {
				b.written.Add(1)
				return lw.WriteLazy(name, indexes[j.vi])
			}
			return b.write(w, name, indexes[j.vi]())
		}
		p := b.pages[j.vi][li][j.path]
		name := file(b.langs[li], b.versions[j.vi], j.path)
		if data, ok := b.opts.Cache.layout(fp, name, p); ok {
			out[i] = cachedPage{p, data, fp}
			return b.write(w, name, data)
		}
		data, err := b.layout(b.pageView(j.vi, li, j.path))
		if err != nil {
			return fmt.Errorf("layout of /%s for %s in %s: %w", j.path, b.versions[j.vi].Name(), b.langs[li], err)
		}
		out[i] = cachedPage{p, data, fp}
		return b.write(w, name, data)
	})
	if err != nil {
		return err
	}
	if b.opts.Cache != nil {
		for i, j := range jobs {
			if !j.index {
				laid[file(b.langs[li], b.versions[j.vi], j.path)] = out[i]
			}
		}
	}
	return b.writeFiles(li, w)
}

// writeSiteFiles writes what depends on every language: redirects, the root page, 404.html,
// the sitemaps and the assets. All but the assets depend only on what the fingerprints cover,
// so a rebuild with the same fingerprints copies them from the cache.
func (b *builder) writeSiteFiles(fp string, w Writer, laid map[string]cachedPage) error {
	extra, cached := b.opts.Cache.extraFiles(fp)
	if cached {
		for _, name := range slices.Sorted(maps.Keys(extra)) {
			if err := b.write(w, name, extra[name]); err != nil {
				return err
			}
		}
	} else {
		rec := &recorder{w: w, files: map[string][]byte{}}
		for _, step := range []func(Writer) error{b.writeRedirects, b.writeRoot, b.writeNotFound, b.writeSitemaps} {
			if err := step(rec); err != nil {
				return err
			}
		}
		extra = rec.files
	}
	b.opts.Cache.keepLayouts(fp, laid, extra)
	return b.writeAssets(w)
}

// writeFiles writes the generators' files of language li.
func (b *builder) writeFiles(li int, w Writer) error {
	for vi, v := range b.versions {
		for _, name := range slices.Sorted(maps.Keys(b.files[vi][li])) {
			if b.pages[vi][li][name] != nil {
				return fmt.Errorf("generated file %s is also a page in %s", name, v.Name())
			}

			out, data := URL(b.langs[li], v, name, "")[1:], b.files[vi][li][name]
			if sw, ok := w.(SharedWriter); ok {
				// A generator gives every language the same slice for a file they share.
				b.written.Add(1)
				if err := sw.WriteShared(out, data); err != nil {
					return err
				}
			} else if err := b.write(w, out, data); err != nil {
				return err
			}
		}
	}
	return nil
}

// recorder passes files on to a Writer and keeps a copy of each.
type recorder struct {
	w     Writer
	mu    sync.Mutex
	files map[string][]byte
}

func (r *recorder) WriteFile(name string, data []byte) error {
	r.mu.Lock()
	r.files[name] = data
	r.mu.Unlock()
	return r.w.WriteFile(name, data)
}

func (b *builder) write(w Writer, name string, data []byte) error {
	b.written.Add(1)
	return w.WriteFile(name, data)
}

func (b *builder) report() *Report {
	r := &Report{Files: int(b.written.Load())}
	for li, lang := range b.langs {
		lr := LangReport{Lang: lang}
		for vi := range b.versions {
			for _, p := range b.pages[vi][li] {
				lr.Pages++
				if lang != i18n.Source && (p.Fallback || p.FallbackParts > 0) {
					lr.Fallback++
				}
				if lang != i18n.Source && p.Stale {
					lr.Stale++
				}
			}
		}
		lr.MissingUI = b.cat.Missing(lang)
		r.Pages += lr.Pages
		r.Langs = append(r.Langs, lr)
	}
	return r
}
