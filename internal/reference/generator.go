package reference

import (
	"cmp"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

// Page is one generated reference page: the body the site puts under the page's intro.
type Page struct {
	Path    string        // e.g. reference/permissions/issues; no leading slash, no language or version
	Title   string        // in the page's language
	Body    template.HTML // an HTML fragment (headings start at h2)
	Records []SearchRecord
}

// SearchRecord is one section of a page for the site's search index.
type SearchRecord struct {
	Anchor string // the section's id on the page; "" for the page itself
	Title  string
	Text   string
}

// URLFunc returns the URL of path (a page path as in Page.Path, or a download's path) in lang and
// version v, with #anchor when anchor is not empty.
type URLFunc func(lang string, v *model.Version, path, anchor string) string

// Options are the site's hooks. Every field is optional.
type Options struct {
	// URL builds links between pages. Default: DefaultURL.
	URL URLFunc
	// Markdown renders a Markdown description or note as HTML. Default: the text escaped in a
	// paragraph, with `code` spans kept.
	Markdown func(lang, src string) template.HTML
	// Date formats a date for lang. Default: YYYY-MM-DD.
	Date func(lang string, t time.Time) string
}

// Generator renders the reference pages and downloads of one model.
type Generator struct {
	m    *model.Model
	tr   Translator
	opts Options

	opAnchor    map[*model.Endpoint]string
	scopeAnchor map[*model.Scope]string
	cache       cache
	calc        calculatorCache
}

// New returns a generator for m. t supplies the text; a nil t means English.
func New(m *model.Model, t Translator, opts Options) *Generator {
	if t == nil {
		t = English{}
	}
	if opts.URL == nil {
		opts.URL = DefaultURL
	}
	if opts.Markdown == nil {
		opts.Markdown = plainMarkdown
	}
	if opts.Date == nil {
		opts.Date = func(_ string, t time.Time) string { return t.Format(time.DateOnly) }
	}
	g := &Generator{m: m, tr: t, opts: opts, opAnchor: map[*model.Endpoint]string{}, scopeAnchor: map[*model.Scope]string{}}
	used := map[string]bool{}
	ops := slices.Clone(m.Endpoints)
	slices.SortFunc(ops, func(a, b *model.Endpoint) int { return cmp.Compare(a.Operation, b.Operation) })
	for _, e := range ops {
		g.opAnchor[e] = unique(used, anchorSafe(e.Operation))
	}
	for _, s := range m.Scopes { // sorted by id
		g.scopeAnchor[s] = unique(used, "scope-"+anchorSafe(strings.ReplaceAll(s.ID, ":", "-")))
	}
	return g
}

// DefaultURL follows GitHub Docs' scheme: /{lang}/{segment}/{path}#{anchor}.
func DefaultURL(lang string, v *model.Version, path, anchor string) string {
	// One concatenation per case: the URL is allocated once.
	switch {
	case v.Segment == "" && anchor == "":
		return "/" + lang + "/" + path
	case v.Segment == "":
		return "/" + lang + "/" + path + "#" + anchor
	case anchor == "":
		return "/" + lang + "/" + v.Segment + "/" + path
	default:
		return "/" + lang + "/" + v.Segment + "/" + path + "#" + anchor
	}
}

// Pages returns every reference page of version v in lang, in a fixed order: scopes,
// permissions, one page per permission, endpoints, one page per category, changes, migrate,
// calculator, downloads. Permission and category pages exist only for permissions and categories
// present in v; the calculator where fine-grained tokens exist (see hasCalculator).
func (g *Generator) Pages(v *model.Version, lang string) []Page {
	c := g.ctx(v, lang)
	pages := []Page{c.scopesPage(), c.permissionsPage()}
	for _, p := range c.permissions() {
		pages = append(pages, c.permissionPage(p))
	}
	pages = append(pages, c.endpointsPage())
	for _, cat := range c.categories() {
		pages = append(pages, c.categoryPage(cat))
	}
	pages = append(pages, c.changesPage(), c.migratePage())
	if c.hasCalculator() {
		pages = append(pages, c.calculatorPage())
	}
	return append(pages, c.downloadsPage())
}

// EndpointAnchor is the id of e's section on its category page: its operation id with every
// character other than a-z, 0-9, "_" and "-" replaced by "-", made unique.
func (g *Generator) EndpointAnchor(e *model.Endpoint) string { return g.opAnchor[e] }

// ScopeAnchor is the id of s's section on the scopes page: scope-<id with ":" replaced by "-">.
func (g *Generator) ScopeAnchor(s *model.Scope) string { return g.scopeAnchor[s] }

var unsafeAnchor = regexp.MustCompile(`[^a-z0-9_-]+`)

func anchorSafe(s string) string {
	s = strings.Trim(unsafeAnchor.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if s == "" {
		s = "x"
	}
	return s
}

func unique(used map[string]bool, a string) string {
	base := a
	for i := 2; used[a]; i++ {
		a = base + "-" + strconv.Itoa(i)
	}
	used[a] = true
	return a
}

// ctx is one (version, language) being rendered.
type ctx struct {
	g    *Generator
	m    *model.Model
	v    *model.Version
	vi   int // v's index in m.Versions
	lang string
	// plain turns off links in requirements (for requirements of other versions).
	plain bool
	// txt is the repeated text of the version and language (see text); nil until first used.
	txt *langData
}

func (g *Generator) ctx(v *model.Version, lang string) *ctx {
	return &ctx{g: g, m: g.m, v: v, vi: diff.IndexOf(g.m, v), lang: lang}
}

// T translates a plain message; args are name/value pairs.
func (c *ctx) T(id string, args ...any) string {
	var data map[string]any
	if len(args) > 0 {
		data = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			data[args[i].(string)] = args[i+1]
		}
	}
	return c.g.tr.T(c.lang, id, data)
}

// N translates a plural message.
func (c *ctx) N(id string, count int) string { return c.g.tr.N(c.lang, id, count) }

// URL links to a page of the same version and language.
func (c *ctx) URL(path, anchor string) string { return c.g.opts.URL(c.lang, c.v, path, anchor) }

// VersionName is the version's display name in the ctx's language.
func (c *ctx) VersionName() string { return c.versionName(c.v).S }

// permissions lists the permissions of the version, sorted by id.
func (c *ctx) permissions() []*model.Permission {
	var out []*model.Permission
	for _, p := range c.m.Permissions {
		if p.Versions.Has(c.vi) {
			out = append(out, p)
		}
	}
	return out
}

// scopes lists the scopes of the version, sorted by id.
func (c *ctx) scopes() []*model.Scope {
	var out []*model.Scope
	for _, s := range c.m.Scopes {
		if s.Versions.Has(c.vi) {
			out = append(out, s)
		}
	}
	return out
}

// categories lists the categories with at least one endpoint in the version.
func (c *ctx) categories() []*model.Category { return c.g.versionData(c).cats }

func (c *ctx) endpointsOf(cat *model.Category) []*model.Endpoint {
	var out []*model.Endpoint
	for _, e := range cat.Endpoints {
		if e.Versions.Has(c.vi) {
			out = append(out, e)
		}
	}
	return out
}
