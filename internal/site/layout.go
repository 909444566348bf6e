package site

import (
	"html"
	"html/template"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/model"
)

// parseTemplates parses layouts/*.html and partials/*.html with the template functions.
func (b *builder) parseTemplates() (*template.Template, error) {
	funcs := template.FuncMap{
		// t returns a UI string as HTML, wrapped in <span lang="en"> when it fell back to English.
		"t": func(lang, id string, args ...any) template.HTML { return textHTML(b.cat.T(lang, id, args...)) },
		// tn is t for a plural message.
		"tn": func(lang, id string, n int, args ...any) template.HTML {
			return textHTML(b.cat.N(lang, id, n, args...))
		},
		// ts returns a UI string as plain text, for attributes and <title>.
		"ts":       func(lang, id string, args ...any) string { return b.cat.T(lang, id, args...).S },
		"asset":    b.assets.URL,
		"langname": i18n.NativeName,
		// plain turns HTML into text, for attributes such as the meta description.
		"plain": plainText,
		"memo":  b.memo,
	}
	return template.New("").Funcs(funcs).ParseFS(b.opts.Templates, "layouts/*.html", "partials/*.html")
}

// plainText drops the tags of an HTML fragment and decodes its character references.
func plainText(h template.HTML) string {
	s := string(h)
	if isPlain(s) {
		return s // most headings and intros: nothing to drop, decode or collapse
	}
	if !utf8.ValidString(s) {
		return plainTextRunes(s)
	}
	// What is left once the tags are dropped often needs nothing more (a heading such as
	// <code>repo</code>).
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break // an unclosed tag runs to the end
		}
		s = s[i+j+1:]
	}
	text := b.String()
	if isPlain(text) {
		return text
	}
	return strings.Join(strings.Fields(html.UnescapeString(text)), " ")
}

// plainTextRunes is plainText code point by code point: what it gives for any input, invalid
// UTF-8 included (each bad byte becomes U+FFFD).
func plainTextRunes(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// isPlain reports whether s is already its own plainText: no tag, no character reference, and
// no whitespace but single spaces between words.
func isPlain(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			// strings.Fields also splits at Unicode spaces (U+00A0, U+3000...).
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || r == utf8.RuneError {
				return false
			}
			i += n
			continue
		}
		if c == '<' || c == '&' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ' ' && s[i+1] == ' ' {
			return false
		}
		i++
	}
	return true
}

func textHTML(t i18n.Text) template.HTML {
	s := template.HTMLEscapeString(t.S)
	if t.Fallback {
		return template.HTML(`<span lang="en">` + s + `</span>`)
	}
	return template.HTML(s)
}

// uiIDs are the interface strings the layouts use without placeholders; pageView.UI holds them
// as HTML (t's output) and pageView.UIText as plain text (ts's output), so that the layouts read
// a field instead of calling a function on every page.
var uiIDs = []string{
	"SiteName", "SkipToContent", "MainMenu", "SiteNavigation", "LanguagePicker", "VersionPicker",
	"VersionUnavailable", "Breadcrumb", "OnThisPage", "ReadInEnglish", "FooterAbout", "BackToTop",
	"SearchLabel", "SearchLoading", "SearchNoResults", "SearchError",
}

// uiTable is the layouts' interface strings in one language.
type uiTable struct {
	HTML map[string]template.HTML
	Text map[string]string
	// Result and Results are the search form's result counts (searchView).
	Result, Results string
}

func (b *builder) uiTables() ([]uiTable, error) {
	tables := make([]uiTable, len(b.langs))
	for li, lang := range b.langs {
		t := uiTable{HTML: map[string]template.HTML{}, Text: map[string]string{}}
		for _, id := range uiIDs {
			txt := b.cat.T(lang, id)
			t.HTML[id], t.Text[id] = textHTML(txt), txt.S
		}
		var err error
		if t.Result, t.Results, err = b.resultCounts(lang); err != nil {
			return nil, err
		}
		tables[li] = t
	}
	return tables, nil
}

