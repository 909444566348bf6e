package reference

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

// The work that does not depend on the language is done once per version and kept, so that
// rendering a version in four languages computes it once (built under a sync.Once and only read
// afterwards: Pages may be called concurrently); what does not depend on the version either (an
// endpoint's escaped text, epText) once per generator. The pieces of text that every page of a
// version and language repeats (links to permissions, scopes and endpoints, the terms and marks
// of endpoint sections: langData) are made once per Pages call and dropped with it; interface
// strings are kept per language.

type versionData struct {
	once     sync.Once
	eps      []*model.Endpoint   // the version's endpoints, in model order
	perms    []*model.Permission // the version's permissions, by id
	scopes   []*model.Scope      // the version's scopes, by id
	cats     []*model.Category   // categories with endpoints in the version, in model order
	catEps   map[*model.Category][]*model.Endpoint
	uses     map[*model.Permission]map[model.Level][]*model.Endpoint // see ctx.uses
	naming   map[*model.Permission][]*model.Endpoint                 // see ctx.endpointsNaming
	children map[*model.Scope][]*model.Scope                         // see ctx.children
	parents  map[*model.Scope][]*model.Scope                         // see ctx.parents
	accepted map[*model.Scope][]*model.Endpoint                      // see ctx.acceptedBy
	migrated map[*model.Scope]MigrateResult                          // Migrate of each scope on its own
	since    map[*model.Endpoint]*model.Version                      // see ctx.computeSince; nil entries left out
	sizes    sync.Map                                                // page path -> length of its last body (see ctx.page)
}

type cache struct {
	epOnce sync.Once
	ep     map[*model.Endpoint]*epText

	mu       sync.Mutex
	versions map[*model.Version]*versionData
	diffs    map[pair]*diff.Result
	// msgs holds interface strings by msgKey: a Translator gives the same text for the same
	// arguments, and the site's looks each up in a catalog.
	msgs sync.Map
	// markdown holds Options.Markdown's HTML by mdKey: notes and descriptions repeat in every
	// version.
	markdown sync.Map
	// sizes holds the length of each page's body (by path) the last time it was written in any
	// version: the first guess for a version that has not written it yet (see ctx.page).
	sizes sync.Map
	// downloadSizes holds the size of each download file (by name) the last time a version wrote
	// it, with that version's number of endpoints (see ctx.downloadBuffer).
	downloadSizes sync.Map
}

type mdKey struct{ lang, src string }

// renderMarkdown is Options.Markdown(lang, src), called once per language and text.
func (g *Generator) renderMarkdown(lang, src string) template.HTML {
	k := mdKey{lang, src}
	if h, ok := g.cache.markdown.Load(k); ok {
		return h.(template.HTML)
	}
	h := g.opts.Markdown(lang, src)
	g.cache.markdown.Store(k, h)
	return h
}

// epText is an endpoint's text as the pages write it (escaped with esc), the same in every
// version and language.
type epText struct {
	method, path, op, anchor string
	// summary is the summary on English pages, summaryEn on others (marked lang="en").
	summary, summaryEn string
	// docs is the upstream documentation link when it is an http or https URL, else "".
	docs string
	// id is the anchor unescaped (EndpointAnchor), for search records.
	id string
	// search is the search text of the endpoint's section with each of its variants (in the
	// order of Endpoint.Variants): a variant holds for several versions.
	search []string
}

// endpointText returns e's epText.
func (g *Generator) endpointText(e *model.Endpoint) *epText {
	g.cache.epOnce.Do(func() {
		g.cache.ep = make(map[*model.Endpoint]*epText, len(g.m.Endpoints))
		for _, e := range g.m.Endpoints {
			g.cache.ep[e] = g.computeEndpointText(e)
		}
	})
	if x := g.cache.ep[e]; x != nil {
		return x
	}
	return g.computeEndpointText(e)
}

