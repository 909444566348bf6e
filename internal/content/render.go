package content

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/markdown"
	"github.com/scoperef/scoperef/internal/model"
)

// Rendered is one page in one version and language.
type Rendered struct {
	Title, ShortTitle string        // ShortTitle is Title when the page has no short title
	Intro             template.HTML // "" when the page has none
	Body              template.HTML
	Headings          []Heading // h2 and h3, in order, for "on this page"
	Lang              string    // language of the page text: the reader's, or "en" on fallback
	Fallback          bool      // the page has no translation: the text is English
	// FallbackParts counts the parts of a translated page shown in English: reusables without a
	// translation (marked <div lang="en">, lang="en" list items, or <span lang="en">), link
	// titles of untranslated pages and an untranslated intro (<span lang="en">).
	FallbackParts int
	// Stale is set when the translation, or a translated reusable it uses, was made from an
	// older English source.
	Stale bool
	Links []Link // internal links, in order
}

// Heading is an entry of a page's "on this page" list.
type Heading struct {
	ID, Text string
	Level    int
}

// Render renders page p for version v in language lang (one of the site's languages). It uses
// the translation into lang when there is one, else the English page (Fallback). It is safe
// for concurrent use. The error lists every problem (they are the ones Load reports).
func (s *Site) Render(p *Page, v *model.Version, lang string) (*Rendered, error) {
	if v != nil {
		if r := p.rendered[renderKey{v.Index, lang}]; r != nil && v.Index < len(s.m.Versions) && s.m.Versions[v.Index] == v {
			return r.clone(), nil
		}
	}
	var diags diag.List
	r, _, err := s.render(p, v, lang, &diags)
	if err != nil {
		return nil, err
	}
	if err := diags.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// clone copies r, so that a caller can change what Render returns without changing the
// copy Load kept.
func (r *Rendered) clone() *Rendered {
	c := *r
	c.Headings = slices.Clone(r.Headings)
	c.Links = slices.Clone(r.Links)
	return &c
}

// renderCtx is the state of one render.
type renderCtx struct {
	s        *Site
	p        *Page
	v        *model.Version
	lang     string // the reader's language: link URLs
	textLang string // the page text's language
	diags    *diag.List
	out      *Rendered
	parses   parses
}

// part is a parsed text of the page (its body or its intro).
type part struct {
	md      *markdown.Doc
	m       srcMap
	regions []markdown.Region
	lang    string // language of the text outside regions
}

func (pt part) langAt(off int) string {
	for _, r := range pt.regions {
		if r.Start <= off && off < r.End {
			return r.Lang
		}
	}
	return pt.lang
}

// render renders p and also returns the ids given to the headings of its text. Problems in the
// text go to diags; err says why the page cannot be rendered at all (a cause Load reports).
func (s *Site) render(p *Page, v *model.Version, lang string, diags *diag.List) (*Rendered, []string, error) {
	return s.renderWith(p, v, lang, diags, nil, nil)
}

// parses keeps the parsed texts of one page's renders, by text and parse options, so that
// versions that give a file the same text parse it once. A render sets every link destination,
// link title, heading id and callout label it uses, so a reused tree renders as a new one would;
// a render that leaves one unset reports an error, and Render renders again in that case. A
// parses belongs to one goroutine. With a ParseCache, a page's parses outlive the Load.
type parses = *parseSet

type parseSet struct {
	docs    map[parseKey]*parsedDoc
	renders map[renderMemoKey]*renderMemo // the page's check renders (memo.go)
	gen     uint32                        // the Load using the set: entries it used carry it
}

type parsedDoc struct {
	doc *markdown.Doc
	gen uint32
}

func newParses() parses { return &parseSet{docs: map[parseKey]*parsedDoc{}} }

type parseKey struct {
	text    string
	cjk     bool
	regions string
}

func (ps *parseSet) parse(md *markdown.Converter, src []byte, opts markdown.ParseOptions) *markdown.Doc {
	if ps == nil {
		return md.Parse(src, opts)
	}
	k := parseKey{text: string(src), cjk: opts.CJK}
	if len(opts.Regions) > 0 {
		k.regions = fmt.Sprint(opts.Regions)
	}
	d := ps.docs[k]
	if d == nil {
		d = &parsedDoc{doc: md.Parse(src, opts)}
		ps.docs[k] = d
	}
	d.gen = ps.gen
	return d.doc
}

// sweep forgets the texts the current Load did not parse and starts the next generation.
func (ps *parseSet) sweep() {
	for k, d := range ps.docs {
		if d.gen != ps.gen {
			delete(ps.docs, k)
		}
	}
	for k, m := range ps.renders {
		if m.gen != ps.gen {
			delete(ps.renders, k)
		}
	}
	ps.gen++
}

// A ParseCache carries the parsed Markdown of each page from one Load to the next, so that a
// Load after an edit parses only the texts that changed (scoperef serve). The parsed trees do
// not depend on anything but the text and the parse options. A ParseCache must not be used by
// two Loads at once; nil parses everything.
type ParseCache struct {
	pages map[string]parses // by page path
}

// NewParseCache returns an empty ParseCache.
func NewParseCache() *ParseCache { return &ParseCache{pages: map[string]parses{}} }

// forPages returns the parses of each page, kept from the previous Load when there is one, and
// drops those of pages that are gone.
func (c *ParseCache) forPages(pages []*Page) []parses {
	out := make([]parses, len(pages))
	if c == nil {
		for i := range out {
			out[i] = newParses()
		}
		return out
	}
	kept := make(map[string]parses, len(pages))
	for i, p := range pages {
		ps := c.pages[p.path]
		if ps == nil {
			ps = newParses()
		}
		out[i], kept[p.path] = ps, ps
	}
	c.pages = kept
	return out
}

// renderWith is render, reusing the parsed texts in ps when it is not nil, and listing the
// reusables the text included in used when it is not nil.
func (s *Site) renderWith(p *Page, v *model.Version, lang string, diags *diag.List, ps parses, used *[]usedReusable) (*Rendered, []string, error) {
	switch {
	case !slices.Contains(s.langs, lang):
		return nil, nil, fmt.Errorf("render /%s: %q is not one of the site's languages", p.path, lang)
	case !p.In(v):
		return nil, nil, fmt.Errorf("render /%s: the page does not exist in %s", p.path, v.Name())
	}
	d, textLang := p.en, "en"
	if t := p.trans[lang]; t != nil {
		d, textLang = t, lang
	}
	if !d.ok || !p.en.ok {
		return nil, nil, fmt.Errorf("render /%s: %s has errors (run scoperef check)", p.path, d.file.name)
	}
	out := &Rendered{Lang: textLang, Fallback: textLang != lang, Stale: d.stale}
	e := s.expand(d, v, textLang, false, diags)
	if used != nil {
		*used = e.used
	}
	if e.broken {
		return nil, nil, fmt.Errorf("render /%s: a reusable it uses has errors (run scoperef check)", p.path)
	}
	out.FallbackParts, out.Stale = e.fallbackParts, out.Stale || e.stale
	rc := &renderCtx{s: s, p: p, v: v, lang: lang, textLang: textLang, diags: diags, out: out, parses: ps}
	body := part{
		md: ps.parse(s.md, e.buf, markdown.ParseOptions{CJK: textLang == "ja", Regions: e.regions}),
		m:  e.m, regions: e.regions, lang: textLang,
	}
	rc.problems(body)
	ids := rc.headings(body)
	rc.links(body)
	rc.callouts(body)
	out.Body = template.HTML(body.md.Render())
	rc.frontMatter(d)
	return out, ids, nil
}

// frontMatter fills the titles and the intro.
func (rc *renderCtx) frontMatter(d *doc) {
	en, out := rc.p.en, rc.out
	out.Title = d.fm.title
	if out.Title == "" {
		out.Title = en.fm.title
	}
	out.ShortTitle = d.fm.shortTitle
	if out.ShortTitle == "" {
		out.ShortTitle = out.Title
	}
	intro, from, lang := d.fm.intro, d, rc.textLang
	if intro == "" && d != en && en.fm.intro != "" {
		intro, from, lang = en.fm.intro, en, "en"
		out.FallbackParts++
	}
	if intro == "" {
		return
	}
	pt := part{md: rc.parses.parse(rc.s.md, []byte(intro), markdown.ParseOptions{CJK: lang == "ja"}),
		m: from.introMap(), lang: lang}
	rc.problems(pt)
	rc.links(pt)
	html := string(pt.md.RenderInline())
	if lang != rc.textLang {
		html = `<span lang="` + lang + `">` + html + `</span>`
	}
	out.Intro = template.HTML(strings.TrimSpace(html))
}

func (rc *renderCtx) problems(pt part) {
	for _, pr := range pt.md.Problems {
		if pr.Warning {
			rc.diags.Warnf(pt.m.pos(pr.Offset), "", "%s", pr.Msg)
		} else {
			rc.diags.Errorf(pt.m.pos(pr.Offset), "", "%s", pr.Msg)
		}
	}
}

var idPattern = regexp.MustCompile(`^[a-z0-9_][a-z0-9_-]*$`)

// headings gives every heading its id: for English text its {#id} or one derived from its text;
// for a translation the id of the English heading at the same place, so anchors are the same in
// every language. Duplicate ids are errors.
func (rc *renderCtx) headings(pt part) []string {
	var enIDs []string
	if rc.textLang != "en" {
		enIDs = rc.p.enIDs[rc.v.Index]
	}
	seen := map[string]diag.Pos{}
	ids := make([]string, 0, len(pt.md.Headings))
	for i, h := range pt.md.Headings {
		pos := pt.m.pos(h.Offset)
		if h.ID != "" && !idPattern.MatchString(h.ID) {
			rc.diags.Errorf(pos, "", "heading id {#%s}: use lower-case letters, digits, \"-\" and \"_\"", h.ID)
		}
		id := h.ID
		switch {
		case rc.textLang != "en" && i < len(enIDs):
			if h.ID != "" && h.ID != enIDs[i] {
				rc.diags.Errorf(pos, "", "heading id {#%s} differs from the English source's {#%s} at the same place", h.ID, enIDs[i])
			}
			id = enIDs[i]
		case rc.textLang != "en":
			rc.diags.Errorf(pos, "", "heading %q has no counterpart in the English source, which has %d headings in %s", h.Text, len(enIDs), rc.v.Name())
		}
		if id == "" {
			id = slug(h.Text)
		}
		if id == "" {
			rc.diags.Errorf(pos, "", "heading %q gives no id: add an explicit {#id}", h.Text)
			id = "section"
		}
		if first, dup := seen[id]; dup {
			rc.diags.Errorf(pos, "", "duplicate heading id %q (first at %s)", id, first)
		} else {
			seen[id] = pos
		}
		h.SetID(id)
		ids = append(ids, id)
		if h.Level == 2 || h.Level == 3 {
			rc.out.Headings = append(rc.out.Headings, Heading{ID: id, Text: h.Text, Level: h.Level})
		}
	}
	if rc.textLang != "en" && len(ids) < len(enIDs) && !pt.md.Skipped { // a skipped text has no headings
		rc.diags.Errorf(diag.Pos{File: rc.p.trans[rc.textLang].file.name, Line: 1, Col: 1}, "",
			"the translation has %d headings where the English source has %d in %s", len(ids), len(enIDs), rc.v.Name())
	}
	return ids
}

// slug derives an id from an English heading: lower-case ASCII letters, digits, "-" and "_",
// spaces turned into "-", everything else left out ("Personal access tokens (classic)" gives
// "personal-access-tokens-classic").
func slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// links checks every link, rewrites internal ones to the reader's language and version, fills
// AUTOTITLE texts, and lists internal links.
func (rc *renderCtx) links(pt part) {
	s := rc.s
	for _, l := range pt.md.Links {
		pos := pt.m.pos(l.Offset)
		t, err := classify(l.Dest)
		switch {
		case err != nil:
			rc.diags.Errorf(pos, "", "%v", err)
			continue
		case l.Image:
			rc.diags.Errorf(pos, "", "images are not supported: the site loads nothing from elsewhere and has no image files")
			continue
		case l.AutoTitle && t.kind != linkPage:
			rc.diags.Errorf(pos, "", "[AUTOTITLE] needs a link to a page of this site, e.g. [AUTOTITLE](/reference/scopes)")
			continue
		}
		switch t.kind {
		case linkAnchor:
			rc.out.Links = append(rc.out.Links, Link{Path: rc.p.path, Anchor: t.anchor, Pos: pos})
		case linkPage:
			target, ok := s.byPath[t.path]
			if !ok {
				if to := s.redirects[t.path]; to != nil {
					rc.diags.Errorf(pos, "", "link to /%s, an old path of /%s: link to /%s", t.path, to.path, to.path)
				} else {
					rc.diags.Errorf(pos, "", "link to /%s: no such page%s", t.path, suggest(t.path, s.paths()))
				}
				continue
			}
			if !target.In(rc.v) {
				rc.diags.Errorf(pos, "", "link to /%s: the page does not exist in %s", t.path, rc.v.Name())
				continue
			}
			l.SetDest(URL(rc.lang, rc.v, t.path, t.anchor))
			if l.AutoTitle {
				lang := pt.langAt(l.Offset)
				title, fellBack := s.title(target, lang)
				wrap := ""
				if fellBack {
					wrap = "en"
					rc.out.FallbackParts++
				}
				l.SetText(title, wrap)
			}
			rc.out.Links = append(rc.out.Links, Link{Path: t.path, Anchor: t.anchor, Pos: pos})
		}
	}
}

// callouts sets each callout's label in the language of the text around it.
func (rc *renderCtx) callouts(pt part) {
	for _, c := range pt.md.Callouts {
		c.SetLabel(rc.s.label(pt.langAt(c.Offset), c.Kind))
	}
}

func (s *Site) paths() []string {
	out := make([]string, len(s.pages))
	for i, p := range s.pages {
		out[i] = p.path
	}
	return out
}

// introMap maps the intro's text to the file: character by character when the YAML value is
// written as is on one line, else to the value's start.
func (d *doc) introMap() srcMap {
	pos, f := d.fm.introPos, d.file
	if pos.Line >= 1 && pos.Line <= len(f.lines) {
		off := f.lines[pos.Line-1]
		for i := 1; i < pos.Col && off < len(f.data); i++ {
			_, size := utf8.DecodeRune(f.data[off:])
			off += size
		}
		if bytes.HasPrefix(f.data[off:], []byte(d.fm.intro)) {
			return srcMap{{file: f, off: off - f.body}}
		}
	}
	return srcMap{{fixed: pos}}
}