// pageView is the data of the "page" layout.
type pageView struct {
	// Site is the part of the view that is the same on every page of the version and language:
	// a layout passes it to memo.
	Site *siteView
	// UI and UIText are the layouts' interface strings (uiIDs) in the reader's language.
	UI       map[string]template.HTML
	UIText   map[string]string
	Lang     string
	Path     string
	Page     *Page
	TextLang string // the page text's language when it differs from Lang ("en" for fallback)
	DocTitle string
	HomeURL  string
	Version  versionChoice
	Versions []versionChoice
	Langs    []langChoice
	// Alternates are the hreflang links, x-default last.
	Alternates []alternate
	Canonical  string
	Crumbs     []navEntry
	// Nav is the page list: the top-level pages, and the pages under each page above the current
	// one (a tree that opens along the current page's path), as <li> elements.
	Nav template.HTML
	// TOC is the on-this-page list (h2 and h3) as <li> elements; empty when the page has none.
	TOC template.HTML
	// VersionMenu and LangMenu are the pickers' entries (Versions, Langs) as <li> elements, and
	// AlternateLinks the hreflang <link> elements (Alternates): built in Go, as html/template
	// spent more time on these few lists than on the rest of the page.
	VersionMenu, LangMenu, AlternateLinks template.HTML
	// CrumbList is the breadcrumb's entries (Crumbs) as <li> elements, the current page's
	// marked aria-current.
	CrumbList template.HTML
	Banner    *banner
	Notice    *notice
	// Search is the search form's index and messages.
	Search searchView
}

type versionChoice struct {
	Name     string // dotcom, ghes-3.19
	Label    string // GitHub Enterprise Server 3.19
	Status   string // "", "release candidate", "discontinued" in the reader's language
	URL      string // the same page in that version; "" when it does not exist there
	Current  bool
	Disabled bool
}

type langChoice struct {
	Lang, Name, URL string
	Current         bool
}

type alternate struct{ Hreflang, URL string }

// navEntry is a page in the navigation list or the breadcrumb.
type navEntry struct {
	Path, Title, URL string
	Lang             string // the title's language when it differs from the reader's
	Depth            int
	Parent           string // the path of the nearest page above it
	// The entry's HTML in the page list, made once by buildNavs: head up to the link's
	// attributes, and tail from after them; aria-current goes between on its own page.
	head, tail string
}

type banner struct {
	Kind     string // "rc" or "deprecated"
	Text     string
	LinkText string
	LinkURL  string
}

type notice struct {
	Kind       string // "fallback", "partial" or "stale"
	Text       []string
	EnglishURL string
}

// versionLabel is a version's display name: "GitHub.com", "GitHub Enterprise Server 3.19".
func versionLabel(v *model.Version) string {
	if v.Release.IsZero() {
		return v.Product.Name
	}
	return v.Product.Name + " " + v.Release.String()
}

func (b *builder) pageView(vi, li int, path string) *pageView {
	v, lang, p := b.versions[vi], b.langs[li], b.pages[vi][li][path]
	// The shared fields are copied rather than reached through an embedded *siteView:
	// html/template allocates on every field it reads through an embedded pointer (88k more
	// allocations a build, measured with BenchmarkRender).
	site := b.sites[vi][li]
	view := &pageView{
		Site: site, UI: site.UI, UIText: site.UIText,
		Lang: lang, Path: path, Page: p,
		HomeURL:   site.HomeURL,
		Canonical: b.base + URL(lang, v, path, ""),
		Nav:       b.navHTML(b.navs[vi][li], path),
		Banner:    b.banner(vi, li, path),
		Search:    site.Search,
	}
	if p.Lang != "" && p.Lang != lang {
		view.TextLang = p.Lang
	}
	view.DocTitle = p.Title + " - " + b.cat.T(lang, "SiteName").S
	if path == "" {
		view.DocTitle = p.Title
	}
	for pi, pv := range b.picker {
		pvi := b.pickerIndex[pi]
		c := b.choices[li][pi]
		c.Current = pv == v
		if b.pages[pvi][li][path] != nil {
			c.URL = URL(lang, pv, path, "")
		} else {
			c.Disabled = true
		}
		if c.Current {
			view.Version = c
		}
		view.Versions = append(view.Versions, c)
	}
	for _, l := range b.langs {
		u := URL(l, v, path, "")
		view.Langs = append(view.Langs, langChoice{Lang: l, Name: i18n.NativeName(l), URL: u, Current: l == lang})
		view.Alternates = append(view.Alternates, alternate{l, b.base + u})
	}
	view.Alternates = append(view.Alternates, alternate{"x-default", b.base + URL(i18n.Source, v, path, "")})
	for a, ok := parent(path); ok; a, ok = parent(a) {
		if e, found := b.navEntry(vi, li, a); found {
			view.Crumbs = append([]navEntry{e}, view.Crumbs...)
		}
	}
	if len(view.Crumbs) > 0 {
		if e, found := b.navEntry(vi, li, path); found {
			view.Crumbs = append(view.Crumbs, e)
		}
	}
	view.TOC = tocHTML(p.Headings)
	view.VersionMenu = versionMenu(view.Versions, view.UI["VersionUnavailable"])
	view.LangMenu = langMenu(view.Langs)
	view.AlternateLinks = alternateLinks(view.Alternates)
	view.CrumbList = crumbList(view.Crumbs, path)
	view.Notice = b.notice(v, lang, path, p)
	return view
}