func (g *Generator) computeEndpointText(e *model.Endpoint) *epText {
	x := &epText{method: esc(e.Method), path: esc(e.Path), op: esc(e.Operation), anchor: esc(g.EndpointAnchor(e)),
		summary: esc(e.Summary), id: g.EndpointAnchor(e)}
	x.summaryEn = x.summary
	if e.Summary != "" {
		x.summaryEn = `<span lang="en">` + x.summary + `</span>`
	}
	if strings.HasPrefix(e.Docs, "https://") || strings.HasPrefix(e.Docs, "http://") {
		x.docs = esc(e.Docs)
	}
	x.search = make([]string, len(e.Variants))
	for i, r := range e.Variants {
		x.search[i] = joinText(e.Method, e.Path, e.Operation, diff.FineGrainedText(r.FineGrained), diff.ClassicText(r.Classic, false))
	}
	return x
}

// searchText is the search text of the endpoint's section with its variant r.
func (x *epText) searchText(e *model.Endpoint, r *model.Variant) string {
	if i := slices.Index(e.Variants, r); i >= 0 {
		return x.search[i]
	}
	return ""
}

// summary is e's summary as c's pages write it (Text.HTML of c.english(e.Summary)).
func (x *epText) summaryIn(c *ctx) string {
	if c.lang == "en" {
		return x.summary
	}
	return x.summaryEn
}

func (g *Generator) versionData(c *ctx) *versionData {
	g.cache.mu.Lock()
	if g.cache.versions == nil {
		g.cache.versions = map[*model.Version]*versionData{}
	}
	d := g.cache.versions[c.v]
	if d == nil {
		d = &versionData{}
		g.cache.versions[c.v] = d
	}
	g.cache.mu.Unlock()
	d.once.Do(func() { d.compute(c) })
	return d
}

func (d *versionData) compute(c *ctx) {
	m, vi := c.m, c.vi
	d.eps = m.EndpointsIn(vi)
	d.perms = c.permissions()
	d.scopes = c.scopes()
	d.catEps = map[*model.Category][]*model.Endpoint{}
	for _, cat := range m.Categories {
		if eps := c.endpointsOf(cat); len(eps) > 0 {
			d.cats = append(d.cats, cat)
			d.catEps[cat] = eps
		}
	}
	d.uses = map[*model.Permission]map[model.Level][]*model.Endpoint{}
	d.naming = map[*model.Permission][]*model.Endpoint{}
	d.since = map[*model.Endpoint]*model.Version{}
	for _, e := range d.eps {
		r := e.Requirement(vi)
		if v := c.computeSince(e); v != nil {
			d.since[e] = v
		}
		if !r.FineGrained.Accepted {
			continue
		}
		seen := map[model.Grant]bool{}
		seenPerm := map[*model.Permission]bool{}
		for _, set := range r.FineGrained.AnyOf {
			for _, g := range set {
				if !seenPerm[g.Permission] {
					seenPerm[g.Permission] = true
					d.naming[g.Permission] = append(d.naming[g.Permission], e)
				}
				if seen[g] {
					continue
				}
				seen[g] = true
				if d.uses[g.Permission] == nil {
					d.uses[g.Permission] = map[model.Level][]*model.Endpoint{}
				}
				d.uses[g.Permission][g.Level] = append(d.uses[g.Permission][g.Level], e)
			}
		}
	}
	d.children = map[*model.Scope][]*model.Scope{}
	d.parents = map[*model.Scope][]*model.Scope{}
	d.accepted = c.computeAccepted(d.scopes, d.eps)
	d.migrated = map[*model.Scope]MigrateResult{}
	for _, s := range d.scopes {
		d.children[s] = c.scopesIn(s.Children)
		d.parents[s] = c.scopesIn(s.Parents)
		// What s opens is exactly d.accepted[s]: migrate need not look at other endpoints.
		d.migrated[s] = migrate(c.m, c.v, c.vi, d.accepted[s], []string{s.ID})
	}
}

