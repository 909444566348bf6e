package reference

import (
	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

// pair is two versions compared on the changes page.
type pair struct{ From, To *model.Version }

func (p pair) anchor() string {
	return "changes-" + anchorSafe(p.From.Name()) + "-to-" + anchorSafe(p.To.Name())
}

// releasePairs returns each pair of consecutive built releases of product p, up to and including
// version upTo when it is not nil, newest first.
func (g *Generator) releasePairs(p *model.Product, upTo *model.Version) []pair {
	var built []*model.Version
	for _, v := range g.m.Built() {
		if v.Product == p && !v.Release.IsZero() {
			built = append(built, v)
			if v == upTo {
				break
			}
		}
	}
	var out []pair
	for i := len(built) - 1; i > 0; i-- {
		out = append(out, pair{built[i-1], built[i]})
	}
	return out
}

// pairs returns what the changes page of the version compares: for a product with releases,
// each consecutive pair of its releases up to this one; for a product without releases, the
// newest built version of every other product against this version.
func (c *ctx) pairs() []pair {
	if !c.v.Release.IsZero() {
		return c.g.releasePairs(c.v.Product, c.v)
	}
	var out []pair
	for _, p := range c.m.Products {
		if p == c.v.Product {
			continue
		}
		var newest *model.Version
		for _, v := range c.m.Built() {
			if v.Product == p {
				newest = v
			}
		}
		if newest != nil {
			out = append(out, pair{newest, c.v})
		}
	}
	return out
}

// writeChangedEndpoint writes an endpoint's route, linked when it exists in the page's version,
// and its operation id.
func (c *ctx) writeChangedEndpoint(b *htmlw, e diff.Endpoint, l *langData) {
	x := c.g.endpointText(e.Model)
	linked := e.Model.Versions.Has(c.vi)
	if linked {
		b.raws(`<a href="`, l.endpointHref(c, e.Model), `">`)
	}
	b.raws("<code>", x.method, " ", x.path, "</code>")
	if linked {
		b.raw("</a>")
	}
	b.raws(" <code>", x.op, "</code>")
}

// writeChangedEndpoints lists endpoints added or removed.
func (c *ctx) writeChangedEndpoints(b *htmlw, list []diff.Endpoint, l *langData) {
	b.raw(`<ul class="endpoint-list">`)
	for _, e := range list {
		b.raw("\n<li>")
		c.writeChangedEndpoint(b, e, l)
		b.raw("</li>")
	}
	b.raw("\n</ul>")
}

// writeChangedIDs lists permissions or scopes added or removed.
func (b *htmlw) writeChangedIDs(list []changedID) {
	b.raw("<ul>")
	for _, x := range list {
		b.raw("\n<li>")
		if x.Href != "" {
			b.raw(`<a href="`)
			b.esc(x.Href)
			b.raw(`">`)
		}
		b.raw("<code>")
		b.esc(x.ID)
		b.raw("</code>")
		if x.Href != "" {
			b.raw("</a>")
		}
		b.raw(" ")
		b.textHTML(x.Title)
		b.raw("</li>")
	}
	b.raw("\n</ul>")
}

type changedID struct {
	ID, Href string
	Title    Text
}

func (c *ctx) changesPage() Page {
	l := c.text()
	plain := *c
	plain.plain = true // requirements of other versions may name what this version lacks: no links
	b := c.page("reference/changes")
	intro := c.t("reference.changes.intro_releases")
	if c.v.Release.IsZero() {
		intro = c.T("reference.changes.intro_products", "Version", c.versionName(c.v).S)
	}
	b.raw("<p>")
	b.text(intro)
	b.raw("</p>\n<p class=\"feed\"><a href=\"")
	b.url(c.URL(DownloadsPath+"/"+FeedName, ""))
	b.raw(`" type="application/atom+xml">`)
	b.text(c.t("reference.changes.feed"))
	b.raw("</a></p>")
	pairs := c.pairs()
	if len(pairs) == 0 {
		b.raw("\n<p>")
		b.text(c.t("reference.changes.nothing_to_compare"))
		b.raw("</p>")
	}
	var records []SearchRecord
	for _, p := range pairs {
		r := c.g.compare(p)
		a := textString(p.anchor())
		heading := c.T("reference.changes.pair", "From", c.versionName(p.From).S, "To", c.versionName(p.To).S)
		b.raws("\n<section aria-labelledby=\"", a, "\">\n<h2 id=\"", a, `">`)
		b.text(heading)
		b.raw("</h2>")
		if r.Empty() {
			b.raw("\n<p>")
			b.text(c.t("reference.changes.no_changes"))
			b.raw("</p>")
		} else {
			h3 := func(id, msg string) {
				b.raws("\n<h3 id=\"", a, "-", id, `">`)
				b.text(c.t(msg))
				b.raw("</h3>\n")
			}
			if len(r.EndpointsAdded) > 0 {
				h3("endpoints-added", "reference.changes.endpoints_added")
				c.writeChangedEndpoints(b, r.EndpointsAdded, l)
			}
			if len(r.EndpointsRemoved) > 0 {
				h3("endpoints-removed", "reference.changes.endpoints_removed")
				c.writeChangedEndpoints(b, r.EndpointsRemoved, l)
			}
			if c.hasAspects(r) {
				h3("requirements-changed", "reference.changes.requirements_changed")
				b.raw("<table class=\"changes\">\n<caption>")
				b.text(c.t("reference.changes.requirements_changed"))
				b.raw(" (")
				b.text(c.n("reference.count.endpoints", len(r.RequirementChanges)))
				b.raw(")</caption>\n<thead><tr><th scope=\"col\">")
				b.text(c.t("reference.column.endpoint"))
				b.raw(`</th><th scope="col">`)
				b.text(c.t("reference.column.aspect"))
				b.raw(`</th><th scope="col">`)
				b.text(c.t("reference.column.before"))
				b.raw(`</th><th scope="col">`)
				b.text(c.t("reference.column.after"))
				b.raw("</th></tr></thead>\n<tbody>")
				for _, ch := range r.RequirementChanges {
					for _, asp := range ch.Aspects {
						b.raw("\n<tr><th scope=\"row\">")
						c.writeChangedEndpoint(b, ch.Endpoint, l)
						b.raw("</th><td>")
						b.esc(c.t("reference.aspect." + asp.Name))
						b.raw("</td><td>")
						plain.writeAspect(b, asp.Name, ch.Before, l)
						b.raw("</td><td>")
						plain.writeAspect(b, asp.Name, ch.After, l)
						b.raw("</td></tr>")
					}
				}
				b.raw("\n</tbody>\n</table>")
			}
			for _, list := range []struct {
				id, msg string
				ids     []changedID
			}{
				{"permissions-added", "reference.changes.permissions_added", c.changedPerms(r.PermissionsAdded)},
				{"permissions-removed", "reference.changes.permissions_removed", c.changedPerms(r.PermissionsRemoved)},
				{"scopes-added", "reference.changes.scopes_added", c.changedScopes(r.ScopesAdded)},
				{"scopes-removed", "reference.changes.scopes_removed", c.changedScopes(r.ScopesRemoved)},
			} {
				if len(list.ids) > 0 {
					h3(list.id, list.msg)
					b.writeChangedIDs(list.ids)
				}
			}
		}
		b.raw("\n</section>")
		records = append(records, SearchRecord{Anchor: p.anchor(), Title: heading, Text: heading})
	}
	b.raw("\n")
	return Page{Path: "reference/changes", Title: c.T("reference.changes.title"), Body: b.html(), Records: records}
}

// hasAspects reports whether a diff's requirement changes have a row to show.
func (c *ctx) hasAspects(r *diff.Result) bool {
	for _, ch := range r.RequirementChanges {
		if len(ch.Aspects) > 0 {
			return true
		}
	}
	return false
}

// writeAspect writes one aspect of a requirement variant.
func (c *ctx) writeAspect(b *htmlw, aspect string, r *model.Variant, l *langData) {
	switch aspect {
	case diff.AspectFineGrained:
		c.writeFineGrained(b, r.FineGrained, l)
	case diff.AspectClassicPrivate:
		c.writeScopes(b, r.Classic, false, l)
	case diff.AspectClassicPublic:
		c.writeScopes(b, r.Classic, true, l)
	case diff.AspectGitHubApps:
		if r.GitHubApps {
			b.esc(c.t("reference.accepted"))
		} else {
			b.raw(l.notAccepted)
		}
	}
}
func (c *ctx) changedPerms(ids []string) []changedID {
	var out []changedID
	for _, id := range ids {
		p, _ := c.m.Permission(id)
		x := changedID{ID: id, Title: c.permTitle(p)}
		if p.Versions.Has(c.vi) {
			x.Href = c.URL("reference/permissions/"+id, "")
		}
		out = append(out, x)
	}
	return out
}

func (c *ctx) changedScopes(ids []string) []changedID {
	var out []changedID
	for _, id := range ids {
		s, _ := c.m.Scope(id)
		x := changedID{ID: id, Title: c.scopeTitle(s)}
		if s.Versions.Has(c.vi) {
			x.Href = c.URL("reference/scopes", c.g.ScopeAnchor(s))
		}
		out = append(out, x)
	}
	return out
}
