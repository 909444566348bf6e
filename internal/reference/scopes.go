package reference

import (
	"html/template"
	"slices"

	"github.com/scoperef/scoperef/internal/model"
)

// writeEndpointList writes links to endpoints as <ul class="endpoint-list">, an item per line.
func (c *ctx) writeEndpointList(b *htmlw, eps []*model.Endpoint, l *langData) {
	b.raw(`<ul class="endpoint-list">`)
	for _, e := range eps {
		x := c.g.endpointText(e)
		b.raws("\n<li><a href=\"", l.endpointHref(c, e), "\"><code>", x.method, " ", x.path, "</code></a> ", x.summaryIn(c), "</li>")
	}
	b.raw("\n</ul>")
}

// children returns s's children present in the version, sorted by id.
func (c *ctx) children(s *model.Scope) []*model.Scope {
	if out, ok := c.g.versionData(c).children[s]; ok {
		return out
	}
	return c.scopesIn(s.Children)
}

// parents returns s's parents present in the version, sorted by id.
func (c *ctx) parents(s *model.Scope) []*model.Scope {
	if out, ok := c.g.versionData(c).parents[s]; ok {
		return out
	}
	return c.scopesIn(s.Parents)
}

// closure returns the scopes held by a token with the given scopes: them and every scope they
// imply, within the version.
func (c *ctx) closure(scopes []*model.Scope) map[*model.Scope]bool {
	held := map[*model.Scope]bool{}
	var walk func(*model.Scope)
	walk = func(s *model.Scope) {
		if held[s] || !s.Versions.Has(c.vi) {
			return
		}
		held[s] = true
		for _, x := range s.Children {
			walk(x)
		}
	}
	for _, s := range scopes {
		walk(s)
	}
	return held
}

// opens reports whether held scopes satisfy a non-empty alternative of r's classic requirement
// for private and for public resources. Public resources that need no scope are not "opened" by
// any scope.
func opens(held map[*model.Scope]bool, r *model.Variant) (private, public bool) {
	if !r.Classic.Accepted {
		return false, false
	}
	return satisfied(held, r.Classic.Private), satisfied(held, r.Classic.Public) && !needsNone(r.Classic.Public)
}

func satisfied(held map[*model.Scope]bool, sets [][]*model.Scope) bool {
	for _, set := range sets {
		if len(set) > 0 && !slices.ContainsFunc(set, func(s *model.Scope) bool { return !held[s] }) {
			return true
		}
	}
	return false
}

func needsNone(sets [][]*model.Scope) bool {
	return len(sets) == 0 || slices.ContainsFunc(sets, func(set []*model.Scope) bool { return len(set) == 0 })
}

// acceptedBy lists the endpoints of the version that a token holding only s can call.
func (c *ctx) acceptedBy(s *model.Scope) []*model.Endpoint { return c.g.versionData(c).accepted[s] }

// computeAccepted returns, for every scope of the version with at least one, the endpoints of
// eps (the version's, in model order) that a token holding only that scope can call: those it
// opens (see opens), in model order.
//
// Rather than testing every endpoint against every scope, it goes from each endpoint's
// alternatives to the scopes that hold them: a scope holds a set when its closure holds every
// member, so it is among the holders of the set's first member.
func (c *ctx) computeAccepted(scopes []*model.Scope, eps []*model.Endpoint) map[*model.Scope][]*model.Endpoint {
	held := make(map[*model.Scope]map[*model.Scope]bool, len(scopes))
	holders := map[*model.Scope][]*model.Scope{} // x -> the scopes whose closure holds x
	for _, s := range scopes {
		held[s] = c.closure([]*model.Scope{s})
		for x := range held[s] {
			holders[x] = append(holders[x], s)
		}
	}
	out := make(map[*model.Scope][]*model.Endpoint, len(scopes))
	opened := map[*model.Scope]bool{} // the scopes that open the endpoint at hand
	open := func(sets [][]*model.Scope) {
		for _, set := range sets {
			if len(set) == 0 {
				continue
			}
			for _, s := range holders[set[0]] {
				if !opened[s] && !slices.ContainsFunc(set, func(x *model.Scope) bool { return !held[s][x] }) {
					opened[s] = true
				}
			}
		}
	}
	for _, e := range eps {
		r := e.Requirement(c.vi)
		if !r.Classic.Accepted {
			continue
		}
		clear(opened)
		open(r.Classic.Private)
		if !needsNone(r.Classic.Public) {
			open(r.Classic.Public)
		}
		for s := range opened {
			out[s] = append(out[s], e) // eps is walked in order: each list stays in model order
		}
	}
	return out
}