// scopesIn returns the scopes of list present in the version, sorted by id.
func (c *ctx) scopesIn(list []*model.Scope) []*model.Scope {
	var out []*model.Scope
	for _, x := range list {
		if x.Versions.Has(c.vi) {
			out = append(out, x)
		}
	}
	slices.SortFunc(out, func(a, b *model.Scope) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// compare returns the diff of a pair, computed once.
func (g *Generator) compare(p pair) *diff.Result {
	g.cache.mu.Lock()
	defer g.cache.mu.Unlock()
	if g.cache.diffs == nil {
		g.cache.diffs = map[pair]*diff.Result{}
	}
	r, ok := g.cache.diffs[p]
	if !ok {
		r = diff.Compare(g.m, p.From, p.To)
		g.cache.diffs[p] = r
	}
	return r
}

// msgKey identifies an interface string: a plain message (count < 0, no arg), a plural message
// for a count, or a message with one or two arguments.
type msgKey struct {
	lang, id, name, arg, name2, arg2 string
	count                            int
}

// t is T(id) for a message without arguments, looked up once per language.
func (c *ctx) t(id string) string {
	k := msgKey{lang: c.lang, id: id, count: -1}
	if s, ok := c.g.cache.msgs.Load(k); ok {
		return s.(string)
	}
	s := c.T(id)
	c.g.cache.msgs.Store(k, s)
	return s
}

// n is N(id, count), looked up once per language and count.
func (c *ctx) n(id string, count int) string {
	k := msgKey{lang: c.lang, id: id, count: count}
	if s, ok := c.g.cache.msgs.Load(k); ok {
		return s.(string)
	}
	s := c.N(id, count)
	c.g.cache.msgs.Store(k, s)
	return s
}

// t1 is T(id, name, arg) for messages with one argument whose values repeat (dates, versions).
func (c *ctx) t1(id, name, arg string) string {
	k := msgKey{lang: c.lang, id: id, name: name, arg: arg, count: -1}
	if s, ok := c.g.cache.msgs.Load(k); ok {
		return s.(string)
	}
	s := c.T(id, name, arg)
	c.g.cache.msgs.Store(k, s)
	return s
}

// t2 is T(id, name, arg, name2, arg2) for messages with two arguments whose values repeat in
// every version (a permission and a level).
func (c *ctx) t2(id, name, arg, name2, arg2 string) string {
	k := msgKey{lang: c.lang, id: id, name: name, arg: arg, name2: name2, arg2: arg2, count: -1}
	if s, ok := c.g.cache.msgs.Load(k); ok {
		return s.(string)
	}
	s := c.T(id, name, arg, name2, arg2)
	c.g.cache.msgs.Store(k, s)
	return s
}

// langData is the text the pages of one version in one language repeat, escaped as the pages
// write it (template.HTMLEscapeString, see htmlw.esc). It belongs to a ctx: it lives as long as
// one Pages call, which uses it from one goroutine.
type langData struct {
	level [model.Admin + 1]string // levelWord, escaped
	// grant is grantHTML and scope scopeHTML (linked) of every grant and scope of the version;
	// plainGrant and plainScope the unlinked forms (ctx.plain) made so far.
	grant      map[model.Grant]string
	scope      map[*model.Scope]string
	plainGrant map[model.Grant]string
	plainScope map[*model.Scope]string
	// href is the link to each endpoint of the version on its category page, escaped.
	href map[*model.Endpoint]string
	// and is " and " between the members of a set, or "; or " between alternatives, escaped.
	and, or, none, noScope, notAccepted, publicNote string
	// andWord and orWord start the parts of the "other permissions" column; escaped.
	andWord, orWord string
	// The terms of an endpoint's section on a category page, escaped.
	opLabel, tokensLabel, fineGrainedLabel, privateLabel, publicLabel, notesLabel, docsLabel string
	// tokenKinds is the "tokens" cell of each combination of token kinds (see tokenKindsOf).
	tokenKinds [allTokenKinds]string
	// cloudOnlyMark, since and dated are an endpoint's marks as <li> elements (see writeMarks);
	// since and dated are filled as they are used.
	cloudOnlyMark string
	since         map[*model.Version]string
	dated         map[datedMark]string
	// endpointsTableHead is what endpointsHead returns, "" until first used.
	endpointsTableHead string
}

// datedMark is a mark with a date: its message and the date.
type datedMark struct {
	id   string
	date time.Time
}

// text returns the ctx's langData, made on first use.
func (c *ctx) text() *langData {
	if c.txt == nil {
		c.txt = &langData{}
		c.txt.compute(c)
	}
	return c.txt
}

func (l *langData) compute(c *ctx) {
	for _, lv := range []model.Level{model.Read, model.Write, model.Admin} {
		l.level[lv] = esc(c.levelWord(lv))
	}
	l.and = " " + esc(c.t("reference.and")) + " "
	l.or = esc(c.t("reference.or_separator")) + " "
	l.none = esc(c.t("reference.none"))
	l.noScope = esc(c.t("reference.no_scope"))
	l.notAccepted = esc(c.t("reference.not_accepted"))
	l.publicNote = ` <span class="note">(` + esc(c.t("reference.public_without_permission")) + `)</span>`
	l.andWord, l.orWord = esc(c.t("reference.and"))+" ", esc(c.t("reference.or"))+" "
	l.opLabel, l.tokensLabel = esc(c.t("reference.column.operation")), esc(c.t("reference.endpoint.tokens"))
	l.fineGrainedLabel = esc(c.t("reference.endpoint.fine_grained"))
	l.privateLabel, l.publicLabel = esc(c.t("reference.endpoint.classic_private")), esc(c.t("reference.endpoint.classic_public"))
	l.notesLabel, l.docsLabel = esc(c.t("reference.endpoint.notes")), esc(c.t("reference.endpoint.docs"))
	for kinds := range l.tokenKinds {
		l.tokenKinds[kinds] = c.tokenKindsHTML(kinds)
	}
	l.cloudOnlyMark = "<li>" + esc(c.t("reference.mark.cloud_only")) + "</li>"
	l.since = map[*model.Version]string{}
	l.dated = map[datedMark]string{}
	l.plainGrant, l.plainScope = map[model.Grant]string{}, map[*model.Scope]string{}
	l.grant = map[model.Grant]string{}
	linked := *c
	linked.plain = false
	for _, p := range c.g.versionData(c).perms {
		for _, lv := range p.Levels {
			g := model.Grant{Permission: p, Level: lv}
			l.grant[g] = linked.computeGrantHTML(g, l)
		}
	}
	l.scope = map[*model.Scope]string{}
	for _, s := range c.g.versionData(c).scopes {
		l.scope[s] = linked.computeScopeHTML(s)
	}
	eps := c.g.versionData(c).eps
	l.href = make(map[*model.Endpoint]string, len(eps))
	catPath := map[*model.Category]string{} // categoryPath, made once per category
	for _, e := range eps {
		p, ok := catPath[e.Category]
		if !ok {
			p = categoryPath(e.Category)
			catPath[e.Category] = p
		}
		l.href[e] = esc(c.URL(p, c.g.EndpointAnchor(e)))
	}
}

// sinceMark is the mark of an endpoint that exists since version v.
func (l *langData) sinceMark(c *ctx, v *model.Version) string {
	h, ok := l.since[v]
	if !ok {
		h = "<li>" + esc(c.t1("reference.mark.since", "Version", c.versionName(v).S)) + "</li>"
		l.since[v] = h
	}
	return h
}

// dateMark is the mark of message id (deprecated, removal) with a date.
func (l *langData) dateMark(c *ctx, id string, date time.Time) string {
	k := datedMark{id, date}
	h, ok := l.dated[k]
	if !ok {
		h = "<li>" + esc(c.t1(id, "Date", c.g.opts.Date(c.lang, date))) + "</li>"
		l.dated[k] = h
	}
	return h
}

// categoryPath is the path of a category's page.
func categoryPath(cat *model.Category) string { return "reference/endpoints/" + cat.ID }

// endpointURL links to e's section on its category page.
func (c *ctx) endpointURL(e *model.Endpoint) string {
	return c.URL(categoryPath(e.Category), c.g.EndpointAnchor(e))
}

// endpointHref is endpointURL escaped.
func (l *langData) endpointHref(c *ctx, e *model.Endpoint) string {
	if h, ok := l.href[e]; ok {
		return h
	}
	return esc(c.endpointURL(e))
}

// levelWord returns the escaped word of a level.
func (l *langData) levelWord(c *ctx, lv model.Level) string {
	if lv >= 0 && int(lv) < len(l.level) && l.level[lv] != "" {
		return l.level[lv]
	}
	return esc(c.levelWord(lv))
}