// The picker, breadcrumb and alternate-link fragments below are made for every page: each
// writes its pieces straight into one builder, grown once.

// versionMenu renders the version picker's entries. unavailable is the note on versions
// without the page.
func versionMenu(cs []versionChoice, unavailable template.HTML) template.HTML {
	var sb strings.Builder
	sb.Grow(160 * len(cs))
	for _, c := range cs {
		sb.WriteString("<li>")
		if c.Disabled && !c.Current {
			sb.WriteString(`<span class="disabled" aria-disabled="true">`)
		} else {
			sb.WriteString(`<a href="`)
			sb.WriteString(template.HTMLEscapeString(c.URL))
			if c.Current {
				sb.WriteString(`" aria-current="page">`)
			} else {
				sb.WriteString(`">`)
			}
		}
		sb.WriteString(template.HTMLEscapeString(c.Label))
		if c.Status != "" {
			sb.WriteString(` <span class="badge">`)
			sb.WriteString(template.HTMLEscapeString(c.Status))
			sb.WriteString(`</span>`)
		}
		if c.Disabled && !c.Current {
			sb.WriteString(`<span class="unavailable">`)
			sb.WriteString(string(unavailable))
			sb.WriteString("</span></span>")
		} else {
			sb.WriteString("</a>")
		}
		sb.WriteString("</li>\n")
	}
	return template.HTML(sb.String())
}

// langMenu renders the language picker's entries, each link in its own language.
func langMenu(ls []langChoice) template.HTML {
	var sb strings.Builder
	sb.Grow(128 * len(ls))
	for _, l := range ls {
		lang := template.HTMLEscapeString(l.Lang)
		sb.WriteString(`<li><a href="`)
		sb.WriteString(template.HTMLEscapeString(l.URL))
		sb.WriteString(`" hreflang="`)
		sb.WriteString(lang)
		sb.WriteString(`" lang="`)
		sb.WriteString(lang)
		sb.WriteString(`"`)
		if l.Current {
			sb.WriteString(` aria-current="page"`)
		}
		sb.WriteString(">")
		sb.WriteString(template.HTMLEscapeString(l.Name))
		sb.WriteString("</a></li>\n")
	}
	return template.HTML(sb.String())
}

// crumbList renders the breadcrumb's entries; current is the page's path.
func crumbList(cs []navEntry, current string) template.HTML {
	var sb strings.Builder
	sb.Grow(128 * len(cs))
	for _, c := range cs {
		sb.WriteString(`<li><a href="`)
		sb.WriteString(template.HTMLEscapeString(c.URL))
		sb.WriteString(`"`)
		if c.Path == current {
			sb.WriteString(` aria-current="page"`)
		}
		if c.Lang != "" {
			sb.WriteString(` lang="`)
			sb.WriteString(template.HTMLEscapeString(c.Lang))
			sb.WriteString(`"`)
		}
		sb.WriteString(">")
		sb.WriteString(template.HTMLEscapeString(c.Title))
		sb.WriteString("</a></li>\n")
	}
	return template.HTML(sb.String())
}

