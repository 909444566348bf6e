package reference

import (
	"html/template"
	"strings"

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

type changeSection struct {
	Anchor, Heading            string
	Empty                      bool
	Added, Removed             []changedEndpoint
	Changed                    []template.HTML
	PermsAdded, PermsRemoved   []changedID
	ScopesAdded, ScopesRemoved []changedID
	ChangedCount               string
}

type changedEndpoint struct {
	Href, Method, Path, Operation string
}

// changedEndpointHTML is an endpoint's route, linked when it exists in the page's version, and
// its operation id.
func changedEndpointHTML(e changedEndpoint) string {
	route := "<code>" + esc(e.Method) + " " + esc(e.Path) + "</code>"
	if e.Href != "" {
		route = `<a href="` + esc(e.Href) + `">` + route + "</a>"
	}
	return route + " <code>" + esc(e.Operation) + "</code>"
}

// changedEndpointsHTML lists endpoints added or removed.
func changedEndpointsHTML(list []changedEndpoint) template.HTML {
	var b strings.Builder
	b.WriteString(`<ul class="endpoint-list">`)
	for _, e := range list {
		b.WriteString("\n<li>" + changedEndpointHTML(e) + "</li>")
	}
	b.WriteString("\n</ul>")
	return template.HTML(b.String())
}

// changedIDsHTML lists permissions or scopes added or removed.
func changedIDsHTML(list []changedID) template.HTML {
	var b strings.Builder
	b.WriteString("<ul>")
	for _, x := range list {
		id := "<code>" + esc(x.ID) + "</code>"
		if x.Href != "" {
			id = `<a href="` + esc(x.Href) + `">` + id + "</a>"
		}
		b.WriteString("\n<li>" + id + " " + string(x.Title.HTML()) + "</li>")
	}
	b.WriteString("\n</ul>")
	return template.HTML(b.String())
}

// changedRowHTML is one row of a requirements-changed table (written in Go: the tables can be long).
func changedRowHTML(e changedEndpoint, aspect string, before, after template.HTML) template.HTML {
	return template.HTML(`<tr><th scope="row">` + changedEndpointHTML(e) + "</th><td>" + esc(aspect) +
		"</td><td>" + string(before) + "</td><td>" + string(after) + "</td></tr>")
}

type changedID struct {
	ID, Href string
	Title    Text
}

func (c *ctx) changedEndpoint(e diff.Endpoint) changedEndpoint {
	x := changedEndpoint{Method: e.Method, Path: e.Path, Operation: e.Operation}
	if e.Model.Versions.Has(c.vi) {
		x.Href = c.URL("reference/endpoints/"+e.Category, c.g.EndpointAnchor(e.Model))
	}
	return x
}

func (c *ctx) changesPage() Page {
	plain := *c
	plain.plain = true // requirements of other versions may name what this version lacks: no links
	var sections []changeSection
	var records []SearchRecord
	for _, p := range c.pairs() {
		r := c.g.compare(p)
		s := changeSection{Anchor: p.anchor(), Empty: r.Empty(),
			Heading: c.T("reference.changes.pair", "From", c.versionName(p.From).S, "To", c.versionName(p.To).S)}
		for _, e := range r.EndpointsAdded {
			s.Added = append(s.Added, c.changedEndpoint(e))
		}
		for _, e := range r.EndpointsRemoved {
			s.Removed = append(s.Removed, c.changedEndpoint(e))
		}
		for _, ch := range r.RequirementChanges {
			for _, a := range ch.Aspects {
				s.Changed = append(s.Changed, changedRowHTML(c.changedEndpoint(ch.Endpoint), c.T("reference.aspect."+a.Name),
					plain.aspectHTML(a.Name, ch.Before), plain.aspectHTML(a.Name, ch.After)))
			}
		}
		s.PermsAdded, s.PermsRemoved = c.changedPerms(r.PermissionsAdded), c.changedPerms(r.PermissionsRemoved)
		s.ScopesAdded, s.ScopesRemoved = c.changedScopes(r.ScopesAdded), c.changedScopes(r.ScopesRemoved)
		s.ChangedCount = c.N("reference.count.endpoints", len(r.RequirementChanges))
		sections = append(sections, s)
		records = append(records, SearchRecord{Anchor: s.Anchor, Title: s.Heading, Text: s.Heading})
	}
	intro := c.T("reference.changes.intro_releases")
	if c.v.Release.IsZero() {
		intro = c.T("reference.changes.intro_products", "Version", c.versionName(c.v).S)
	}
	body := render("changes", map[string]any{"C": c, "Intro": intro, "Sections": sections,
		"Feed": c.URL(DownloadsPath+"/"+FeedName, "")})
	return Page{Path: "reference/changes", Title: c.T("reference.changes.title"), Body: body, Records: records}
}

// aspectHTML writes one aspect of a requirement variant.
func (c *ctx) aspectHTML(aspect string, r *model.Variant) template.HTML {
	switch aspect {
	case diff.AspectFineGrained:
		return c.fineGrainedHTML(r.FineGrained)
	case diff.AspectClassicPrivate:
		return c.scopesHTML(r.Classic, false)
	case diff.AspectClassicPublic:
		return c.scopesHTML(r.Classic, true)
	case diff.AspectGitHubApps:
		if r.GitHubApps {
			return template.HTML(esc(c.T("reference.accepted")))
		}
		return template.HTML(esc(c.T("reference.not_accepted")))
	}
	return ""
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