func (c *ctx) scopesPage() Page {
	d, l := c.g.versionData(c), c.text()
	if len(d.scopes) == 0 {
		return Page{Path: "reference/scopes", Title: c.T("reference.scopes.title"), Body: "<p>" + template.HTML(textString(c.t("reference.scopes.none"))) + "</p>"}
	}
	b := c.page("reference/scopes")
	b.raw(`<h2 id="hierarchy">`)
	b.text(c.t("reference.scopes.hierarchy"))
	b.raw("</h2>\n<p>")
	b.text(c.t("reference.scopes.hierarchy_intro"))
	b.raw("</p>\n")
	var tree func(list []*model.Scope)
	tree = func(list []*model.Scope) {
		b.raw(`<ul class="scope-tree">`)
		for _, s := range list {
			b.raw("\n<li><a href=\"")
			b.url("#" + c.g.ScopeAnchor(s))
			b.raw(`"><code>`)
			b.text(s.ID)
			b.raw("</code></a> ")
			b.textHTML(c.scopeTitle(s))
			if children := d.children[s]; len(children) > 0 {
				tree(children)
			}
			b.raw("</li>")
		}
		b.raw("\n</ul>")
	}
	var roots []*model.Scope
	var example []string
	for _, s := range d.scopes {
		if parents := d.parents[s]; len(parents) == 0 {
			roots = append(roots, s)
		} else if example == nil {
			example = []string{parents[0].ID, s.ID}
		}
	}
	tree(roots)
	b.raw("\n<h2 id=\"normalisation\">")
	b.text(c.t("reference.scopes.normalisation"))
	b.raw("</h2>\n<p>")
	b.text(c.t("reference.scopes.normalisation_text"))
	if example != nil {
		b.raw(" ")
		b.text(c.T("reference.scopes.normalisation_example", "Parent", example[0], "Child", example[1]))
	}
	b.raw("</p>\n<h2 id=\"all-scopes\">")
	b.text(c.t("reference.scopes.all"))
	b.raw("</h2>\n")
	impliedBy, implies := textString(c.t("reference.scopes.implied_by")), textString(c.t("reference.scopes.implies"))
	acceptedBy := textString(c.t("reference.scopes.accepted_by"))
	records := make([]SearchRecord, 0, len(d.scopes))
	for _, s := range d.scopes {
		anchor, title := c.g.ScopeAnchor(s), c.scopeTitle(s)
		b.raw(`<section class="scope" aria-labelledby="`)
		b.text(anchor)
		b.raw("\">\n<h3 id=\"")
		b.text(anchor)
		b.raw(`"><code>`)
		b.text(s.ID)
		b.raw("</code></h3>\n<p class=\"scope-title\">")
		b.textHTML(title)
		b.raw("</p>")
		c.writeMarkdownField(b, "scopes", s.ID, s.Description)
		if note := c.versionNote(s.Versions); note != "" {
			b.raw("\n<p class=\"version-note\">")
			b.text(note)
			b.raw("</p>")
		}
		b.raw("\n<dl>")
		for _, rel := range []struct {
			term   string
			scopes []*model.Scope
		}{{impliedBy, d.parents[s]}, {implies, d.children[s]}} {
			if len(rel.scopes) == 0 {
				continue
			}
			b.raws("\n<dt>", rel.term, "</dt>\n<dd>")
			for i, x := range rel.scopes {
				if i > 0 {
					b.raw(", ")
				}
				b.raw(c.scopeHTML(x, l))
			}
			b.raw("</dd>")
		}
		b.raws("\n<dt>", acceptedBy, "</dt>\n<dd>")
		eps := d.accepted[s]
		count := c.n("reference.count.endpoints", len(eps))
		if len(eps) > 0 {
			b.raw("<details><summary>")
			b.text(count)
			b.raw("</summary>\n")
			c.writeEndpointList(b, eps, l)
			b.raw("\n</details>")
		} else {
			b.text(count)
		}
		b.raw("</dd>\n</dl>\n</section>\n")
		records = append(records, SearchRecord{Anchor: anchor, Title: s.ID + " — " + title.S,
			Text: joinText(title.S, c.data("scopes", s.ID, "description", s.Description).S)})
	}
	return Page{Path: "reference/scopes", Title: c.T("reference.scopes.title"), Body: b.html(), Records: records}
}