// alternateLinks renders the hreflang alternates as <link> elements.
func alternateLinks(as []alternate) template.HTML {
	var sb strings.Builder
	sb.Grow(128 * len(as))
	for _, a := range as {
		sb.WriteString(`<link rel="alternate" hreflang="`)
		sb.WriteString(template.HTMLEscapeString(a.Hreflang))
		sb.WriteString(`" href="`)
		sb.WriteString(template.HTMLEscapeString(a.URL))
		sb.WriteString("\">\n")
	}
	return template.HTML(sb.String())
}

func (b *builder) versionIndex(v *model.Version) int {
	for i, x := range b.versions {
		if x == v {
			return i
		}
	}
	panic("site: version not built: " + v.Name())
}

// status is the version-picker note for v.
func (b *builder) status(v *model.Version, lang string) string {
	switch v.Status {
	case model.ReleaseCandidate:
		return b.cat.T(lang, "StatusReleaseCandidate").S
	case model.Deprecated:
		return b.cat.T(lang, "StatusDeprecated").S
	}
	return ""
}

// banners makes the release-candidate or discontinued banner of every version in every
// language (nil for other versions); banner completes it for a page.
func (b *builder) banners() [][]*banner {
	out := make([][]*banner, len(b.versions))
	for vi, v := range b.versions {
		out[vi] = make([]*banner, len(b.langs))
		for li, lang := range b.langs {
			switch v.Status {
			case model.ReleaseCandidate:
				out[vi][li] = &banner{Kind: "rc", Text: b.cat.T(lang, "BannerReleaseCandidate", "Version", versionLabel(v)).S}
			case model.Deprecated:
				bn := &banner{Kind: "deprecated", Text: b.cat.T(lang, "BannerDiscontinued",
					"Product", versionLabel(v), "Date", b.cat.Date(lang, v.Deprecation)).S}
				if latest := b.latest(v.Product); latest != nil {
					bn.LinkText = b.cat.T(lang, "BannerLatest", "Version", versionLabel(latest)).S
				}
				out[vi][li] = bn
			}
		}
	}
	return out
}

// banner returns the banner of a page, linking a discontinued version's page to the same page
// in the newest release (or that release's home page when the page does not exist there).
func (b *builder) banner(vi, li int, path string) *banner {
	bn := b.bannerOf[vi][li]
	if bn == nil || bn.LinkText == "" {
		return bn
	}
	latest := b.latest(b.versions[vi].Product)
	target := path
	if b.pages[b.versionIndex(latest)][li][path] == nil {
		target = ""
	}
	c := *bn
	c.LinkURL = URL(b.langs[li], latest, target, "")
	return &c
}

// versionChoices makes the version-picker entries of every language, in picker order, without
// the page-dependent URL and Current fields.
func (b *builder) versionChoices() [][]versionChoice {
	b.pickerIndex = make([]int, len(b.picker))
	for pi, pv := range b.picker {
		b.pickerIndex[pi] = b.versionIndex(pv)
	}
	out := make([][]versionChoice, len(b.langs))
	for li, lang := range b.langs {
		for _, pv := range b.picker {
			out[li] = append(out[li], versionChoice{Name: pv.Name(), Label: versionLabel(pv), Status: b.status(pv, lang)})
		}
	}
	return out
}

// latest returns the newest supported built release of product p, or nil.
func (b *builder) latest(p *model.Product) *model.Version {
	var best *model.Version
	for _, v := range b.versions {
		if v.Product == p && v.Status == model.Supported && (best == nil || v.Release.Compare(best.Release) > 0) {
			best = v
		}
	}
	return best
}

func (b *builder) langIndex(lang string) int {
	for i, l := range b.langs {
		if l == lang {
			return i
		}
	}
	return 0
}

// notice tells readers of a translation that some of it is English or out of date.
func (b *builder) notice(v *model.Version, lang, path string, p *Page) *notice {
	if lang == i18n.Source {
		return nil
	}
	n := &notice{EnglishURL: URL(i18n.Source, v, path, "")}
	switch {
	case p.Fallback:
		n.Kind = "fallback"
		n.Text = append(n.Text, b.cat.T(lang, "NoticeFallback").S)
	case p.FallbackParts > 0:
		n.Kind = "partial"
		n.Text = append(n.Text, b.cat.T(lang, "NoticePartial").S)
	}
	if p.Stale {
		if n.Kind == "" {
			n.Kind = "stale"
		}
		n.Text = append(n.Text, b.cat.T(lang, "NoticeStale").S)
	}
	if n.Kind == "" {
		return nil
	}
	return n
}

// buildNavs makes the navigation list of every version in language li: every page, in tree
// order, indented under the nearest page above it.
func (b *builder) buildNavs(li int) {
	for vi := range b.versions {
		var nav []navEntry
		for _, path := range b.paths {
			if e, ok := b.navEntry(vi, li, path); ok {
				e.Parent = "\x00"
				for a, ok := parent(path); ok; a, ok = parent(a) {
					if b.pages[vi][li][a] != nil {
						if e.Parent == "\x00" {
							e.Parent = a
						}
						e.Depth++
					}
				}
				e.head = `<li class="nav-d` + strconv.Itoa(e.Depth) + `"><a href="` + template.HTMLEscapeString(e.URL) + `"`
				if e.Lang != "" {
					e.tail = ` lang="` + template.HTMLEscapeString(e.Lang) + `"`
				}
				e.tail += ">" + template.HTMLEscapeString(e.Title) + "</a></li>\n"
				nav = append(nav, e)
			}
		}
		b.navs[vi][li] = nav
	}
}

// navHTML renders the page list for the page at current: entries of depth 0 and 1, and every
// entry whose parent is current or above it.
func (b *builder) navHTML(nav []navEntry, current string) template.HTML {
	const currentAttr = ` aria-current="page"`
	shown := func(e *navEntry) bool { return e.Depth <= 1 || isAncestorOrSelf(e.Parent, current) }
	size := len(currentAttr)
	for i := range nav {
		if e := &nav[i]; shown(e) {
			size += len(e.head) + len(e.tail)
		}
	}
	var sb strings.Builder
	sb.Grow(size)
	for i := range nav {
		e := &nav[i]
		if !shown(e) {
			continue
		}
		sb.WriteString(e.head)
		if e.Path == current {
			sb.WriteString(currentAttr)
		}
		sb.WriteString(e.tail)
	}
	return template.HTML(sb.String())
}

// tocHTML renders the h2 and h3 headings as the items of the on-this-page list. It is built in
// Go rather than in the layout because reference pages have hundreds of headings.
func tocHTML(hs []Heading) template.HTML {
	var sb strings.Builder
	for _, h := range hs {
		if h.Level != 2 && h.Level != 3 {
			continue
		}
		sb.WriteString(`<li class="toc-l`)
		sb.WriteByte(byte('0' + h.Level))
		sb.WriteString(`"><a href="#`)
		sb.WriteString(template.HTMLEscapeString(h.ID))
		sb.WriteByte('"')
		if h.Lang != "" {
			sb.WriteString(` lang="`)
			sb.WriteString(template.HTMLEscapeString(h.Lang))
			sb.WriteByte('"')
		}
		sb.WriteByte('>')
		sb.WriteString(template.HTMLEscapeString(h.Text))
		sb.WriteString("</a></li>\n")
	}
	return template.HTML(sb.String())
}

// isAncestorOrSelf reports whether the page at a is p or above it.
func isAncestorOrSelf(a, p string) bool {
	return a == "" || strings.HasPrefix(p, a) && (len(p) == len(a) || p[len(a)] == '/')
}

func (b *builder) navEntry(vi, li int, path string) (navEntry, bool) {
	p := b.pages[vi][li][path]
	if p == nil {
		return navEntry{}, false
	}
	e := navEntry{Path: path, Title: cmpOr(p.ShortTitle, p.Title), URL: URL(b.langs[li], b.versions[vi], path, "")}
	if p.Lang != "" && p.Lang != b.langs[li] {
		e.Lang = p.Lang
	}
	return e, true
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
